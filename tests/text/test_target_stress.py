"""Targets as managers write them: a person would say what the target is, and krakit agrees.

Written for krakit, across domains (hospital, school, factory, shop, software, HR, finance,
logistics; Indian, Australian and US spellings; Hinglish): currencies (₹, Rs, INR, lakh/crore,
$, k/M/bn, €), percentages and percentage points, ratios (1:20, 3x), times (min, hrs, days,
TAT), counts with nouns, ranges, baselines ("from 8% to 5%": the target is 5%), numbers as words
("two", "a dozen", "by half"), dashboard cells ("Target: <6 min", "Actual 4.2 | Target 5").
Each is scored as ``make eval`` scores it (value and unit in the shared file's vocabulary), with
the direction too where a person would name one.
"""

import pytest

from tests.text.evaluation import EVAL

# text, (target value, unit, direction or None when any)
TARGETS = [
    ("Grow clinic revenue to ₹1.2 crore this year", ("12000000", "currency:INR", "increase")),
    ("Collections of Rs 45 lakh per month", ("4500000", "currency:INR", None)),
    ("Book INR 2,75,000 in renewals every quarter", ("275000", "currency:INR", None)),
    ("Branch deposits Rs.3.5 Cr by March 2027", ("35000000", "currency:INR", None)),
    ("Raise average basket value to Rs 850", ("850", "currency:INR", "increase")),
    ("Sell ₹75k of add-ons a week", ("75000", "currency:INR", None)),
    ("Cut the canteen bill by ₹20,000 a month", ("20000", "currency:INR", "decrease")),
    ("Grow ARR to $4.5M by Q4 2026", ("4500000", "currency:USD", "increase")),
    ("Keep cost per hire below $3,000", ("3000", "currency:USD", None)),
    ("Reduce cloud spend by $15k per month", ("15000", "currency:USD", "decrease")),
    ("Pipeline of $2bn by FY27", ("2000000000", "currency:USD", None)),
    ("Donations of US$250,000 this year", ("250000", "currency:USD", None)),
    ("Raise €1.5 million in grants by 2027", ("1500000", "currency:EUR", "increase")),
    ("Cut energy cost per unit to 0.18 € by 2027", ("0.18", "currency:EUR", "decrease")),
    ("Revenue per employee of 12 lakh rupees", ("1200000", "currency:INR", None)),
    ("Grow AUM to 500 crore by FY28", ("5000000000", "currency:INR", "increase")),
    ("Reduce OPD waiting time to 20 min", ("20", "minutes", "decrease")),
    ("Average call handling time below 6 mins", ("6", "minutes", "decrease")),
    ("Dispatch orders within 4 hrs of payment", ("4", "hours", "decrease")),
    ("Resolve P1 incidents in under 2 hours", ("2", "hours", "decrease")),
    ("Bring TAT for lab reports down to 24 hours", ("24", "hours", "decrease")),
    ("Cut time-to-hire from 45 days to 30 days", ("30", "days", "decrease")),
    ("Close the books within 5 working days of month end", ("5", "days", None)),
    ("Keep student-teacher ratio at 1:20", ("0.05", "ratio", "maintain")),
    ("Maintain a nurse-to-patient ratio of 1:4 on every ward", ("0.25", "ratio", "maintain")),
    ("Reach a 3:1 pipeline to quota ratio", ("3", "ratio", None)),
    ("Inventory turns of 8x a year", ("8", "ratio", None)),
    ("Grow repeat orders 2x by December", ("2", "ratio", "increase")),
    ("Deliver a 5 times return on ad spend", ("5", "ratio", None)),
    ("Sign 5 new clients per quarter", ("5", "count", None)),
    ("Onboard 12 new vendors by June", ("12", "count", None)),
    ("Hire two data engineers by Q3", ("2", "count", None)),
    ("Publish a dozen case studies this year", ("12", "count", None)),
    ("Run three safety drills every quarter", ("3", "count", None)),
    ("Zero lost-time injuries this year", ("0", "count", "decrease")),
    ("No stockouts of top-50 SKUs", ("0", "count", "decrease")),
    ("Keep OTIF between 92 and 95%", ("92-95", "percent", "maintain")),
    ("Bed occupancy of 80-85% every month", ("80-85", "percent", None)),
    ("First-pass yield in the 97–99% band", ("97-99", "percent", None)),
    ("Cut defect rate from 8% to 5%", ("5", "percent", "decrease")),
    ("Lift NPS from 32 to 45 by Q4", ("45", "score", "increase")),
    (
        "Raise pass rate from 71% to 80% by the end of the school year",
        ("80", "percent", "increase"),
    ),
    ("Improve gross margin by 2 percentage points", ("2", "percent", "increase")),
    ("Grow footfall by 15%", ("15", "percent", "increase")),
    ("Reduce absenteeism by 3 pp", ("3", "percent", "decrease")),
    ("Target: <6 min", ("6", "minutes", "decrease")),
    ("Average wait time: 7.5 min (Target: ≤ 5 min)", ("5", "minutes", "decrease")),
    ("Actual 4.2 | Target 5", ("5", "count", None)),
    ("On-time delivery | Actual: 91% | Target: 95%", ("95", "percent", None)),
    ("First response SLA - 30 mins", ("30", "minutes", None)),
    ("Customer rating 4.5/5 or higher", ("4.5", "score", "increase")),
    ("CSAT score of at least 4.2 out of 5", ("4.2", "score", "increase")),
    ("Maintain a Google rating of 4.7 stars", ("4.7", "score", "maintain")),
    ("Grow online orders 3x by March", ("3", "ratio", "increase")),
    ("Reduce medication errors to zero", ("0", "count", "decrease")),
    ("Attrition not more than 12% annually", ("12", "percent", "decrease")),
    ("DSO ≤ 45 days", ("45", "days", "decrease")),
    ("Uptime ≥ 99.95% every month", ("99.95", "percent", "increase")),
    ("Keep scrap under 1.5% per shift", ("1.5", "percent", "maintain")),
    ("Escalations should not exceed 3 per week", ("3", "count", "decrease")),
    ("Sales calls - min 25 per day", ("25", "count", "increase")),
    ("Collect 98 percent of fees on time", ("98", "percent", None)),
    ("Reduce patient falls by 30 per cent", ("30", "percent", "decrease")),
    ("Increase kharif sales by 20 pc", ("20", "percent", "increase")),
    ("Get 500 sign-ups in first month", ("500", "count", None)),
    ("Close 40 deals worth ₹2 lakh each", ("40", "count", None)),
    ("Process 1,200 invoices a month with 99% accuracy", ("1200", "count", None)),
    ("Achieve 100% attendance in mandatory trainings", ("100", "percent", None)),
    ("All invoices paid within 30 days", ("100", "percent", None)),
    ("Reduce complaints by half", ("50", "percent", "decrease")),
    ("Double the number of demos booked", ("100", "percent", "increase")),
    ("Net revenue retention above 110%", ("110", "percent", "increase")),
    ("Sales target 10 lakh/month", ("1000000", "currency:INR", None)),
    ("Monthly sales of ₹10L", ("1000000", "currency:INR", None)),
    ("Salary 25k, target 1.5L per month", ("150000", "currency:INR", None)),
    ("Har mahine 50 naye customers lane hain", ("50", "count", None)),
    ("Is quarter mein 20 lakh ka business karna hai", ("2000000", "currency:INR", None)),
    ("Reduce stock variance to below 0.5 percent", ("0.5", "percent", "decrease")),
    ("Deliver 95% of orders in less than 48 hours", ("95", "percent", None)),
    ("Answer 90% of calls within 20 seconds", ("90", "percent", None)),
    ("Keep cost-to-income ratio under 45%", ("45", "percent", None)),
    ("Lift conversion from 2.1% to 3%", ("3", "percent", "increase")),
    ("Reduce average length of stay from 5.2 to 4.5 days", ("4.5", "days", "decrease")),
    ("Raise class average to 75 marks", ("75", "count", "increase")),
    ("Bring down LWBS rate to under 2%", ("2", "percent", "decrease")),
    ("Grow Instagram followers to 10K", ("10000", "count", "increase")),
    ("Hit 1M app downloads by 2027", ("1000000", "count", None)),
    ("Boost throughput to 1,500 units per hour", ("1500", "count", "increase")),
    ("Shorten release cycle to 2 weeks", ("2", "other", "decrease")),
    ("Mean time to recover < 30 minutes", ("30", "minutes", "decrease")),
    ("P95 latency under 200 ms", ("200", "other", "decrease")),
    ("Error budget: 0.1% of requests per month", ("0.1", "percent", None)),
    ("Cut fuel cost per km to Rs 9", ("9", "currency:INR", "decrease")),
    ("Increase students scoring above 60% to 80%", ("80", "percent", "increase")),
    ("Reduce invoices older than 90 days to 5%", ("5", "percent", "decrease")),
    ("Grow revenue by ₹50 lakh over last year", ("5000000", "currency:INR", "increase")),
    # dashboard cells, baselines with arrows, k/M/L, words, ranges, scales
    ("Customer Retention Rate | 85% | CRM | Quarterly", ("85", "percent", None)),
    ("Avg. Resolution Time | Target: 24 hrs | Actual: 30 hrs", ("24", "hours", None)),
    ("Revenue (₹ Cr) | Plan 12.5 | Actual 11.2", ("12.5", "count", None)),
    ("OTIF % — target 95, current 88", ("95", "percent", None)),
    ("Backlog: 120 → 60 tickets", ("60", "count", None)),
    ("Cost per click from $2.40 down to $1.80", ("1.8", "currency:USD", None)),
    ("Grow ARR from $1.2M to $2M", ("2000000", "currency:USD", None)),
    ("Reach $500K in monthly bookings", ("500000", "currency:USD", None)),
    ("Sales of ₹4.5L per rep per month", ("450000", "currency:INR", None)),
    ("Turnover target Rs 1,20,00,000 for FY27", ("12000000", "currency:INR", None)),
    ("Margin improvement of 3 percentage points", ("3", "percent", None)),
    ("Screen 3x more candidates", ("3", "ratio", None)),
    ("Pipeline coverage of 4x quota", ("4", "ratio", None)),
    ("Hire a dozen nurses by March", ("12", "count", None)),
    ("Open two new branches this year", ("2", "count", None)),
    ("Train twenty-five supervisors in Q2", ("25", "count", None)),
    ("Reduce errors to fewer than five per week", ("5", "count", None)),
    ("Keep class size between 25 and 30 pupils", ("25-30", "count", None)),
    ("Maintain stock cover of 15–20 days", ("15-20", "days", None)),
    ("Occupancy 75 to 80% on weekdays", ("75-80", "percent", None)),
    ("Deliver within 2-3 working days", ("2-3", "days", None)),
    ("Average rating of 4 out of 5 or better", ("4", "score", None)),
    ("Score at least 8/10 on the quality audit", ("8", "score", None)),
    ("NPS of +40", ("40", "score", None)),
    ("Reduce the defect rate from 2.5% to 1.2% by Q4", ("1.2", "percent", None)),
    ("Improve yield from 88 to 93%", ("93", "percent", None)),
    ("Cut cycle time from 12 days to 8", ("8", "days", None)),
    ("Grow from 40 to 55 active dealers", ("55", "count", None)),
    ("Save $250k annually through vendor consolidation", ("250000", "currency:USD", None)),
    ("Attrition (annualised) under 15 %", ("15", "percent", None)),
    ("Bring TAT down to 36 hrs from 48 hrs", ("36", "hours", None)),
    ("Average wait time (mins): 12", ("12", "minutes", None)),
    ("Machine downtime hours – 20 per month", ("20", "hours", None)),
    ("Gross margin: 42%", ("42", "percent", None)),
    ("Shrinkage ≤ 0.8 % of sales", ("0.8", "percent", None)),
    ("Headcount cost < 35% of revenue", ("35", "percent", None)),
    ("500+ qualified leads per month", ("500", "count", None)),
    ("At least 1 lakh app installs by Diwali", ("100000", "count", None)),
    ("₹25,000 average order value", ("25000", "currency:INR", None)),
    ("EBITDA of INR 3 crore", ("30000000", "currency:INR", None)),
    ("Get 10 five-star reviews a month", ("10", "count", None)),
]


def test_the_stress_set_is_broad() -> None:
    assert len(TARGETS) >= 90
    units = {unit for _, (_, unit, _) in TARGETS}
    assert {"currency:INR", "currency:USD", "currency:EUR", "percent", "ratio", "minutes"} <= units


@pytest.mark.parametrize(("text", "want"), TARGETS, ids=[t for t, _ in TARGETS])
def test_target_reads_as_a_person_would(text: str, want: tuple[str, str, str | None]) -> None:
    value, unit, direction = want
    got = EVAL.predict(text)
    assert EVAL._same_value(value, got["target_value"]), got
    assert got["target_unit"] == unit, got
    if direction is not None:
        assert got["direction"] == direction, got


# Whole statements: period (as make eval scores it), direction, target value and unit.
STATEMENTS = [
    (
        "Reduce employee turnover rate by 10% within the next fiscal year",
        ("by-date", "decrease", "10", "percent"),
    ),
    (
        "Achieve a customer satisfaction score of 90% or higher in quarterly surveys",
        ("quarterly", "increase", "90", "percent"),
    ),
    (
        "Increase website traffic by 25% over the next six months",
        ("by-date", "increase", "25", "percent"),
    ),
    (
        "Maintain inventory accuracy of 98% through regular cycle counts",
        ("none stated", "maintain", "98", "percent"),
    ),
    (
        "Reduce average handling time to under 5 minutes by Q2",
        ("by-date", "decrease", "5", "minutes"),
    ),
    ("Percentage of projects completed within budget", ("none stated", "none stated", "", "")),
    (
        "Reduce lead time from 10 days to 7 days within 6 months",
        ("by-date", "decrease", "7", "days"),
    ),
    (
        "Conduct 4 training sessions per quarter for new joiners",
        ("quarterly", "none stated", "4", "count"),
    ),
    (
        "Ensure 100% of payroll is processed by the 25th of every month",
        ("monthly", "none stated", "100", "percent"),
    ),
    (
        "Bring down bed turnaround time to 2 hrs in the next 90 days",
        ("by-date", "decrease", "2", "hours"),
    ),
    ("Increase OPD footfall by 15% in FY 2026-27", ("annual", "increase", "15", "percent")),
    (
        "Achieve monthly sales of Rs. 12 lakhs",
        ("monthly", "none stated", "1200000", "currency:INR"),
    ),
    (
        "Grow net profit margin to 18% for the year ending March 2027",
        ("annual", "increase", "18", "percent"),
    ),
    ("Average daily production of 1,200 units", ("daily", "none stated", "1200", "count")),
    (
        "Achieve 95% attendance throughout the academic year",
        ("by-date", "none stated", "95", "percent"),
    ),
    ("Teacher absenteeism under 3% each term", ("quarterly", "decrease", "3", "percent")),
    (
        "Reduce machine downtime by 20% compared to last year",
        ("annual", "decrease", "20", "percent"),
    ),
    ("Cut customer complaints in half by December", ("by-date", "decrease", "50", "percent")),
    ("Increase NPS by 10 points in H2", ("by-date", "increase", "10", "count")),
    (
        "Close 100% of audit observations within 30 days of the report",
        ("by-date", "none stated", "100", "percent"),
    ),
    (
        "Improve first call resolution to 85% by end of this quarter",
        ("by-date", "increase", "85", "percent"),
    ),
    ("Deploy to production at least twice a week", ("weekly", "increase", "2", "count")),
    ("Keep P1 incident count at zero for the quarter", ("by-date", "maintain", "0", "count")),
    (
        "Keep sprint velocity between 30 and 35 points",
        ("none stated", "maintain", "30-35", "count"),
    ),
    ("Onboard 3 new suppliers every half year", ("quarterly", "none stated", "3", "count")),
    (
        "Raise loan disbursement to ₹50 crore by FY27 end",
        ("by-date", "increase", "500000000", "currency:INR"),
    ),
    ("Sales growth of 12% y-o-y", ("annual", "increase", "12", "percent")),
    ("Reduce shrinkage to 0.5% of sales by year-end", ("by-date", "decrease", "0.5", "percent")),
    ("Hire 25 engineers in Q1 2027", ("by-date", "none stated", "25", "count")),
    ("Reduce cost per hire to $4,000 in 2027", ("annual", "decrease", "4000", "currency:USD")),
    (
        "Patient satisfaction of 4.5 out of 5 in monthly surveys",
        ("monthly", "none stated", "4.5", "score"),
    ),
    ("Response to all customer emails within 24 hrs", ("none stated", "decrease", "24", "hours")),
    (
        "Vendor payments processed within 7 working days of invoice",
        ("none stated", "decrease", "7", "days"),
    ),
    ("Reduce energy consumption per tonne by 5% annually", ("annual", "decrease", "5", "percent")),
    (
        "Grow subscriber base to 50,000 by the end of 2027",
        ("by-date", "increase", "50000", "count"),
    ),
    (
        "Average order value ₹1,500 or more every week",
        ("weekly", "increase", "1500", "currency:INR"),
    ),
    ("Collect 90% of receivables within 60 days", ("by-date", "none stated", "90", "percent")),
    (
        "Achieve 5 new enterprise logos in the first quarter",
        ("by-date", "none stated", "5", "count"),
    ),
    ("Daily stand-up attendance of 90%", ("daily", "none stated", "90", "percent")),
    ("Maintain 99.5% system uptime, measured monthly", ("monthly", "maintain", "99.5", "percent")),
    ("Reduce DSO from 75 to 55 days by end FY", ("by-date", "decrease", "55", "days")),
    (
        "Increase repeat purchase rate to 40% over the next 2 quarters",
        ("by-date", "increase", "40", "percent"),
    ),
    ("Conversion rate above 3% on a rolling 4-week basis", ("monthly", "increase", "3", "percent")),
    ("Recruit 10 volunteers before the annual day", ("by-date", "none stated", "10", "count")),
    (
        "Turn around 95% of RFPs in under 3 business days",
        ("none stated", "none stated", "95", "percent"),
    ),
    ("Hit Rs 3 Cr ARR by Mar 2027", ("by-date", "none stated", "30000000", "currency:INR")),
    ("Lower readmission rate to 8% within two years", ("by-date", "decrease", "8", "percent")),
    ("At least 2 client visits per week per executive", ("weekly", "increase", "2", "count")),
    ("Quarterly employee engagement score above 75", ("quarterly", "increase", "75", "score")),
    ("Reduce rejection rate to below 1% by FY-end", ("by-date", "decrease", "1", "percent")),
    # written after the fixes above and scored once before the last fixes (see the report)
    (
        "Trim agency nurse spend to ₹18 lakh a month by Q2 FY27",
        ("by-date", "decrease", "1800000", "currency:INR"),
    ),
    (
        "Lift Year 10 maths pass rate from 64% to 72% this academic year",
        ("by-date", "increase", "72", "percent"),
    ),
    ("Keep average call wait under 90 seconds every day", ("daily", "maintain", "90", "other")),
    ("Close 25 new SME accounts per month", ("monthly", "none stated", "25", "count")),
    (
        "Reduce the cost of goods sold to 58% of revenue by end of FY2027",
        ("by-date", "decrease", "58", "percent"),
    ),
    (
        "Ship 98% of online orders within 24 hrs, measured weekly",
        ("weekly", "none stated", "98", "percent"),
    ),
    ("Grow organic sessions 30% y/y", ("annual", "increase", "30", "percent")),
    (
        "Zero reportable spills at the depot this financial year",
        ("by-date", "decrease", "0", "count"),
    ),
    (
        "Cut mean time to detect from 6 hours to 2 hours by mid-2027",
        ("by-date", "decrease", "2", "hours"),
    ),
    ("Onboard at least 15 franchisees in H1 2027", ("by-date", "increase", "15", "count")),
    (
        "Maintain a current ratio of 1.5 or higher each quarter",
        ("quarterly", "maintain", "1.5", "count"),
    ),
    (
        "Ensure invoice disputes stay below 2% of invoices monthly",
        ("monthly", "maintain", "2", "percent"),
    ),
    ("Raise volunteer hours to 5,000 per annum", ("annual", "increase", "5000", "hours")),
    (
        "Bring down dock-to-stock time to 4 hrs within the next quarter",
        ("by-date", "decrease", "4", "hours"),
    ),
    ("Double repeat bookings by the end of the season", ("by-date", "increase", "100", "percent")),
    (
        "Patient experience score of 85 or above in every ward survey",
        ("none stated", "increase", "85", "score"),
    ),
    (
        "Sell 1,200 policies in the quarter ending 31 March 2027",
        ("by-date", "none stated", "1200", "count"),
    ),
    (
        "Hold staff turnover at or below 12% on a rolling 12-month basis",
        ("annual", "maintain", "12", "percent"),
    ),
    ("Improve collection efficiency to 97% by Dec '26", ("by-date", "increase", "97", "percent")),
    ("Process refunds in under 5 business days", ("none stated", "decrease", "5", "days")),
    (
        "Cut paper use by a quarter across all branches",
        ("none stated", "decrease", "25", "percent"),
    ),
    (
        "Deliver 3 training modules per quarter to every site",
        ("quarterly", "none stated", "3", "count"),
    ),
    ("Reduce failed deployments to under 5% per sprint", ("weekly", "decrease", "5", "percent")),
    (
        "Lift average order value from $42 to $50 by Q3 2027",
        ("by-date", "increase", "50", "currency:USD"),
    ),
    ("Keep backlog under 200 tickets at all times", ("none stated", "maintain", "200", "count")),
    (
        "Reduce LOS for hip replacements to 3 days by next March",
        ("by-date", "decrease", "3", "days"),
    ),
    (
        "Recover ₹40 lakh of bad debts before Diwali",
        ("by-date", "none stated", "4000000", "currency:INR"),
    ),
    (
        "Increase the share of digital payments to 80% over the next 18 months",
        ("by-date", "increase", "80", "percent"),
    ),
    ("Achieve CSAT ≥ 4.3/5 fortnightly", ("weekly", "increase", "4.3", "score")),
    ("Grow B2B leads by 40 per cent year-on-year", ("annual", "increase", "40", "percent")),
    ("No more than 2 stock-outs per store per month", ("monthly", "decrease", "2", "count")),
    ("Raise staff engagement to 75% by the next survey", ("by-date", "increase", "75", "percent")),
    (
        "Limit unplanned leave to 3 days per employee per quarter",
        ("quarterly", "decrease", "3", "days"),
    ),
    (
        "Collect Rs 8 lakh pm from the north zone",
        ("monthly", "none stated", "800000", "currency:INR"),
    ),
    (
        "Cut average days to pay suppliers from 60 to 45 in FY 2026-27",
        ("annual", "decrease", "45", "days"),
    ),
    ("Halve lost-time injuries by late 2027", ("by-date", "decrease", "50", "percent")),
    (
        "Boost attendance at parent evenings to 70% next term",
        ("by-date", "increase", "70", "percent"),
    ),
    (
        "Publish 10 knowledge-base articles every fortnight",
        ("weekly", "none stated", "10", "count"),
    ),
    (
        "Keep pharmacy stock variance within 1% at each quarterly count",
        ("quarterly", "maintain", "1", "percent"),
    ),
    ("Grow the alumni donor base to 2,500 by 30/06/2027", ("by-date", "increase", "2500", "count")),
    # a second set written after all fixes, scored once before the last three (see the report)
    ("Revenue per available room", ("none stated", "none stated", "", "")),
    ("Percentage of orders shipped same day", ("none stated", "none stated", "", "")),
    ("Average first response time (hrs)", ("none stated", "none stated", "", "")),
    (
        "Bring the ED door-to-doctor time under 20 minutes by year end",
        ("by-date", "decrease", "20", "minutes"),
    ),
    (
        "Cut inventory write-offs by ₹12 lakh in FY26-27",
        ("annual", "decrease", "1200000", "currency:INR"),
    ),
    (
        "Grow Net Revenue Retention to 115% by the end of the calendar year",
        ("by-date", "increase", "115", "percent"),
    ),
    (
        "Keep the vacancy rate below 6% across the portfolio each month",
        ("monthly", "maintain", "6", "percent"),
    ),
    (
        "Process payroll with 100% accuracy every month",
        ("monthly", "none stated", "100", "percent"),
    ),
    (
        "Improve Grade 3 literacy scores by 8 points by spring 2027",
        ("by-date", "increase", "8", "count"),
    ),
    (
        "Answer 90% of WhatsApp queries within 10 minutes during business hours",
        ("none stated", "none stated", "90", "percent"),
    ),
    (
        "Reduce the claims rejection ratio from 9% to 4% within 12 months",
        ("by-date", "decrease", "4", "percent"),
    ),
    ("Add 40 new distributors in Tier-2 cities by Q4 FY27", ("by-date", "increase", "40", "count")),
    ("Hit 2,000 MAUs by the end of H1", ("by-date", "none stated", "2000", "count")),
    (
        "Reduce cost per delivery to AUD 7.50 by June 2027",
        ("by-date", "decrease", "7.5", "currency:AUD"),
    ),
    (
        "Keep server response under 300 ms at the 95th percentile",
        ("none stated", "maintain", "300", "other"),
    ),
    (
        "Raise the female share of new hires to 40% next year",
        ("by-date", "increase", "40", "percent"),
    ),
    ("At least 3 customer visits per week per rep", ("weekly", "increase", "3", "count")),
    ("Grow export revenue 25% compared with last year", ("annual", "increase", "25", "percent")),
    ("Achieve 92% on-time arrivals each fortnight", ("weekly", "none stated", "92", "percent")),
    (
        "Maintain a defect escape rate of less than 1 per release",
        ("none stated", "maintain", "1", "count"),
    ),
    (
        "Lower the average age of receivables to 38 days by Q3",
        ("by-date", "decrease", "38", "days"),
    ),
    ("Ten new partner integrations this year", ("by-date", "none stated", "10", "count")),
    (
        "Increase clinic throughput to 60 patients per doctor per day",
        ("daily", "increase", "60", "count"),
    ),
    ("Cut onboarding time from two weeks to five days", ("none stated", "decrease", "5", "days")),
    (
        "Collect ₹1.2 Cr of overdue fees before the exams",
        ("by-date", "none stated", "12000000", "currency:INR"),
    ),
    (
        "Reduce the carbon intensity of deliveries by 15% against the 2025 baseline by 2028",
        ("by-date", "decrease", "15", "percent"),
    ),
    ("Renewal rate ≥ 88% every quarter", ("quarterly", "increase", "88", "percent")),
    (
        "Training completion: 100% of staff by 31-Dec-2026",
        ("by-date", "none stated", "100", "percent"),
    ),
    (
        "Reduce first-year teacher attrition to 10% over the next two school years",
        ("by-date", "decrease", "10", "percent"),
    ),
    ("Keep food waste under 4% of purchases week on week", ("weekly", "maintain", "4", "percent")),
    (
        "Bring audit findings to zero by the next NABH inspection",
        ("by-date", "decrease", "0", "count"),
    ),
    ("Grow SIP book by ₹50 crore in FY28", ("annual", "increase", "500000000", "currency:INR")),
    ("Reach 4.8 stars on the App Store by Q2 2027", ("by-date", "none stated", "4.8", "score")),
    (
        "Publish quarterly results within 30 days of quarter end",
        ("quarterly", "decrease", "30", "days"),
    ),
    # a time in the actual's clause dates the actual, not the target; "(target)" after a
    # number names it
    (
        "Avg handling time 6 minutes (target), 7.4 minutes (actual, Q3)",
        ("none stated", "none stated", "6", "minutes"),
    ),
    ("Fill rate 97% (Q2 actual 91%)", ("none stated", "increase", "97", "percent")),
    (
        "Onboard 12 franchisees every quarter - target 12, 9 achieved in July",
        ("quarterly", "none stated", "12", "count"),
    ),
    (
        "Collections ₹40 lakh (target for H1), actual ₹31 lakh",
        ("by-date", "increase", "4000000", "currency:INR"),
    ),
    # a window right after the verb of each item's handling, or counted from each item's own
    # event, is a service level inside the measure; a window for a target stays a window
    (
        "Insurance claims settled within 10 days: 98% each quarter",
        ("quarterly", "none stated", "98", "percent"),
    ),
    (
        "Machines repaired within 72 hours of breakdown: 95%",
        ("none stated", "none stated", "95", "percent"),
    ),
    ("Raise NPS to 60% within 90 days", ("by-date", "increase", "60", "percent")),
    # a comparator makes the number the target though "YTD" follows; a thousands comma is no year
    ("Scrap not to exceed 1.5% YTD", ("annual", "decrease", "1.5", "percent")),
    ("Cut the claims backlog by 3,000 this quarter", ("by-date", "decrease", "3000", "count")),
    # a named year the target covers is its period, as FY is
    ("Grow premium income 18% in FY 2027-28", ("annual", "increase", "18", "percent")),
    ("Patient falls below 2 per 1,000 bed-days in 2028", ("annual", "decrease", "2", "count")),
]


@pytest.mark.parametrize(("text", "want"), STATEMENTS, ids=[t for t, _ in STATEMENTS])
def test_statement_reads_as_a_person_would(text: str, want: tuple[str, str, str, str]) -> None:
    period, direction, value, unit = want
    got = EVAL.predict(text)
    assert (got["period"], got["direction"]) == (period, direction), got
    assert EVAL._same_value(value, got["target_value"]), got
    if value:
        assert got["target_unit"] == unit, got
