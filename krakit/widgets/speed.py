"""Keeping the wizard quick: what the first screen does not need is loaded after it is shown.

``import krakit`` and step 1 need neither pandas nor Altair nor vl-convert; steps 3 and 4 do,
and loading them the first time a manager clicks *Next* made that click take seconds. So
once the manager starts working in step 1 (the first edit, or a step change), the wizard
calls :func:`warm_up`, which loads them in a background thread that touches no widget. It
does not start while the page is being served: when a room arrives at once, every kernel's
CPU goes to drawing first screens.
"""

from __future__ import annotations

import logging
import sys
import threading
import time

__all__ = ["warm_up"]

log = logging.getLogger(__name__)

_started = threading.Event()


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

    importlib.import_module("krakit.report")  # the exports
    card = library.template(library.templates()[0].name)
    parse_kpi("Increase monthly revenue from ₹8 lakh to ₹10 lakh by March")
    for kra in card.kras[:1]:
        library.suggest_kpis(kra.title)
    check(card)
    vl_convert.vegalite_to_svg(vegalite.overview(card, score(card)))
