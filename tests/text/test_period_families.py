"""Period phrasings from every family managers, HR pages, OKR lists and KPI tables use.

Written for krakit, not taken from any evaluation set: per annum / p.a. / PA / p.m. / PM,
MoM / QoQ / YoY / WoW, half-yearly and its kin, fortnightly, per shift, EOD / EOW / EOQ3, Q3
FY26, CY26, "by 31/3", "in the next 90 days", YTD / MTD / L12M, spelling slips ("quaterly"),
look-alike hyphens and dashes, brackets, table cells joined with " | " and a frequency column.
Scored like ``make eval`` (``benchmarks/eval_real_world.py``'s ``shared_period``), and by
``benchmarks/eval_stress.py`` as "period families".

Two decisions the rows pin down:

- **Half a year.** krakit's periods (``krakit.model.Frequency``) stop at quarterly and annual.
  A half-yearly cadence is read as *quarterly*, the next finer one, as a fortnight or a sprint
  is read as weekly: the KPI is then reviewed at least as often as the statement asks.
  "Twice a year" stays annual with a target of 2, and H1 / H2 stay deadlines.
- **Duration or window.** A time that is the measure ("time to hire under 30 days", "resolve
  within 4 hours"), or a window counted from each item's own event ("95% of invoices paid
  within 30 days of receipt") is no period. A window counted from today or from one event
  for the whole goal ("in the next 90 days", "within 60 days of joining", "within six months
  of the go-live") is ``by-date``.
"""

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from krakit.text.draft import Period
from krakit.text.parse import parse_kpi
from tests.text.evaluation import EVAL

TODAY = dt.date(2026, 1, 15)

FAMILIES = [
    # daily: per shift / day, EOD, day-on-day, alternate days, slips, look-alike dashes
    ("Pick 1,200 lines per shift", "daily"),
    ("Handle 80 calls per day", "daily"),
    ("Handle 80 calls each day", "daily"),
    ("Handle 80 calls a day", "daily"),
    ("Handle 80 calls/day", "daily"),
    ("Handle 80 calls on a daily basis", "daily"),
    ("Handle 80 calls daily basis", "daily"),
    ("Reduce scrap 1% day-on-day", "daily"),
    ("Close the cash drawer with zero variance at EOD", "daily"),
    ("Log 100% of deliveries by end of day", "daily"),
    ("Make 25 dials daily", "daily"),
    ("Achieve 98% OTD (daily)", "daily"),
    ("Serve 400 covers per day", "daily"),
    ("Keep queue time under 5 minutes every day", "daily"),
    ("Respond to all escalations within 2 hours, every day", "daily"),
    ("Calls answered | 95% | Daily", "daily"),
    ("Make 60 calls day–on–day", "daily"),
    ("Log 100% of dispatches dailly", "daily"),
    ("Water the nursery beds every alternate day", "daily"),
    ("Run a full backup every other day", "daily"),
    ("Daily: 40 calls", "daily"),
    # weekly: fortnight, every other week, sprint, WoW, slips
    # (a fortnight and a sprint have no value of their own: weekly)
    ("Run 3 toolbox talks per week", "weekly"),
    ("Run 3 toolbox talks /wk", "weekly"),
    ("Ship 2 releases fortnightly", "weekly"),
    ("Ship 2 releases bi-weekly", "weekly"),
    ("Ship 2 releases biweekly", "weekly"),
    ("Ship 2 releases every other week", "weekly"),
    ("Ship 2 releases every fortnight", "weekly"),
    ("Grow active users 3% WoW", "weekly"),
    ("Grow active users 3% week over week", "weekly"),
    ("Complete 20 story points each sprint", "weekly"),
    ("Deliver 30 story points per sprint", "weekly"),
    ("Publish 5 posts weekely", "weekly"),
    ("Hold a 30-minute team huddle every week", "weekly"),
    ("Keep weekly backlog under 50 tickets", "weekly"),
    ("Close 15 leads per week per rep", "weekly"),
    ("Attend 2 networking events every two weeks", "weekly"),
    ("Hold a stand-up twice a week", "weekly"),
    ("Audit 10 carts on a weekly basis", "weekly"),
    ("Safety walks completed | 3 | Weekly", "weekly"),
    ("Pipeline coverage | 3x | Fortnightly", "weekly"),
    ("Close 40 tickets [weekly]", "weekly"),
    ("Hold 1:1s bi‑weekly", "weekly"),
    ("Ship two releases every other week", "weekly"),
    ("Rotate perishables every 7 days", "weekly"),
    ("Refill the first-aid kits every 2 wks", "weekly"),
    ("Publish 5 posts weeky", "weekly"),
    ("Hold 1:1s fortnighly", "weekly"),
    ("Restock the kiosk on alternate weeks", "weekly"),
    ("Deep-clean the kitchen thrice a week", "weekly"),
    ("Lift sales 2% week by week", "weekly"),
    ("Sell 10 policies every week without fail", "weekly"),
    ("Keep weekly avg. below 50 tickets", "weekly"),
    ("Hold reviews every fortnightly", "weekly"),
    ("Weekly - 5 demos", "weekly"),
    ("Reduce rework 5% per fortnight", "weekly"),
    ("Process 500 claims per working week", "weekly"),
    ("Keep overtime under 10 hrs per person per week", "weekly"),
    ("Grow users 15% WOW", "weekly"),
    # monthly: p.m. / PM / mo, MoM, month-end close cadence, month after month, MTD, frequency cells
    ("Book ₹12 lakh p.m. in new premium", "monthly"),
    ("Raise MRR by ₹2 lakh pm", "monthly"),
    ("Resolve 300 tickets PM per agent", "monthly"),
    ("Onboard 25 merchants/mo", "monthly"),
    ("Grow sign-ups 5% MoM", "monthly"),
    ("Grow sign-ups 5% month over month", "monthly"),
    ("Grow sign-ups 5% M/M", "monthly"),
    ("Collect 95% of dues monthy", "monthly"),
    ("Reconcile all bank accounts every month-end", "monthly"),
    ("Submit the MIS on a monthly basis with zero errors", "monthly"),
    ("Achieve 98% schedule adherence (monthly)", "monthly"),
    ("Keep MTD overtime under 120 hours", "monthly"),
    ("Sales of ₹6 lakh per month per store", "monthly"),
    ("Keep complaints under 20 a month", "monthly"),
    ("Twice a month, audit 15 files", "monthly"),
    ("Visit 40 outlets every month", "monthly"),
    ("Cut defects by 2% each month", "monthly"),
    ("Post 12 blogs per calendar month", "monthly"),
    ("Keep absenteeism below 3% month on month", "monthly"),
    ("Close the books within 5 working days of every month-end", "monthly"),
    ("Reach 8 demos a month per SDR", "monthly"),
    ("Generate 150 MQLs monthly", "monthly"),
    ("Close 40 tickets | Monthly", "monthly"),
    ("Lost-time injuries | 0 | Per month", "monthly"),
    ("Gross margin | 32% | MONTHLY", "monthly"),
    ("Attrition 1%/month | 12% | Annual", "monthly"),
    ("Close 40 tickets (Monthly)", "monthly"),
    ("Close 40 tickets - monthly", "monthly"),
    ("CLOSE 40 TICKETS PER MONTH", "monthly"),
    ("Grow sign-ups 5% month‑on‑month", "monthly"),
    ("Audit fifteen files twice a month", "monthly"),
    ("Churn under 2% (L30D)", "monthly"),
    ("Send the MIS montlhy", "monthly"),
    ("Send the MIS monthy", "monthly"),
    ("Close the books within 5 working days of every month end", "monthly"),
    ("Keep attrition below 1.5% per month", "monthly"),
    ("Monthly target: 50 units per rep", "monthly"),
    ("Target (per month): 50 demos", "monthly"),
    ("Sell 50 units/month/rep", "monthly"),
    ("Submit the GST report by the 5th working day of each month", "monthly"),
    ("Clear 100% of vendor bills in the first fortnight of every month", "monthly"),
    ("Audit petty cash every other month", "monthly"),
    ("Achieve 90% CSAT month after month", "monthly"),
    ("Increase sales 10% each and every month", "monthly"),
    ("Increase sales 10% every single month", "monthly"),
    ("Increase sales 10% month by month", "monthly"),
    ("Keep average TAT under 48 hrs monthly", "monthly"),
    ("Hold the thirty-day rolling churn under 2%", "monthly"),
    ("Collect ₹2 lakh per mensem", "monthly"),
    ("Visit 20 dealers on monthly basis", "monthly"),
    ("Visit 20 dealers in every month", "monthly"),
    ("Visit 20 dealers month wise", "monthly"),
    ("Monthly – ₹10 lakh collections", "monthly"),
    ("Target: 95% | Periodicity: Monthly | On-time delivery", "monthly"),
    ("Measure: bi-monthly | 4 audits", "monthly"),
    ("Publish 2 issues bimonthly", "monthly"),
    ("Keep rent arrears under £2,000 pcm", "monthly"),
    ("Keep rent arrears under £2,000 p/m", "monthly"),
    ("Grow users 15% MOM", "monthly"),
    ("Reduce absenteeism to 3% p.m.", "monthly"),
    ("Attrition < 2% PM", "monthly"),
    # quarterly: QoQ, QTD, slips; half-yearly / semi-annual / HoH / every six months / L6M
    # (no half-year value: quarterly)
    ("Run 1 customer workshop per quarter", "quarterly"),
    ("Grow pipeline 10% QoQ", "quarterly"),
    ("Grow pipeline 10% quarter over quarter", "quarterly"),
    ("Grow pipeline 10% Q/Q", "quarterly"),
    ("Submit 3 audit reports quaterly", "quarterly"),
    ("Submit 3 audit reports quartely", "quarterly"),
    ("Close 4 enterprise deals a quarter", "quarterly"),
    ("Keep QTD discounts below 8%", "quarterly"),
    ("Review 100% of vendor contracts each quarter", "quarterly"),
    ("Publish a newsletter every quarter", "quarterly"),
    ("Hit ₹50 lakh in bookings every qtr", "quarterly"),
    ("Reduce stockouts 2% every three months", "quarterly"),
    ("Achieve 85% CSAT on a quarterly basis", "quarterly"),
    ("NPS above 45 (quarterly survey)", "quarterly"),
    ("Customer NPS | ≥ 50 | Survey | Quarterly", "quarterly"),
    ("Close 40 tickets — quarterly", "quarterly"),
    ("Reduce stockouts every 3 mths", "quarterly"),
    ("Conduct performance appraisals half-yearly", "quarterly"),
    ("Hold a semi-annual business review with each key account", "quarterly"),
    ("Review 100% of vendor KYC bi-annually", "quarterly"),
    ("Refresh the risk register six-monthly", "quarterly"),
    ("Grow active members 8% HoH", "quarterly"),
    ("Audit every warehouse once every six months", "quarterly"),
    ("Run a mock recall every 6 months", "quarterly"),
    ("Submit the compliance return semiannually", "quarterly"),
    ("Sales growth 12% (half yearly)", "quarterly"),
    ("Keep DSO below 45 days (L3M)", "quarterly"),
    ("Keep DSO under 45 days on a rolling six-month basis", "quarterly"),
    ("Cut stockouts every 3 mths", "quarterly"),
    ("Service each chiller every 2 quarters", "quarterly"),
    ("Submit 3 audit reports quarterley", "quarterly"),
    ("Count the stores at each quarter-end", "quarterly"),
    ("Lift NPS 3 points quarter‑on‑quarter", "quarterly"),
    ("Quarterly target of ₹2 Cr in bookings", "quarterly"),
    ("Review 100% of stock on a half-yearly basis", "quarterly"),
    ("Grow revenue 15% per quarter for 4 quarters", "quarterly"),
    ("Meet 100% of SLA per quarter per region", "quarterly"),
    ("Run a DR test every three months", "quarterly"),
    ("Visit 20 dealers quarter wise", "quarterly"),
    ("Sell 30 policies p.q.", "quarterly"),
    ("Close 12 deals per Qtr", "quarterly"),
    ("5 new logos per quarter, every quarter", "quarterly"),
    ("Frequency of review - Quarterly | NPS ≥ 50", "quarterly"),
    ("Grow users 15% qtr on qtr", "quarterly"),
    # annual: p.a. / PA / yr, YoY, annualised, rolling 12 months, L12M / R12M / T12M, YTD,
    # for the year
    ("Grow gross margin 4% per annum", "annual"),
    ("Increase AUM by 18% p.a.", "annual"),
    ("Raise fee income 12% P.A.", "annual"),
    ("Training hours: 40 hrs PA per employee", "annual"),
    ("Cut travel spend 5% per year", "annual"),
    ("Add 300 dealers a year", "annual"),
    ("Save ₹30 lakh/yr on freight", "annual"),
    ("Reduce energy use by 3% YoY", "annual"),
    ("Grow ARR 25% Y/Y", "annual"),
    ("Lift renewals 6% year-on-year", "annual"),
    ("Annualised churn below 9%", "annual"),
    ("Keep annualized attrition under 14%", "annual"),
    ("Attrition (annualised) not above 12%", "annual"),
    ("Voluntary attrition < 10% on a rolling 12-month basis", "annual"),
    ("Keep attrition under 11%, rolling 12 months", "annual"),
    ("Revenue growth of 20% over the trailing 12 months", "annual"),
    ("Complaints per 1,000 policies under 3 (L12M)", "annual"),
    ("Attrition L12M below 15%", "annual"),
    ("YTD sales ₹4 crore", "annual"),
    ("Deliver 15% YTD growth in bookings", "annual"),
    ("Close 500 cases each year", "annual"),
    ("Publish 3 white papers annually", "annual"),
    ("Get 95% of staff through compliance training anually", "annual"),
    ("Increase the donor base by 8% yearly", "annual"),
    ("Improve yield by 2% every 12 months", "annual"),
    ("Serve 12,000 patients per financial year", "annual"),
    ("Conduct one DR drill every year", "annual"),
    ("Keep IT spend at 3% of revenue, year over year", "annual"),
    ("Reduce fatalities to zero year-on-year", "annual"),
    ("Training hours per employee | 40 | Annual", "annual"),
    ("Revenue growth | 12% | Yearly", "annual"),
    ("Close 40 tickets; annually", "annual"),
    ("GROW REVENUE 10% P.A.", "annual"),
    ("Grow revenue 10% year‑on‑year", "annual"),
    ("Twice a year, survey 100% of staff on engagement", "annual"),
    ("Complete two fire audits a year", "annual"),
    ("Warranty claims R12M under 1.5%", "annual"),
    ("Hit ₹24 crore T12M revenue", "annual"),
    ("Recertify all forklift drivers every 12 months", "annual"),
    ("Training: 40 hrs PA per employee", "annual"),
    ("Review every supplier anualy", "annual"),
    ("Review every supplier annualy", "annual"),
    ("Submit an anual safety report with zero open findings", "annual"),
    ("Make 5 site visits in a calendar year", "annual"),
    ("Achieve 95% attendance for the year", "annual"),
    ("Hold opex at ₹3 crore for the full financial year", "annual"),
    ("Hit 95% OTIF during FY 2025-2026", "annual"),
    ("Target for FY26: ₹5 Cr revenue", "annual"),
    ("Keep attrition below 12%, trailing twelve months", "annual"),
    ("Grow sales 10% year wise", "annual"),
    ("Zero LTIs in a year", "annual"),
    ("KPI: Attrition | Target: <12% | Frequency: Annually", "annual"),
    ("Grow fees 8% p/a", "annual"),
    ("Hit 95% FYTD collections", "annual"),
    ("Hit 95% of target FY-to-date", "annual"),
    ("Grow users 15% y.o.y.", "annual"),
    ("Grow users 15% Y.o.Y", "annual"),
    ("Grow users 15% yr on yr", "annual"),
    ("Grow users 15% yr-on-yr", "annual"),
    ("Grow users 15% over the same quarter last year", "annual"),
    ("Grow users 15% compared to the previous fiscal", "annual"),
    # a named year the target covers is its period, like "for 2018" (not "by FY25", a date)
    ("Hold 96% retention in FY25", "annual"),
    ("Reach 1 lakh users in FY 2025-26", "annual"),
    ("Reach 1 lakh users in CY2026", "annual"),
    ("Reach 1 lakh users in the 2026 calendar year", "annual"),
    ("Reach 1 lakh users by FY25", "by-date"),
    ("Grow margin to 18% for the year ending March 2027", "annual"),
    ("Grow margin to 18% in the financial year ended 31 March 2027", "annual"),
    # by-date: deadlines and windows (EOQ3, Q4'25, Q3 FY26, CY26, Mar26, 31/03/2026,
    # next 90 days, 3 yrs)
    ("Submit 100% of timesheets by EOW", "by-date"),
    ("Cut DSO to 40 days by EOQ", "by-date"),
    ("Cut DSO to 40 days by EOY", "by-date"),
    ("Cut DSO to 40 days by EOQ3", "by-date"),
    ("Cut DSO to 40 days by end of Q3", "by-date"),
    ("Cut DSO to 40 days by Q4'25", "by-date"),
    ("Cut DSO to 40 days by Q4 '26", "by-date"),
    ("Cut DSO to 40 days in Q3 FY26", "by-date"),
    ("Cut DSO to 40 days by Q2 FY 2026-27", "by-date"),
    ("Reach 1 lakh users by CY2026", "by-date"),
    ("Reach 1 lakh users by 31st March", "by-date"),
    ("Reach 1 lakh users by 31/03/2026", "by-date"),
    ("Reach 1 lakh users by 31-03-2026", "by-date"),
    ("Reach 1 lakh users by Mar-26", "by-date"),
    ("Reach 1 lakh users by March '27", "by-date"),
    ("Reach 1 lakh users by the end of this financial year", "by-date"),
    ("Reach 1 lakh users this financial year", "by-date"),
    ("Reach 1 lakh users in the next 90 days", "by-date"),
    ("Reach 1 lakh users over the next two quarters", "by-date"),
    ("Reach 1 lakh users within ninety days", "by-date"),
    ("Reach 1 lakh users in six months", "by-date"),
    ("Reach 1 lakh users within 60 days of launch", "by-date"),
    ("New hires reach 80% productivity within 60 days of joining", "by-date"),
    ("Sign 20 partners by H1 2027", "by-date"),
    ("Sign 20 partners in H2", "by-date"),
    ("Sign 20 partners by end of H1 FY27", "by-date"),
    ("Sign 20 partners by the first half of 2027", "by-date"),
    ("Launch 3 products before Q3 2027", "by-date"),
    ("Train 200 staff by mid-2027", "by-date"),
    ("Reduce waste 20% by 2027", "by-date"),
    ("Get ISO 9001 in 12 months", "by-date"),
    ("Reach 10k followers by the end of the year", "by-date"),
    ("Reach 10k followers by year-end", "by-date"),
    ("Reach 10k followers by the year end", "by-date"),
    ("Grow revenue 15% by end-FY27", "by-date"),
    ("Grow revenue 15% by FY27 end", "by-date"),
    ("Grow revenue 15% by the close of FY 2026-27", "by-date"),
    ("Cut churn to 3% by 30th Sept 2026", "by-date"),
    ("Cut churn to 3% by Sept 30, 2026", "by-date"),
    ("Cut churn to 3% by 30-Sep-26", "by-date"),
    ("Cut churn to 3% by 2026-09-30", "by-date"),
    ("Cut churn to 3% (by Dec 2026)", "by-date"),
    ("Cut churn to 3% – by Q3 2026", "by-date"),
    ("Cut churn to 3% before the 2027 budget cycle", "by-date"),
    ("Cut churn to 3% over the next 12 months", "by-date"),
    ("Cut churn to 3% within the next two years", "by-date"),
    ("Cut churn to 3% in the next three months", "by-date"),
    ("Cut churn to 3% in the coming six months", "by-date"),
    ("Cut churn to 3% over the next 3 quarters", "by-date"),
    ("Cut churn to 3% by next quarter", "by-date"),
    ("Cut churn to 3% by the end of next quarter", "by-date"),
    ("By Q3, cut churn to 3%", "by-date"),
    ("By end of FY26, cut churn to 3%", "by-date"),
    ("BY 31 MARCH 2027 CUT CHURN TO 3%", "by-date"),
    ("Ship the GST module by E.O.Y.", "by-date"),
    ("Grow ARR 20% in CY26", "by-date"),
    ("Grow ARR 20% by CY'27", "by-date"),
    ("Cut cost-to-serve 8% in this fiscal", "by-date"),
    ("Cut cost-to-serve 8% by next fiscal", "by-date"),
    ("Reach 1 lakh users by Mar26", "by-date"),
    ("File all TDS returns by 31/3", "by-date"),
    ("Recover ₹40 lakh of dues before 15/8", "by-date"),
    ("Cut DSO to 40 days within 6 mths", "by-date"),
    ("Cut DSO to 40 days in 2 qtrs", "by-date"),
    ("Cut DSO to 40 days within 3 yrs", "by-date"),
    ("Cut DSO to 40 days inside 6 months", "by-date"),
    ("Cut DSO to 40 days in under 6 months", "by-date"),
    ("Open 12 franchise outlets in less than 9 months", "by-date"),
    ("Onboard 40 dealers within 90 days of launch", "by-date"),
    ("Cut returns 10% within six months of the go-live", "by-date"),
    ("Complete 3 audits within the month", "by-date"),
    ("Onboard 20 sellers in next 6 months", "by-date"),
    ("Onboard 20 sellers in coming 3 months", "by-date"),
    ("Onboard 20 sellers by Q1 next year", "by-date"),
    ("Deadline: 30 June 2026 - reduce backlog to 50", "by-date"),
    ("Reduce backlog to 50. Due date - 31.12.2026", "by-date"),
    ("Reduce backlog to 50 | Timeline: 3 months", "by-date"),
    ("Reduce backlog to 50 | Time frame: 6 months", "by-date"),
    ("Reduce backlog to 50 | Timeline: Q3", "by-date"),
    ("Reduce backlog to 50, ETA Q2", "by-date"),
    ("Reduce backlog to 50 tgt by Sep'26", "by-date"),
    ("Reduce backlog to 50 by the 2nd week of March", "by-date"),
    ("Reduce backlog to 50 by the first week of April", "by-date"),
    ("Pay all bonuses by the first fortnight of April", "by-date"),
    ("Grow revenue 10% in H1 FY26", "by-date"),
    ("Reduce complaints 20% in the current half", "by-date"),
    ("Reduce scrap to 2% by the end of the current quarter", "by-date"),
    ("Improve retention to 85% by year end 2026", "by-date"),
    ("Attain 12% RoE by FY-end", "by-date"),
    ("Attain 12% RoE by end of FY 2026-27", "by-date"),
    ("Attain 12% RoE at the end of the fiscal", "by-date"),
    ("Grow GMV 3x in 3 yrs", "by-date"),
    ("Grow GMV 3x over 3 years", "by-date"),
    ("Raise the pass rate to 90% by term end", "by-date"),
    ("Raise the pass rate to 90% by end of term 2", "by-date"),
    ("Cut churn to 3% within ninety days", "by-date"),
    ("Lift NPS to 50 over the next twelve months", "by-date"),
    ("Convert 25% of trials in six months", "by-date"),
    ("Hit ₹40 lakh in 1st Qtr", "by-date"),
    ("Hit ₹40 lakh by 2nd Qtr FY26", "by-date"),
    ("Hit ₹40 lakh by Qtr 3", "by-date"),
    ("Hit ₹40 lakh by Qtr-3", "by-date"),
    ("Hit ₹40 lakh by the 3rd qtr", "by-date"),
    ("Hit ₹40 lakh by end of Qtr", "by-date"),
    ("Hit ₹40 lakh by H2'26", "by-date"),
    ("Hit ₹40 lakh by 2H26", "by-date"),
    ("Hit ₹40 lakh by Jun'26", "by-date"),
    ("Submit the MIS by 15th of next month", "by-date"),
    ("Keep DSO at 45 days as on 31st March", "by-date"),
    ("Keep DSO at 45 days as of Q4", "by-date"),
    ("Achieve ₹1 Cr sales till Dec'26", "by-date"),
    ("Achieve ₹1 Cr sales upto March 2027", "by-date"),
    ("Achieve ₹1 Cr sales up to Q3", "by-date"),
    ("Achieve ₹1 Cr sales for Apr-Jun", "by-date"),
    ("Achieve ₹1 Cr sales in Apr–Jun 2026", "by-date"),
    ("Achieve ₹1 Cr sales for the period April to September", "by-date"),
    ("Achieve ₹1 Cr sales from April to June", "by-date"),
    ("Achieve ₹1 Cr sales in Jan-Mar quarter", "by-date"),
    ("Achieve ₹1 Cr sales in the Oct-Dec quarter", "by-date"),
    ("Zero LTIs in the year", "by-date"),
    ("Zero LTIs in the calendar year 2026", "by-date"),
    ("Hit ₹3 Cr revenue in FQ3", "by-date"),
    ("Hit ₹3 Cr revenue in the second half of FY27", "by-date"),
    ("Hit ₹3 Cr revenue by close of H1", "by-date"),
    ("Hit ₹3 Cr revenue by Jan 2027 end", "by-date"),
    ("Hit ₹3 Cr revenue by end-Jan", "by-date"),
    # none stated: a duration that is the measure, a service level counted from each item's
    # event, per release / hour / visit
    ("Complete induction for all joiners in 90 days", "none stated"),
    ("Time to hire under 30 days", "none stated"),
    ("Resolve P1 incidents within 4 hours", "none stated"),
    ("Receivables ageing over 60 days below 5%", "none stated"),
    ("Average handling time below 6 minutes", "none stated"),
    ("Reduce time-to-fill to 35 days", "none stated"),
    ("Respond to customer emails within 24 hours", "none stated"),
    ("Ship orders within 48 hours", "none stated"),
    ("Process refunds within 7 working days", "none stated"),
    ("Turnaround time of 3 days for claims", "none stated"),
    ("Onboard new vendors in under 10 days", "none stated"),
    ("Reduce mean time to resolve to 8 hours", "none stated"),
    ("TAT for background checks: 5 days", "none stated"),
    ("Keep cycle time below 12 days", "none stated"),
    ("Issue offer letters within 2 days of approval", "none stated"),
    ("Cut lead time from 20 days to 12 days", "none stated"),
    ("Fix critical bugs within 24 hrs", "none stated"),
    ("Invoices paid within 30 days of receipt: 95%", "none stated"),
    ("Patients seen within 15 minutes of arrival: 90%", "none stated"),
    ("Release 2 features per release", "none stated"),
    ("Zero P1 bugs per release", "none stated"),
    ("Achieve 90% pass rate per batch", "none stated"),
    ("Close the month-end in 5 days", "none stated"),
    ("Reduce 90-day attrition to 15%", "none stated"),
    ("Keep SLA breaches under 2%", "none stated"),
    ("Complete the month-end close in 4 working days", "none stated"),
    ("95% of purchase orders approved within 3 days of request", "none stated"),
    ("Acknowledge 100% of complaints within 2 days of receipt", "none stated"),
    ("Settle 90% of claims within 10 days of intimation", "none stated"),
    ("Raise 98% of invoices within 3 days of delivery", "none stated"),
    ("Uptime 99.9% 24/7", "none stated"),
    ("Produce 40 units per hour", "none stated"),
    ("Serve 30 customers per visit", "none stated"),
    ("Keep defects under 2 per batch", "none stated"),
    ("Keep LTIFR below 0.5 per 1,000,000 hours", "none stated"),
    ("Maintain 98% uptime on a 24x7 basis", "none stated"),
    ("Increase footfall 10% during weekends", "none stated"),
    ("Renew 100% of trade licences every other year", "none stated"),
    ("Circulate the MOM within 24 hours of every meeting", "none stated"),
]


def _period(text: str) -> str:
    return str(EVAL.shared_period(parse_kpi(text, today=TODAY)))


def test_the_table_is_broad_and_its_own() -> None:
    assert len(FAMILIES) >= 150
    assert len({t for t, _ in FAMILIES}) == len(FAMILIES)
    assert {want for _, want in FAMILIES} == {*map(str, Period), "by-date", "none stated"}


@pytest.mark.parametrize(("text", "want"), FAMILIES, ids=[t for t, _ in FAMILIES])
def test_period_family_is_read(text: str, want: str) -> None:
    assert _period(text) == want


# -- the same phrase however it is typed ----------------------------------------------------

# (sentence with {} where the period phrase goes, phrase, period); phrases written in words,
# so casing may change (abbreviations such as YoY keep their case: "mom" is a word)
PHRASES = [
    ("Close 40 tickets {}", "per month", "monthly"),
    ("Close 40 tickets {}", "month-on-month", "monthly"),
    ("Make 25 dials {}", "on a daily basis", "daily"),
    ("Make 25 dials {}", "day-on-day", "daily"),
    ("Hold 2 drills {}", "every quarter", "quarterly"),
    ("Hold 2 drills {}", "half-yearly", "quarterly"),
    ("Hold 2 drills {}", "semi-annually", "quarterly"),
    ("Run 3 huddles {}", "every other week", "weekly"),
    ("Run 3 huddles {}", "bi-weekly", "weekly"),
    ("Grow margin 4% {}", "year-on-year", "annual"),
    ("Grow margin 4% {}", "per annum", "annual"),
    ("Grow margin 4% {}", "rolling 12-month", "annual"),
    ("Cut DSO to 40 days {}", "by the end of Q3", "by-date"),
    ("Cut DSO to 40 days {}", "within the next 90 days", "by-date"),
    ("Cut DSO to 40 days {}", "by 31st March 2027", "by-date"),
    ("Cut DSO to 40 days {}", "in the current financial year", "by-date"),
]
_HYPHENS = ["-", "\u2011", "\u2010", "\u2013"]
_SPACES = [" ", "  ", "\u00a0", "\t"]


@st.composite
def typed(draw: st.DrawFn) -> tuple[str, str]:
    frame, phrase, want = draw(st.sampled_from(PHRASES))
    case = draw(st.sampled_from([str, str.lower, str.upper, str.title]))
    phrase = case(phrase)
    phrase = phrase.replace("-", draw(st.sampled_from(_HYPHENS)))
    phrase = phrase.replace(" ", draw(st.sampled_from(_SPACES)))
    wrap = draw(st.sampled_from(["{}", "({})", "[{}]", "– {}", "- {}", ", {}", "; {}", "| {}"]))
    end = draw(st.sampled_from(["", ".", ";", " ", "!"]))
    text = frame.format(wrap.format(phrase)).replace(" (", draw(st.sampled_from([" (", " "]))) + end
    return text, want


@given(typed())
def test_casing_punctuation_spacing_and_dashes_keep_the_period(case: tuple[str, str]) -> None:
    text, want = case
    assert _period(text) == want


# one typing slip inside a one-word cadence: a letter dropped, doubled, or two swapped
_SLIPPABLE = [
    ("daily", "daily"),
    ("weekly", "weekly"),
    ("monthly", "monthly"),
    ("quarterly", "quarterly"),
    ("yearly", "annual"),
    ("annually", "annual"),
    ("fortnightly", "weekly"),
]


@st.composite
def slipped(draw: st.DrawFn) -> tuple[str, str, str]:
    word, want = draw(st.sampled_from(_SLIPPABLE))
    i = draw(st.integers(2, len(word) - 3))
    how = draw(st.sampled_from(["drop", "double", "swap"]))
    if how == "drop":
        typo = word[:i] + word[i + 1 :]
    elif how == "double":
        typo = word[:i] + word[i] + word[i:]
    else:
        typo = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    frame = draw(st.sampled_from(["Submit 3 audit reports {}", "Visit 12 stores {}."]))
    return frame.format(typo), typo, want


@given(slipped())
def test_a_typing_slip_keeps_the_period(case: tuple[str, str, str]) -> None:
    text, typo, want = case
    assert _period(text) == want, typo


# -- a duration that is the measure is never a period ---------------------------------------

_DURATION_METRICS = [
    "Time to hire",
    "Average handling time",
    "Turnaround time for claims",
    "Mean time to repair",
    "Cycle time",
    "Lead time to deliver",
    "First response time",
    "Time to close a ticket",
    "Average age of open orders",
]
_BOUNDS = ["under", "below", "less than", "at most", "within", "not more than", "<", "≤", "of"]
_UNITS = ["days", "working days", "hours", "hrs", "minutes", "mins", "business days"]


@given(
    st.sampled_from(_DURATION_METRICS),
    st.sampled_from(_BOUNDS),
    st.integers(1, 400),
    st.sampled_from(_UNITS),
)
def test_a_duration_that_is_the_measure_is_no_period(
    metric: str, bound: str, n: int, unit: str
) -> None:
    text = f"{metric} {bound} {n} {unit}"
    assert _period(text) == "none stated", text


@given(
    st.sampled_from(
        ["invoices paid", "complaints acknowledged", "claims settled", "orders shipped"]
    ),
    st.integers(50, 100),
    st.integers(1, 90),
    st.sampled_from(["days", "working days", "hours"]),
    st.sampled_from(["receipt", "request", "the complaint", "the order", "arrival", "approval"]),
)
def test_a_window_from_each_items_event_is_no_period(
    what: str, share: int, n: int, unit: str, event: str
) -> None:
    text = f"{share}% of {what} within {n} {unit} of {event}"
    assert _period(text) == "none stated", text


# -- a frequency column sets the period ------------------------------------------------------

_FREQUENCIES = {
    "Daily": "daily",
    "Per shift": "daily",
    "Weekly": "weekly",
    "Fortnightly": "weekly",
    "Bi-weekly": "weekly",
    "Monthly": "monthly",
    "Per month": "monthly",
    "Quarterly": "quarterly",
    "Half-yearly": "quarterly",
    "Semi-annual": "quarterly",
    "Annual": "annual",
    "Annually": "annual",
    "Yearly": "annual",
}
_ROWS = [
    "Calls answered | ≥ 95%",
    "Lost-time injuries | 0",
    "Gross margin | 32%",
    "Training hours per employee | 40",
    "Open purchase requisitions | < 25",
    "Customer NPS | ≥ 50 | Survey tool",
]


@given(
    st.sampled_from(_ROWS),
    st.sampled_from(sorted(_FREQUENCIES)),
    st.sampled_from([str, str.upper, str.lower]),
    st.sampled_from([" | ", "|", " |  "]),
)
def test_a_frequency_column_sets_the_period(row: str, freq: str, case, sep: str) -> None:  # type: ignore[no-untyped-def]
    text = re.sub(r"\s*\|\s*", sep, row) + sep + case(freq)
    assert _period(row) == "none stated"
    assert _period(text) == _FREQUENCIES[freq], text
