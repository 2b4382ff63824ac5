"""Relevant rules (R): the KPI measures a result of its KRA, not effort or applause."""

from __future__ import annotations

import re
from functools import lru_cache

from krakit.rules.base import Fix, Hit, Rule, Severity
from krakit.rules.context import KPIContext
from krakit.rules.words import first_word, load_words, word_pattern

__all__ = ["ACTIVITY_METRIC", "IRRELEVANT_KPI", "VANITY_METRIC"]

_STOP = frozenset(
    "a an and the of to for in on at by with from per our their its is are be as or "
    "number no total average avg rate ratio percentage percent score level count "
    "management manage managing".split()
)


@lru_cache(maxsize=8192)
def _tokens(text: str) -> frozenset[str]:
    # remembered: a sheet asks for the same KRA titles and metrics row after row
    out = set()
    for word in re.findall(r"[a-z]+", text.lower()):
        if len(word) > 2 and word not in _STOP:
            out.add(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return frozenset(out)


@lru_cache(maxsize=16)
def _openers(name: str) -> frozenset[str]:
    """The first word of each term of a word list ("make" for "make calls")."""
    return frozenset(t.split()[0] for t in load_words(name).terms if t.split())


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, tuple[str, frozenset[str]]] | None:
    """The template library's KRA areas: title and every word of its metrics and keywords.

    None when the library is not installed (the rule then stays silent).
    """
    try:
        from krakit.library import vocabulary
    except ImportError:
        return None
    areas: dict[str, tuple[str, frozenset[str]]] = {}
    for area in vocabulary():
        words: set[str] = set()
        for phrase in (area.title, *area.aliases, *area.keywords, *(m.name for m in area.metrics)):
            words |= _tokens(str(phrase))
        areas[area.name] = (area.title, frozenset(words))
    return areas


@lru_cache(maxsize=4096)
def _area_of(text: str) -> str | None:
    from krakit.library import area_of

    return area_of(text)


def _irrelevant(ctx: KPIContext) -> Hit | None:
    vocab = _vocabulary()
    if ctx.kra is None or vocab is None:
        return None
    kra_text = ctx.kra.title
    kpi_text = ctx.metric or ctx.text
    kra_tokens, kpi_tokens = _tokens(kra_text), _tokens(kpi_text)
    if not kpi_tokens or kra_tokens & kpi_tokens:
        return None
    kra_area, kpi_area = _area_of(kra_text), _area_of(kpi_text)
    if kra_area is None or kpi_area is None or kra_area == kpi_area:
        return None
    if kpi_tokens & vocab[kra_area][1]:
        return None  # the KPI uses words of the KRA's own area
    home = None
    if ctx.scorecard is not None:
        home = next((k.id for k in ctx.scorecard.kras if _area_of(k.title) == kpi_area), None)
    return Hit(values={"kra": ctx.kra.title, "area": vocab[kpi_area][0].lower()}, fix=home)


IRRELEVANT_KPI = Rule(
    code="R001",
    name="irrelevant-kpi",
    severity=Severity.WARNING,
    message="'{text}' measures {area}, which has nothing to do with its KRA '{kra}'",
    why="A KPI that does not measure its KRA rewards work the KRA does not ask for.",
    bad=(
        "title: Recruitment\nkpis:\n- statement: Reduce the days sales outstanding to 40 days "
        "by March 2027\n  metric: days sales outstanding",
    ),
    good=(
        "title: Recruitment\nkpis:\n- statement: Reduce time to hire from 45 to 30 days by "
        "March 2027\n  metric: time to hire",
    ),
    source="SMART criteria: Relevant (Doran, 1981, 'Realistic'; later 'Relevant'); KPI-KRA "
    "alignment (Parmenter, 2019); areas and metric words from krakit's template library",
    fix="Move the KPI under the KRA it measures, or pick a measure of this KRA.",
    autofix=Fix(
        title="Move it under the KRA it measures ({value})",
        action="move-kpi",
        example="role: {title: Accounts executive}\nholder: Asha\nkras:\n- title: Recruitment\n"
        "  kpis:\n  - {statement: Reduce days sales outstanding from 60 to 45 days by "
        "March 2027, metric: days sales outstanding}\n- title: Receivables and collections\n"
        "  kpis:\n  - {statement: Collect 95% of invoices within 30 days each month}",
    ),
    examples="kra",
    smart="R",
    test=_irrelevant,
)

_TIME_OR_MONEY = {"%", "days", "hours", "minutes", "weeks", "months"}


def _activity(ctx: KPIContext) -> Hit | None:
    text = ctx.text.strip()
    unit = ctx.unit or ""
    countable = ctx.target is not None and not ctx.relative and unit not in _TIME_OR_MONEY
    countable = countable and not (len(unit) == 3 and unit.isupper())
    verb = first_word(text)
    if countable and verb and verb in _openers("activity_verbs"):
        m = re.search(re.escape(verb), text, re.IGNORECASE)
        return Hit(values={"what": verb}, span=m.span() if m else None)
    name = ctx.metric or text
    if re.search(r"\b(number|no\.?|count|#)\s*of\b", name, re.IGNORECASE) or countable:
        noun = word_pattern("activity_verbs", "nouns").search(name)
        done = word_pattern("activity_verbs", "participles").search(name)
        if noun and done and noun.start() < done.start():
            return Hit(values={"what": f"{noun.group(0)} {done.group(0)}"}, span=noun.span())
    return None


ACTIVITY_METRIC = Rule(
    code="R002",
    name="activity-metric",
    severity=Severity.WARNING,
    message="'{text}' counts activity ('{what}'), not a result it should lead to",
    why="Counting effort rewards being busy: 50 calls can produce no sale.",
    bad=(
        "Make 50 calls per day",
        "Conduct 10 training sessions per quarter",
        "Number of site visits made per month",
    ),
    good=(
        "Convert 8% of calls to qualified leads each month",
        "Raise post-training assessment scores from 60% to 75% by Q2 2027",
    ),
    source=load_words("activity_verbs").source,
    fix="Measure what the activity is for, e.g. 'Convert 8% of calls to qualified leads'; "
    "keep the activity count as a leading indicator at most.",
    smart="R",
    test=_activity,
)


def _vanity(ctx: KPIContext) -> Hit | None:
    words = load_words("vanity_metrics")
    found = words.first(ctx.text)
    if not found:
        return None
    if re.search(r"\b(rate|ratio|conversion|engagement|per|active|paying)\b", ctx.text, re.I):
        return None
    m = found
    term = m.group(0)
    return Hit(
        values={"term": term, "swap": words.swap_for(term.lower()) or "a rate"}, span=m.span()
    )


VANITY_METRIC = Rule(
    code="R003",
    name="vanity-metric",
    severity=Severity.WARNING,
    message="'{term}' in '{text}' is a vanity metric: it grows without saying whether it "
    "helps; measure {swap} instead",
    why="Totals and followers only go up, so they look good whatever the business does.",
    bad=(
        "Reach 10,000 Instagram followers by December 2027",
        "Grow cumulative app downloads to 1 million by March 2027",
    ),
    good=("Raise Instagram engagement rate from 2% to 3.5% by December 2027",),
    source=load_words("vanity_metrics").source,
    fix="Measure a rate or a result per period instead of a running total.",
    smart="R",
    test=_vanity,
)

__rules__ = (IRRELEVANT_KPI, ACTIVITY_METRIC, VANITY_METRIC)
