"""Tell a KRA from a KPI: :func:`classify`.

krakit's definitions: a **KPI** names a measurable indicator (a rate, ratio, count, "number
of", "% of", a time, a cost per, a score, an amount) with or without a target, or states a
numeric target for a quantity. A **KRA** is an area of responsibility, a duty or a broad
outcome that names no indicator and no number ("Recruitment", "Improve customer satisfaction",
"Launch the new portal by June").

The rules, strongest first (word lists in ``lexicon/classify.yaml``):

1. **A numeric target** found by :func:`krakit.parse_kpi` (not a year, line number, ageing
   bucket or weightage — the parser sets those aside) makes a KPI. So does a placeholder
   quantity ("X%", "X units"): the writer meant a number.
2. **A heading or OKR prefix** ("KRA 3 –", "Objective 1:", "Key result 2:") is set aside
   (:func:`krakit.text.heading.heading_end`); the rest is judged. **A sentence that opens with
   a duty or outcome verb** ("Ensure…", "Manage…", "Improve…") is
   judged by its object, the words up to the first preposition or comma: "Improve vendor
   quality score" is a KPI (score), "Improve vendor quality" and "Shape hiring
   plans … with regard to number of interviewers" are KRAs.
3. **An indicator word anywhere** in a phrase without such a verb (rate, ratio, %, score,
   number of, average, TAT, turnover, "X time", "per hour", NPS, DSO…) makes a KPI.
4. **A measured amount** — an amount or event noun with a measure word before it ("Weekly
   bookings", "Signed contracts", "Reduction in unbilled hours") — or a compliance/coverage
   phrase about something countable ("Calibration plan compliance", "Audit coverage") is a KPI.
5. Otherwise the phrase names an area or an activity: a KRA. For a KRA, candidate KPIs come
   from the template library's metric vocabulary (:func:`krakit.library.suggest_kpis`).

Reasons are short sentences a trainer can read aloud.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from krakit.text.draft import Classification, Label
from krakit.text.heading import heading_end
from krakit.text.lexicon import WordList, alt, load, phrase_re, words_of
from krakit.text.parse import MAX_CHARS, PLACEHOLDER, parse_kpi

__all__ = ["classify"]

_L = load("classify")


_INDICATOR = WordList.of([w for w in _L["indicator_words"] if w not in ("%", "#", "per")])
_SYMBOL = re.compile(r"%|#\s*(?:of\b)|\(\s*%\s*\)")
# "per hour", "cost per click" — but not "as per", "per cent", "per schedule"
_PER = re.compile(
    r"(?i)(?<!\bas\s)(?<!\bas)\bper\s+(?!cent\b|schedule|policy|plan\b|sop|norms?|guidelines?|standards?|requirements?|process|instructions?|the\s)[a-z]"
)
# "<noun> time": response time, idle time — not "on time", "part time", "real time"
_X_TIME = re.compile(
    r"(?i)\b(?!(?:on|in|real|part|full|over|at|first|same|each|every|any|some|long|short|due|the|a|this|that|all|spare|free|of|per|no|one|next|last|from|to|for|and|with|its|their|our|your)\b)[a-z][a-z-]*[\s-]time\b"
)
# first-word gates: a pattern runs only when a sentence holds a word that can start it
_AMOUNT_GATE = WordList.of(_L["amount_words"])
_MEASURE_GATE = WordList.of(_L["measure_words"])
_COMPLIANCE_GATE = frozenset({"compliance", "coverage", "adherence"})
_MEASURE_AMOUNT = re.compile(
    rf"(?i)(?<![A-Za-z])(?:{alt(_L['measure_words'])})(?:\s+[a-z-]+)?\s+(?:{alt(_L['amount_words'])})(?![A-Za-z])(?!\s+(?:targets?|goals?|budgets?|plans?|objectives?)\b)"
)
# A bare acronym of 2-6 capitals, maybe with a lowercase prefix ("eNPS") or a plural "s".
_ACRONYM = re.compile(r"[a-z]?[A-Z][A-Z0-9&]{1,5}s?")
# Acronyms of departments and functions: areas, not indicators.
_AREA_ACRONYMS = frozenset(
    (
        "HR HRD HRM HRBP IT ITES QA QC R&D RND PR MIS EHS HSE SHE CSR SCM CRM ERP BD L&D LD "
        "F&A FP&A ADMIN OPS MKT MKTG GTM PMO CX UX UI TA IR ER SEO SEM SOP KPI KRA OKR MBO"
    ).split()
)
# The head of a noun phrase ("Quote-to-order ratio", "Dispatch time"): its last word.
_HEAD_WORDS = {w.lower() for w in _L["indicator_words"] if " " not in w}
_FIRST_CHUNK = re.compile(r"^[^:|(\[;\n]+")
_AMOUNT_MEASURED_AFTER = re.compile(
    rf"(?i)(?<![A-Za-z])(?:{alt(_L['amount_words'])})\s+(?:growth|generated|achieved|collected|booked|closed|raised|realised|realized|per|from)\b"
)
_MEASURED_COMPLIANCE = re.compile(
    rf"(?i)(?<![A-Za-z])(?:{alt(_L['compliance_measured'])})\)?\s+(?:compliance|coverage|adherence)\b"
)
_DUTY_LEAD = re.compile(rf"(?i)^\W*(?:to\s+)?(?P<verb>{alt(_L['duty_verbs'])})(?![A-Za-z])")
_OBJECT_END = re.compile(
    r"(?i)[,;:.!?()\[\]|]|\s[-–]\s|\b(?:to|for|with|through|by|and|so|that|while|across|within|as|via|using|in\s+order|in\s+terms|in\s+line|which|who|where|from|on|at|into)\b"
)
_ACTIVITY = phrase_re(_L["activity_words"])


def _first_chunk(text: str) -> str:
    m = _FIRST_CHUNK.match(text)
    return (m.group() if m else text).strip()


def _indicator(text: str) -> str | None:
    """The first word or phrase that names a measurable indicator, or None."""
    words = words_of(text)
    m = _INDICATOR.search(text, words) or _SYMBOL.search(text)
    m = m or (_PER.search(text) if "per" in words else None)
    if m:
        return m.group().strip()
    m = _X_TIME.search(text) if "time" in words else None
    if m:
        return m.group()
    return None


def _measured(text: str) -> str | None:
    words = words_of(text)
    patterns = []
    if _AMOUNT_GATE.present(words):
        if _MEASURE_GATE.present(words):
            patterns.append(_MEASURE_AMOUNT)
        patterns.append(_AMOUNT_MEASURED_AFTER)
    if not _COMPLIANCE_GATE.isdisjoint(words):
        patterns.append(_MEASURED_COMPLIANCE)
    for pattern in patterns:
        m = pattern.search(text)
        if m:
            return m.group()
    return None


def _suggestions(text: str) -> tuple[str, ...]:
    try:
        from krakit.library import suggest_kpis
    except ImportError:  # the library is optional for the classifier
        return ()
    try:
        return tuple(m.name for m in suggest_kpis(text, n=5))
    except Exception:  # a broken template file must not break classification
        return ()


def classify(text: str, *, suggest: bool = True) -> Classification:
    """Say whether ``text`` is a KRA or a KPI, how sure, and why; never raises.

    Parameters
    ----------
    text:
        A KRA title or a KPI statement.
    suggest:
        For a KRA, look up candidate KPIs in the template library.

    Returns
    -------
    Classification
        ``label`` ("KRA" or "KPI"), ``confidence`` (0–1), ``reasons`` and ``suggestions``.

    Examples
    --------
    >>> str(classify("Recruitment").label)
    'KRA'
    >>> str(classify("Time to hire").label)
    'KPI'
    >>> str(classify("Achieve ₹10 lakh monthly revenue").label)
    'KPI'
    >>> str(classify("Improve customer satisfaction").label)
    'KRA'
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    try:
        label, confidence, reasons = _decided(text[:MAX_CHARS], dt.date.today())
    except Exception:  # never break the widget on a rule bug
        label, confidence, reasons = Label.KRA, 0.5, ("krakit could not read this statement.",)
    suggestions: tuple[str, ...] = ()
    if label is Label.KRA and suggest and text.strip():
        suggestions = _suggestions(text[:300])
    return Classification(label, confidence, reasons, suggestions)


@lru_cache(maxsize=512)
def _decided(text: str, today: dt.date) -> tuple[Label, float, tuple[str, ...]]:
    # The guided flow classifies the text it has just parsed, and the checker classifies it
    # again: one decision is shared (per day, as the parse it reads is).
    return _decide(text)


def _decide(text: str) -> tuple[Label, float, tuple[str, ...]]:
    stripped = text.strip()
    if not stripped:
        return Label.KRA, 0.5, ("The statement is empty.",)
    draft = parse_kpi(stripped)
    target = draft.target or draft.target_low
    # 1. a numeric target
    if target is not None:
        return (
            Label.KPI,
            0.95,
            (f"It sets a numeric target ({target}), so it can be measured.",),
        )
    placeholder = PLACEHOLDER.search(stripped)
    if placeholder:
        return (
            Label.KPI,
            0.8,
            (
                f"It has a placeholder number ('{placeholder.group().strip()}'): "
                "a KPI whose target is still to be filled in.",
            ),
        )
    # a heading or OKR prefix ("KRA 3 –", "Key result 2:") says nothing: judge what follows it
    stripped = stripped[heading_end(stripped) :].strip() or stripped
    # 2a. a sentence that opens with an indicator phrase ("Lead time for changes")
    opening = _INDICATOR.pattern.match(stripped)
    if opening and " " in opening.group():
        return (
            Label.KPI,
            0.9,
            (
                f"It names a measurable indicator ('{_first_chunk(stripped)}'), "
                "with or without a target.",
            ),
        )
    # 2b. a noun phrase whose head is an indicator ("Quote-to-order ratio", "Plan adherence
    # rate"): a KPI even when its first word could be read as a verb
    chunk = _FIRST_CHUNK.match(stripped)
    if chunk:
        words = re.findall(r"[A-Za-z%#]+", chunk.group())
        if words and words[-1].lower() in _HEAD_WORDS and len(words) <= 8:
            return (
                Label.KPI,
                0.9,
                (f"It is named after its indicator ('{words[-1]}'), with or without a target.",),
            )
    # 2c. a duty or outcome verb: judge by its object
    lead = _DUTY_LEAD.match(stripped)
    if lead:
        rest = stripped[lead.end() :]
        end = _OBJECT_END.search(rest)
        obj = rest[: end.start()] if end else rest
        found = _indicator(obj)
        if found and not re.fullmatch(r"(?i)\s*(?:the\s+)?(?:number|no\.)\s*", obj):
            return (
                Label.KPI,
                0.8,
                (f"It aims at '{obj.strip()}', which names a measurable indicator ('{found}').",),
            )
        verb = lead["verb"]
        return (
            Label.KRA,
            0.85,
            (
                f"It starts with '{verb}' and names no measurable indicator and no number: "
                "a duty or broad outcome, so a KRA.",
                "Ask: how would we measure it? The answer is the KPI.",
            ),
        )
    # 3. an indicator word
    found = _indicator(stripped)
    if found:
        return (
            Label.KPI,
            0.9,
            (f"'{found}' names a measurable indicator, with or without a target.",),
        )
    # 4. a measured amount or a compliance/coverage of something countable
    found = _measured(stripped)
    if found:
        return (
            Label.KPI,
            0.75,
            (f"'{found}' is an amount or count that can be measured each period.",),
        )
    # 5. a bare acronym ("LTIFR", "eNPS"), not a department's: most likely a named indicator
    if (
        _ACRONYM.fullmatch(stripped)
        and not {
            stripped.upper(),
            stripped[:-1].upper() if stripped.endswith("s") else "",
        }
        & _AREA_ACRONYMS
    ):
        return (
            Label.KPI,
            0.6,
            (
                f"'{stripped}' is a bare acronym, and acronyms standing alone are usually "
                "named indicators: a KPI, if it names a measure and not a department.",
            ),
        )
    # 6. an area
    area = _ACTIVITY.search(stripped)
    why = f"'{area.group()}' names an area of work" if area else "It names an area or an outcome"
    return (
        Label.KRA,
        0.8 if area else 0.7,
        (
            f"{why}, with no measurable indicator and no number: a KRA.",
            "A KPI would say what is counted or timed (a rate, a number of…, a time, an amount).",
        ),
    )
