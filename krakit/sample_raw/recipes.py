"""One recipe per raw table: the rows that give one person's sample actuals exactly.

Each recipe takes (rng, person, {kpi: {period: value}}, rows) and appends that person's rows.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

import numpy as np
import pandas as pd

from krakit.sample_raw.exact import (
    _append,
    _dates,
    _flags,
    _plus,
    _Rows,
    _share,
    _span,
    _whole_sum,
)

Recipe = Callable[[np.random.Generator, str, dict[str, dict[str, float]], _Rows], None]
"""(rng, person, {kpi: {period: value}}, rows): append one person's rows to a table."""


def _quarter_months(months: dict[str, float], quarter: str) -> list[str]:
    return [m for m in months if str(pd.Period(m).asfreq("Q")).replace("Q", "-Q") == quarter]


def _orders(rng: np.random.Generator, person: str, v: dict[str, dict[str, float]], rows: _Rows):
    months = v["average-order-value"]
    for quarter, won in v["new-dealers-won"].items():
        booked = []  # per month: values (INR), dealer ids, dealer status
        for month in _quarter_months(months, quarter):
            aov, n = int(months[month]) // 100, int(rng.integers(8, 15))
            values = _whole_sum(rng, aov * rng.lognormal(0.0, 0.35, n), n * aov, 50, 20 * aov)
            dealers = [f"{person}-D{int(d):02d}" for d in rng.integers(1, 16, n)]
            booked.append((month, list(values * 100), dealers, ["existing"] * n))
        slots = [(i, j) for i, (_, values, _, _) in enumerate(booked) for j in range(len(values))]
        for number, pick in enumerate(rng.choice(len(slots), size=int(won), replace=False)):
            i, j = slots[pick]
            booked[i][2][j], booked[i][3][j] = f"{person}-N{quarter}-{number + 1}", "new"
        if int(won):
            # The first new dealer orders again at the month's average (the average holds):
            # a distinct count still counts them once.
            i = next(i for i, b in enumerate(booked) if "new" in b[3])
            month, values, dealers, status = booked[i]
            values.append(int(months[month]))
            dealers.append(dealers[status.index("new")])
            status.append("new")
        for month, values, dealers, status in booked:
            cancelled = int(rng.integers(1, 3))
            aov = int(months[month])
            _append(
                rows,
                sales_exec=person,
                order_date=_dates(rng, month, len(values) + cancelled),
                dealer_id=dealers
                + [f"{person}-D{int(d):02d}" for d in rng.integers(1, 16, cancelled)],
                dealer_status=status + ["existing"] * cancelled,
                order_value=values + [int(x) * aov for x in rng.integers(3, 9, cancelled)],
                status=["booked"] * len(values) + ["cancelled"] * cancelled,
            )


def _invoices(rng: np.random.Generator, person: str, v: dict[str, dict[str, float]], rows: _Rows):
    for month, revenue in v["monthly-territory-revenue"].items():
        k, m = _share(v["receivables-overdue-beyond-60-days"][month])
        n = math.lcm(10, m)
        k = k * n // m
        total_days = round(v["days-sales-outstanding"][month] * n)
        ok_total = min(round((n - k) * 40), total_days - 61 * k, (n - k) * 60)
        ok_total = max(ok_total, total_days - 365 * k, 0)
        ok = _whole_sum(rng, rng.normal(40, 12, n - k), ok_total, 0, 60)
        late_total = total_days - ok_total
        late = _whole_sum(rng, rng.normal(late_total / max(k, 1), 25, k), late_total, 61, 365)
        overdue = _flags(rng, n, k)
        days = np.empty(n, dtype=np.int64)
        days[~overdue], days[overdue] = ok, late
        amounts = (
            _whole_sum(
                rng,
                rng.lognormal(0, 0.6, n) * revenue / 100 / n,
                int(revenue) // 100,
                1,
                int(revenue),
            )
            * 100
        )
        issued = _dates(rng, month, n + 1)
        _append(
            rows,
            sales_exec=person,
            invoice_date=issued,
            amount=np.append(amounts, int(rng.integers(20, 80)) * 1000),
            days_outstanding=np.append(days, 0),
            paid_on=_plus(issued, np.append(days, 0)),
            status=["issued"] * n + ["cancelled"],
        )


def _enquiries(rng: np.random.Generator, person: str, v: dict[str, dict[str, float]], rows: _Rows):
    for month, followed in v["enquiries-followed-up-within-24-hours"].items():
        k1, n1 = _share(followed)
        k2, n2 = _share(v["enquiry-to-order-conversion-rate"][month])
        n = math.lcm(n1, n2)
        while n < 40:
            n *= 2
        on_time = _flags(rng, n, k1 * n // n1)
        hours = np.where(on_time, rng.integers(1, 25, n), rng.integers(25, 120, n))
        _append(
            rows,
            sales_exec=person,
            received_on=_dates(rng, month, n),
            hours_to_follow_up=hours,
            converted=_flags(rng, n, k2 * n // n2),
        )


def _requisitions(
    rng: np.random.Generator, person: str, v: dict[str, dict[str, float]], rows: _Rows
):
    months = v["average-time-to-hire"]
    costs = v["cost-per-hire"]
    for quarter, cost in costs.items():
        in_quarter = _quarter_months(months, quarter)
        hire_cost = (
            _whole_sum(rng, rng.lognormal(0, 0.4, 30) * cost / 100, 30 * int(cost) // 100, 50, 5000)
            * 100
        )
        for index, month in enumerate(in_quarter):
            mean = months[month]
            days = _whole_sum(rng, rng.gamma(4.0, mean / 4.0, 10), round(mean * 10), 7, 180)
            filled = _dates(rng, month, 10)
            approved = _plus(filled, -days)
            transfers = int(rng.integers(1, 3))
            t_filled = _dates(rng, month, transfers)
            t_days = rng.integers(5, 15, transfers)
            still_open = int(rng.integers(1, 3))
            open_approved = _dates(rng, month, still_open)
            _append(
                rows,
                recruiter=person,
                approved_on=approved + _plus(t_filled, -t_days) + open_approved,
                posted_on=_plus(approved, rng.integers(1, 8, 10))
                + _plus(t_filled, -t_days + 1)
                + _plus(open_approved, rng.integers(1, 8, still_open)),
                filled_on=filled + t_filled + [None] * still_open,
                status=["filled"] * (10 + transfers) + ["open"] * still_open,
                hire_type=["external"] * 10
                + ["internal_transfer"] * transfers
                + ["external"] * still_open,
                hire_cost=np.concatenate(
                    [
                        hire_cost[index * 10 : index * 10 + 10],
                        np.zeros(transfers + still_open, dtype=np.int64),
                    ]
                ),
            )


def _offers(rng: np.random.Generator, person: str, v: dict[str, dict[str, float]], rows: _Rows):
    for month, rate in v["offer-acceptance-rate"].items():
        k, n = _share(rate, at_least=20)
        accepted = _flags(rng, n, k)
        _append(
            rows,
            recruiter=person,
            offered_on=_dates(rng, month, n),
            status=np.where(accepted, "accepted", "declined"),
        )


def _candidates(rng: np.random.Generator, person: str, v: dict[str, dict[str, float]], rows: _Rows):
    for month, rate in v["candidates-given-feedback-within-3-days"].items():
        k, n = _share(rate, at_least=20)
        fast = _flags(rng, n, k)
        _append(
            rows,
            recruiter=person,
            interviewed_on=_dates(rng, month, n),
            feedback_days=np.where(fast, rng.integers(0, 4, n), rng.integers(4, 15, n)),
        )


def _surveys(rng: np.random.Generator, person: str, v: dict[str, dict[str, float]], rows: _Rows):
    for kpi, survey, low, high in (
        ("quality-of-hire-score", "quality_of_hire", 1, 5),
        ("employee-engagement-score", "engagement_pulse", 0, 100),
    ):
        for quarter, mean in v.get(kpi, {}).items():
            n = 10 * int(rng.integers(1, 4))
            scores = _whole_sum(
                rng, rng.normal(mean, (high - low) / 6, n), round(mean * n), low, high
            )
            _append(
                rows,
                survey=survey,
                person=person,
                answered_on=_dates(rng, quarter, n),
                score=scores,
            )
    for quarter, nps in v.get("candidate-nps", {}).items():
        net, n = _share(nps, at_least=60)
        detractors = int(rng.integers(n // 10, (n - net) // 2 + 1))
        promoters = net + detractors
        kinds = rng.permutation(
            np.repeat([9, 7, 0], [promoters, n - promoters - detractors, detractors])
        )
        scores = np.where(
            kinds == 9,
            rng.integers(9, 11, n),
            np.where(kinds == 7, rng.integers(7, 9, n), rng.integers(0, 7, n)),
        )
        _append(
            rows,
            survey="candidate_nps",
            person=person,
            answered_on=_dates(rng, quarter, n),
            score=scores,
        )


def _hires(rng: np.random.Generator, person: str, v: dict[str, dict[str, float]], rows: _Rows):
    for quarter, rate in v["first-year-attrition-of-new-hires"].items():
        k, n = _share(rate, at_least=20)
        joined = _dates(rng, quarter, n)
        left = _flags(rng, n, k)
        _append(
            rows,
            recruiter=person,
            joined_on=joined,
            left_within_first_year=left,
        )


def _onboarding(rng: np.random.Generator, person: str, v: dict[str, dict[str, float]], rows: _Rows):
    for month, rate in v["new-hires-completing-induction-in-week-one"].items():
        k, n = _share(rate, at_least=20)
        joined = _dates(rng, month, n)
        fast = _flags(rng, n, k)
        _append(
            rows,
            hr_owner=person,
            joined_on=joined,
            induction_done_on=_plus(
                joined, np.where(fast, rng.integers(1, 8, n), rng.integers(8, 30, n))
            ),
        )


def _employees(rng: np.random.Generator, person: str, v: dict[str, dict[str, float]], rows: _Rows):
    for quarter, rate in v["90-day-new-hire-retention"].items():
        k, n = _share(rate, at_least=20)
        joined = _dates(rng, quarter, n)
        stayed = _flags(rng, n, k)
        still_here = rng.random(n) < 0.7
        left_after = np.where(stayed, rng.integers(91, 400, n), rng.integers(5, 91, n))
        left_on = [
            None if s and h else d
            for s, h, d in zip(stayed, still_here, _plus(joined, left_after), strict=True)
        ]
        _append(rows, hr_owner=person, joined_on=joined, left_on=left_on)


def _headcount_exits_tickets(
    rng: np.random.Generator, person: str, v: dict[str, dict[str, float]], tables: dict[str, _Rows]
):
    for month, attrition in v["voluntary-attrition-rate"].items():
        exits, heads = _share(attrition, scale=1200, at_least=300)
        queries_per_100 = v["payroll-queries-per-100-employees"][month]
        grow = 100 // math.gcd(heads, 100)  # whole queries per 100 need 100 | headcount
        exits, heads = exits * grow, heads * grow
        queries = round(queries_per_100) * heads // 100
        start, _ = _span(month)
        _append(tables["headcount"], hr_owner=person, month=[start], headcount=[heads])
        involuntary = int(rng.integers(0, 3))
        _append(
            tables["exits"],
            hr_owner=person,
            exit_on=_dates(rng, month, exits + involuntary),
            exit_type=rng.permutation(["voluntary"] * exits + ["involuntary"] * involuntary),
        )
        raised = _dates(rng, month, queries)
        _append(
            tables["tickets"],
            hr_owner=person,
            category="payroll",
            raised_on=raised,
            resolved_on=_plus(raised, rng.integers(0, 6, queries)),
        )
    for quarter, rate in v["grievances-resolved-within-15-days"].items():
        k, n = _share(rate, at_least=20)
        raised = _dates(rng, quarter, n)
        fast = _flags(rng, n, k)
        resolved = _plus(raised, np.where(fast, rng.integers(1, 16, n), rng.integers(16, 60, n)))
        unresolved = ~fast & (rng.random(n) < 0.3)
        _append(
            tables["tickets"],
            hr_owner=person,
            category="grievance",
            raised_on=raised,
            resolved_on=[None if u else r for u, r in zip(unresolved, resolved, strict=True)],
        )


def _payroll_runs(
    rng: np.random.Generator, person: str, v: dict[str, dict[str, float]], rows: _Rows
):
    for month, accuracy in v["payroll-accuracy"].items():
        right, n = _share(accuracy, at_least=400)
        regular = int(n * rng.uniform(0.85, 0.95))
        wrong = n - right
        wrong_regular = int(rng.integers(0, wrong + 1))
        start, days = _span(month)
        _append(
            rows,
            hr_owner=person,
            run_on=[start + dt.timedelta(days=days - 2), start + dt.timedelta(days=days - 1)],
            run_type=["regular", "arrears"],
            payslips=[regular, n - regular],
            payslips_with_errors=[wrong_regular, wrong - wrong_regular],
        )


def _filings(rng: np.random.Generator, person: str, v: dict[str, dict[str, float]], rows: _Rows):
    for month, rate in v["statutory-filings-on-time"].items():
        k, n = _share(rate, at_least=20)
        due = _dates(rng, month, n)
        on_time = _flags(rng, n, k)
        _append(
            rows,
            hr_owner=person,
            due_on=due,
            filed_on=_plus(due, np.where(on_time, -rng.integers(0, 10, n), rng.integers(1, 20, n))),
        )


def _training(
    rng: np.random.Generator, person: str, v: dict[str, dict[str, float]], tables: dict[str, _Rows]
):
    for quarter, rate in v["mandatory-training-completion-rate"].items():
        k, n = _share(rate, at_least=20)
        due = _dates(rng, quarter, n)
        done = _flags(rng, n, k)
        late = ~done & (rng.random(n) < 0.5)
        completed = [
            d - dt.timedelta(days=int(rng.integers(0, 20)))
            if ok
            else (d + dt.timedelta(days=int(rng.integers(1, 30))) if lt else None)
            for d, ok, lt in zip(due, done, late, strict=True)
        ]
        optional = int(rng.integers(3, 10))
        _append(
            tables["training"],
            hr_owner=person,
            course=list(rng.choice(["POSH", "Fire safety", "Data privacy", "Code of conduct"], n))
            + ["Excel"] * optional,
            mandatory=[True] * n + [False] * optional,
            due_on=due + _dates(rng, quarter, optional),
            completed_on=completed + [None] * optional,
        )
    for quarter, hours in v["training-hours-per-employee"].items():
        people = 10 * int(rng.integers(2, 5))
        sessions = people * 2
        ids = np.concatenate([np.arange(people), rng.integers(0, people, sessions - people)])
        per_session = _whole_sum(rng, np.full(sessions, hours / 2), round(hours * people), 1, 40)
        _append(
            tables["training_sessions"],
            hr_owner=person,
            employee_id=[f"{person}-E{int(i):03d}" for i in ids],
            attended_on=_dates(rng, quarter, sessions),
            hours=per_session,
        )


_BY_ROLE: dict[str, tuple[tuple[str, Recipe], ...]] = {
    "sales-executive": (("orders", _orders), ("invoices", _invoices), ("enquiries", _enquiries)),
    "recruiter": (
        ("requisitions", _requisitions),
        ("offers", _offers),
        ("candidates", _candidates),
        ("surveys", _surveys),
        ("hires", _hires),
    ),
    "hr-generalist": (
        ("onboarding", _onboarding),
        ("employees", _employees),
        ("payroll_runs", _payroll_runs),
        ("filings", _filings),
        ("surveys", _surveys),
    ),
}
_MULTI: dict[str, Callable[..., None]] = {
    "hr-generalist": lambda rng, person, v, tables: (
        _headcount_exits_tickets(rng, person, v, tables),
        _training(rng, person, v, tables),
    )
}
