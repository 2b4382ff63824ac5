"""Typing slips between two words: how many letters were added, dropped, changed or swapped.

One measure (optimal string alignment distance) for every place krakit forgives a typo: a
cadence written ``quaterly``, a KRA written twice as ``Revenue generation`` and
``Revenu generation``.
"""

from __future__ import annotations

__all__ = ["slips"]


def slips(a: str, b: str) -> int:
    """Typing slips between ``a`` and ``b`` (letters added, dropped, changed or swapped).

    >>> slips("quaterly", "quarterly"), slips("montlhy", "monthly"), slips("early", "yearly")
    (1, 1, 1)
    >>> slips("recruitment", "retention")
    7
    """
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]
