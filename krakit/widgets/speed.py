"""Keeping the wizard quick: what the first screen does not need is loaded after it is shown.

``import krakit`` and step 1 need neither pandas nor Altair nor vl-convert; steps 3 and 4 do,
and loading them the first time a manager clicks *Next* made that click take seconds. So
once the manager starts working in step 1 (the first edit, or a step change), the wizard
calls :func:`warm_up`, which loads them in a background thread that touches no widget. It
does not start while the page is being served: when a room arrives at once, every kernel's
CPU goes to drawing first screens.

vl-convert holds the GIL while its JavaScript engine starts (about 0.7 s): a keystroke
handled in that time waits for it (measured: one 0.77 s stall beside the warm-up). So the
warm-up does the Python part first and starts the engine only once the manager has paused
(:data:`IDLE_S` since the last widget callback, which every guarded callback notes through
:func:`note_activity`), when a stall goes unseen. A step that draws before then starts the
engine itself, as it would without a warm-up.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable

__all__ = ["IDLE_S", "note_activity", "wait_until_idle", "warm_up"]

log = logging.getLogger(__name__)

_started = threading.Event()

IDLE_S = 1.0
"""Seconds without a widget callback after which the manager counts as paused."""

_last_activity = [0.0]  # time.monotonic() of the last widget callback


def note_activity() -> None:
    """Note that the manager just did something (a guarded widget callback ran)."""
    _last_activity[0] = time.monotonic()


def wait_until_idle(
    idle_s: float = IDLE_S,
    *,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Return once no widget callback has run for ``idle_s`` seconds.

    >>> now = [100.0]
    >>> _last_activity[0] = 99.5
    >>> wait_until_idle(1.0, clock=lambda: now[0], sleep=lambda s: now.__setitem__(0, now[0] + s))
    >>> now[0] >= 100.5
    True
    """
    while (quiet := clock() - _last_activity[0]) < idle_s:
        sleep(idle_s - quiet)


def warm_up(delay: float = 0.0) -> threading.Thread | None:
    """Import what the later steps need, in a daemon thread, once per process.

    Parameters
    ----------
    delay
        Seconds to wait before loading.

    Returns
    -------
    threading.Thread or None
        The thread, or None when it was already started (or everything is loaded).
    """
    if _started.is_set() or "vl_convert" in sys.modules:
        return None
    _started.set()
    thread = threading.Thread(target=_load, args=(delay,), name="krakit-warm-up", daemon=True)
    thread.start()
    return thread


def _load(delay: float) -> None:
    time.sleep(delay)
    try:
        _exercise()
    except Exception:  # pragma: no cover - the step that needs it will say what failed
        log.debug("warm-up stopped", exc_info=True)


def _exercise() -> None:
    """Do once, on a library template, what steps 2 to 4 do: read a KPI, suggest KPIs for a
    KRA, check, score and draw (vl-convert starts its JavaScript engine on its first chart)."""
    import importlib

    import vl_convert

    from krakit import library, vegalite
    from krakit.rules import check
    from krakit.score import score
    from krakit.text.parse import parse_kpi

    for exports in ("krakit.report", "krakit.report_html", "krakit.report_sheets"):
        importlib.import_module(exports)
    card = library.template(library.templates()[0].name)
    parse_kpi("Increase monthly revenue from ₹8 lakh to ₹10 lakh by March")
    for kra in card.kras[:1]:
        library.suggest_kpis(kra.title)
    check(card)
    spec = vegalite.overview(card, score(card))
    wait_until_idle()  # the engine's start holds the GIL: not while the manager is typing
    vl_convert.vegalite_to_svg(spec)
