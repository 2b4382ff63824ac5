"""The one assertion every fuzz test makes: success, or a KrakitError that says where."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from krakit.errors import KrakitError

T = TypeVar("T")


def accepted_or_refused(
    call: Callable[..., T], *args: Any, names: Iterable[str] = (), **kwargs: Any
) -> T | KrakitError:
    """Run ``call``; return its result, or the :class:`KrakitError` it raised.

    Any other exception propagates (the test fails with it). A KrakitError must carry a
    non-empty reason and its message must contain every string in ``names`` (the file path,
    say), so a user can tell where the problem is.
    """
    try:
        return call(*args, **kwargs)
    except KrakitError as exc:
        message = str(exc)
        assert exc.reason.strip(), f"empty reason: {exc!r}"
        assert message.strip()
        for name in names:
            assert name in message, f"{name!r} not named in: {message}"
        return exc
