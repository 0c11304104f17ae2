"""New-intent test questions (test_new.jsonl): what Acme's people ask that training never showed.

test.jsonl measures "find the training question with the same template and adapt it": 213 of its
223 questions share an intent and a masked SQL template with a training question. The questions
below are the other yardstick. Each one asks something no training intent asks, so its masked SQL
template (`masked_template`) appears nowhere in train.jsonl, and a model has to compose the query
from the schema, the data dictionary and what it has learnt, not copy a neighbour.

Every question was written by hand, the way analysts write in Slack (terse, chatty, with typos,
codes and the dictionary's idioms), and its gold SQL was written and run by hand against
acme.sqlite. acme_questions.py re-checks all of them when it writes the file: the answer is
clear (rows come back, no tie at a LIMIT cut or inside an ordered answer), the intent name is
new, and the template is none of train.jsonl's (nor of test.jsonl's, so the two test splits stay apart).

Relative periods follow the dictionary's idiom "this_year": this year = fiscal 2025, last year =
fiscal 2024, this quarter = fiscal Q4 2025, last quarter = fiscal Q3 2025 (snapshot 2026-01-31).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlglot
from sqlglot import exp


# --- Comparing queries by template ---------------------------------------------------------


def _sorted_conjunction(condition: exp.Expression) -> exp.Expression:
    """`a AND b AND c` with its parts in a canonical (alphabetical) order."""
    parts = list(condition.flatten()) if isinstance(condition, exp.And) else [condition]
    parts.sort(key=lambda part: part.sql(dialect="sqlite"))
    return exp.and_(*parts, copy=False) if len(parts) > 1 else parts[0]


def masked_template(sql: str) -> str:
    """A query's template: what stays when only the values change.

    Literals become `?` (an IN list of values becomes one `?`), table aliases and column
    qualifiers are dropped, output aliases are replaced by what they name, the parts of an AND
    are put in a fixed order, and sqlglot writes the result in one normal form. Two questions
    with the same template differ only in their values ("APAC" for "EMEA", FY24 for FY23).
    """
    tree = sqlglot.parse_one(sql, read="sqlite")
    for literal in list(tree.find_all(exp.Literal)):
        literal.replace(exp.Placeholder())
    for node in tree.find_all(exp.In):
        values = node.expressions
        if values and all(isinstance(v, exp.Placeholder) for v in values):
            node.set("expressions", [exp.Placeholder()])
    outputs = {a.alias: a.this for a in tree.find_all(exp.Alias)}
    for clause in list(tree.find_all(exp.Order, exp.Group, exp.Having)):
        for column in list(clause.find_all(exp.Column)):
            if not column.table and column.name in outputs:
                column.replace(outputs[column.name].copy())
    for alias in list(tree.find_all(exp.Alias)):
        alias.replace(alias.this)
    for node in tree.find_all(exp.Table, exp.Subquery):
        node.set("alias", None)
    for column in tree.find_all(exp.Column):
        column.set("table", None)
    for clause in list(tree.find_all(exp.Where, exp.Having, exp.Join)):
        key = "on" if isinstance(clause, exp.Join) else "this"
        if clause.args.get(key) is not None:
            clause.set(key, _sorted_conjunction(clause.args[key]))
    return tree.sql(dialect="sqlite", normalize=True)


# --- The questions -------------------------------------------------------------------------


@dataclass(frozen=True)
class NewIntentQuestion:
    """One hand-written question whose intent the training set never asks."""

    intent: str  # a name of its own, not one of acme_intents.py
    question: str
    sql: str
    idioms: tuple[str, ...]  # data-dictionary idioms the gold query relies on


def nq(intent: str, question: str, sql: str, idioms: str = "") -> NewIntentQuestion:
    """Shorthand used below: idioms are space-separated names; the SQL is put on one line."""
    return NewIntentQuestion(intent, question, " ".join(sql.split()), tuple(idioms.split()))


CUSTOMERS = [
    nq("suspended_account_count",
       "how many acounts are suspended atm?",
       "SELECT COUNT(*) FROM cust_mstr WHERE stat_cd = 'S'"),
    nq("countries_of_region_customers",
       "which countries are our EMEA customers in? just the country codes",
       "SELECT DISTINCT cntry_cd FROM cust_mstr WHERE rgn_cd = 'EMEA'"),
    nq("distinct_customer_countries",
       "how many diffrent countries do we have customers in?",
       "SELECT COUNT(DISTINCT cntry_cd) FROM cust_mstr"),
    nq("marketing_optin_count",
       "How many customers have agreed to get marketing e-mails from us?",
       "SELECT COUNT(*) FROM cust_mstr WHERE mktg_optin_flg = 'Y'"),
    nq("vip_names_in_country",
       "who are our VIPs in New Zealand? names pls",
       "SELECT cust_nm FROM cust_mstr WHERE lylty_tier = 4 AND cntry_cd = 'NZ'",
       "vip"),
    nq("loyalty_tier_mix_of_segment",
       "loyalty tier breakdown for business accounts - tier number and how many customers in each",
       "SELECT lylty_tier, COUNT(*) FROM cust_mstr WHERE seg_cd = 'B' GROUP BY lylty_tier"),
    nq("customers_referred_by_vips",
       "How many of our customers were referred to us by a VIP?",
       """SELECT COUNT(*) FROM cust_mstr c JOIN cust_mstr r ON r.cust_id = c.rfrl_cust_id
          WHERE r.lylty_tier = 4""",
       "vip"),
    nq("customer_with_most_orders",
       "who has placed the most orders with us, all time? ignore cancelled ones. just the name",
       """SELECT c.cust_nm FROM ord_hdr o JOIN cust_mstr c ON c.cust_id = o.cust_id
          WHERE o.ord_stat_cd <> 'CNL' GROUP BY c.cust_id ORDER BY COUNT(*) DESC LIMIT 1"""),
    nq("customers_using_three_channels",
       "how many customers have placed orders through at least 3 different channels? any order status is fine",
       """SELECT COUNT(*) FROM (SELECT cust_id FROM ord_hdr GROUP BY cust_id
          HAVING COUNT(DISTINCT chnl_cd) >= 3)"""),
    nq("customers_on_generic_email_domain",
       "how many customer logins are on the plain example.com domain (not .net/.org, not company subdomains)?",
       "SELECT COUNT(*) FROM cust_mstr WHERE email_addr LIKE '%@example.com'"),
    nq("country_with_most_closed_accounts",
       "which country has the most closed accounts?",
       """SELECT cntry_cd FROM cust_mstr WHERE stat_cd = 'X'
          GROUP BY cntry_cd ORDER BY COUNT(*) DESC LIMIT 1"""),
    nq("signup_cohort_now_vip",
       "of the folks who signed up in FY22, how many are VIP today?",
       "SELECT COUNT(*) FROM cust_mstr WHERE lylty_tier = 4 AND sgnup_dt BETWEEN '2022-02-01' AND '2023-01-31'",
       "vip fiscal_year"),
    nq("second_level_referrers",
       "how many customers referred somebody who then went on to refer someone else too?",
       """SELECT COUNT(DISTINCT a.cust_id) FROM cust_mstr a
          JOIN cust_mstr b ON b.rfrl_cust_id = a.cust_id
          JOIN cust_mstr c ON c.rfrl_cust_id = b.cust_id"""),
    nq("cross_border_referrals",
       "how many referrals crossed a border, i.e. the new customer lives in a different country "
       "from the person who referred them?",
       """SELECT COUNT(*) FROM cust_mstr c JOIN cust_mstr r ON r.cust_id = c.rfrl_cust_id
          WHERE c.cntry_cd <> r.cntry_cd"""),
    nq("active_customers_without_membership",
       "sizing an upsell list: how many active customers don't currently have Acme Plus?",
       """SELECT COUNT(*) FROM cust_mstr WHERE stat_cd = 'A'
          AND cust_id IN (SELECT cust_id FROM ord_hdr
                          WHERE ord_stat_cd <> 'CNL' AND ord_dt BETWEEN '2025-02-01' AND '2026-01-31')
          AND cust_id NOT IN (SELECT cust_id FROM mbr_sub WHERE end_dt IS NULL)""",
       "active_customer active_member"),
    nq("days_from_signup_to_first_order",
       "for customers who signed up from Feb 2022 on, how many days does it take on avg between sign-up "
       "and their first order?",
       """SELECT AVG(julianday(f.first_dt) - julianday(c.sgnup_dt)) FROM cust_mstr c
          JOIN (SELECT cust_id, MIN(ord_dt) AS first_dt FROM ord_hdr GROUP BY cust_id) f
            ON f.cust_id = c.cust_id
          WHERE c.sgnup_dt >= '2022-02-01'"""),
    nq("repeat_customer_share",
       "what % of customers with at least one (non-cancelled) order are repeat customers?",
       """SELECT 100.0 * SUM(CASE WHEN n >= 2 THEN 1 ELSE 0 END) / COUNT(*)
          FROM (SELECT cust_id, COUNT(*) AS n FROM ord_hdr WHERE ord_stat_cd <> 'CNL' GROUP BY cust_id)""",
       "repeat_customer"),
    nq("oldest_account_age_days",
       "how old is our oldest customer account, in days as of the snapshot?",
       "SELECT julianday('2026-01-31') - julianday(MIN(sgnup_dt)) FROM cust_mstr"),
    nq("newest_vip_signup_date",
       "when did our most recently signed-up VIP create their account?",
       "SELECT MAX(sgnup_dt) FROM cust_mstr WHERE lylty_tier = 4",
       "vip"),
    nq("app_only_customers",
       "how many customers have only ever placed orders in the app (any status), never anywhere else?",
       """SELECT COUNT(*) FROM (SELECT cust_id FROM ord_hdr GROUP BY cust_id
          HAVING MIN(chnl_cd) = 'APP' AND MAX(chnl_cd) = 'APP')"""),
    nq("customers_with_many_referrals",
       "names of customers who've referred 3 or more people?",
       """SELECT cust_nm FROM cust_mstr WHERE cust_id IN
          (SELECT rfrl_cust_id FROM cust_mstr GROUP BY rfrl_cust_id HAVING COUNT(*) >= 3)"""),
    nq("new_customers_by_segment",
       "new customers this fiscal year, broken down by segment code?",
       """SELECT seg_cd, COUNT(*) FROM cust_mstr WHERE cust_id IN
          (SELECT cust_id FROM ord_hdr GROUP BY cust_id HAVING MIN(ord_dt) BETWEEN '2025-02-01' AND '2026-01-31')
          GROUP BY seg_cd""",
       "new_customer this_year"),
    nq("quiet_vips",
       "which VIPs haven't bought anything since the start of August 2025? cancelled orders don't count. names",
       """SELECT cust_nm FROM cust_mstr WHERE lylty_tier = 4 AND cust_id NOT IN
          (SELECT cust_id FROM ord_hdr WHERE ord_stat_cd <> 'CNL' AND ord_dt >= '2025-08-01')""",
       "vip"),
    nq("customers_spending_over_threshold",
       "how many customers spent more than $5k with us this year (net)?",
       """SELECT COUNT(*) FROM (SELECT cust_id FROM ord_hdr
          WHERE ord_stat_cd NOT IN ('CNL', 'RTN') AND ord_dt BETWEEN '2025-02-01' AND '2026-01-31'
          GROUP BY cust_id HAVING SUM(ord_net_amt) > 5000)""",
       "net_revenue this_year"),
    nq("regions_with_high_inactive_share",
       "which home regions have more than 8.5% of their accounts suspended or closed? region codes",
       """SELECT rgn_cd FROM cust_mstr GROUP BY rgn_cd
          HAVING 100.0 * SUM(CASE WHEN stat_cd IN ('S', 'X') THEN 1 ELSE 0 END) / COUNT(*) > 8.5"""),
    nq("top_countries_by_net_revenue",
       "top 3 customer countries by net revenue this year?",
       """SELECT c.cntry_cd FROM ord_hdr o JOIN cust_mstr c ON c.cust_id = o.cust_id
          WHERE o.ord_stat_cd NOT IN ('CNL', 'RTN') AND o.ord_dt BETWEEN '2025-02-01' AND '2026-01-31'
          GROUP BY c.cntry_cd ORDER BY SUM(o.ord_net_amt) DESC LIMIT 3""",
       "net_revenue this_year"),
    nq("vip_net_revenue",
       "how much net revenue did VIPs bring in this year?",
       """SELECT SUM(o.ord_net_amt) FROM ord_hdr o JOIN cust_mstr c ON c.cust_id = o.cust_id
          WHERE c.lylty_tier = 4 AND o.ord_stat_cd NOT IN ('CNL', 'RTN')
          AND o.ord_dt BETWEEN '2025-02-01' AND '2026-01-31'""",
       "vip net_revenue this_year"),
    nq("lapsed_customers_with_active_membership",
       "how many lapsed customers are still paying for Acme Plus (membership active)?",
       """SELECT COUNT(*) FROM cust_mstr
          WHERE cust_id IN (SELECT cust_id FROM ord_hdr WHERE ord_dt < '2025-02-01')
          AND cust_id NOT IN (SELECT cust_id FROM ord_hdr WHERE ord_stat_cd <> 'CNL' AND ord_dt >= '2025-02-01')
          AND cust_id IN (SELECT cust_id FROM mbr_sub WHERE end_dt IS NULL)""",
       "lapsed_customer active_member"),
    nq("new_customers_already_repeat_share",
       "what % of this year's new customers have already turned into repeat customers?",
       """SELECT 100.0 * SUM(CASE WHEN n >= 2 THEN 1 ELSE 0 END) / COUNT(*)
          FROM (SELECT cust_id, SUM(CASE WHEN ord_stat_cd <> 'CNL' THEN 1 ELSE 0 END) AS n FROM ord_hdr
                GROUP BY cust_id HAVING MIN(ord_dt) BETWEEN '2025-02-01' AND '2026-01-31')""",
       "new_customer repeat_customer this_year"),
    nq("active_customers_using_app_share",
       "what % of our active customers placed at least one app order this year (not cancelled)?",
       """SELECT 100.0 * COUNT(*) / (SELECT COUNT(*) FROM cust_mstr WHERE stat_cd = 'A' AND cust_id IN
                                    (SELECT cust_id FROM ord_hdr WHERE ord_stat_cd <> 'CNL'
                                     AND ord_dt BETWEEN '2025-02-01' AND '2026-01-31'))
          FROM cust_mstr WHERE stat_cd = 'A' AND cust_id IN
            (SELECT cust_id FROM ord_hdr WHERE ord_stat_cd <> 'CNL' AND chnl_cd = 'APP'
             AND ord_dt BETWEEN '2025-02-01' AND '2026-01-31')""",
       "active_customer this_year"),
]

ORDERS = [
    nq("orders_in_calendar_year",
       "how many orders did we take in calendar 2023 (Jan-Dec, NOT the fiscal year)?",
       "SELECT COUNT(*) FROM ord_hdr WHERE ord_dt LIKE '2023-%'"),
    nq("promo_share_of_net_revenue",
       "what % of FY24 net revenue came from orders that used a promo code?",
       """SELECT 100.0 * SUM(CASE WHEN promo_cd IS NOT NULL THEN ord_net_amt ELSE 0 END) / SUM(ord_net_amt)
          FROM ord_hdr WHERE ord_stat_cd NOT IN ('CNL', 'RTN') AND ord_dt BETWEEN '2024-02-01' AND '2025-01-31'""",
       "net_revenue fiscal_year"),
    nq("largest_order_of_year",
       "biggest single order this fiscal year? order # and amount (cancelled ones don't count)",
       """SELECT ord_id, ord_net_amt FROM ord_hdr
          WHERE ord_stat_cd <> 'CNL' AND ord_dt BETWEEN '2025-02-01' AND '2026-01-31'
          ORDER BY ord_net_amt DESC LIMIT 1""",
       "this_year"),
    nq("busiest_weekday",
       "which day of the week gets the most orders? use FY25",
       """SELECT f.day_nm FROM ord_hdr o JOIN fscl_cal f ON f.cal_dt = o.ord_dt
          WHERE f.fscl_yr = 2025 GROUP BY f.day_nm ORDER BY COUNT(*) DESC LIMIT 1""",
       "fiscal_year"),
    nq("aov_by_customer_segment",
       "AOV by customer segment this year? segment code + AOV",
       """SELECT c.seg_cd, AVG(o.ord_net_amt) FROM ord_hdr o JOIN cust_mstr c ON c.cust_id = o.cust_id
          WHERE o.ord_stat_cd NOT IN ('CNL', 'RTN') AND o.ord_dt BETWEEN '2025-02-01' AND '2026-01-31'
          GROUP BY c.seg_cd""",
       "average_order_value this_year"),
    nq("orders_with_many_lines",
       "how many orders had 4 or more line items on them? cancelled ones included",
       "SELECT COUNT(*) FROM (SELECT ord_id FROM ord_ln GROUP BY ord_id HAVING COUNT(*) >= 4)"),
    nq("max_units_on_one_line",
       "whats the most units anybody bought of one product on a single order?",
       "SELECT MAX(qty) FROM ord_ln"),
    nq("net_revenue_weekend_vs_weekday",
       "net revenue weekend vs weekday for FY25 - weekend flag + revenue",
       """SELECT f.wknd_flg, SUM(o.ord_net_amt) FROM ord_hdr o JOIN fscl_cal f ON f.cal_dt = o.ord_dt
          WHERE f.fscl_yr = 2025 AND o.ord_stat_cd NOT IN ('CNL', 'RTN') GROUP BY f.wknd_flg""",
       "net_revenue fiscal_year"),
    nq("orders_per_fiscal_period",
       "order count for each fiscal period (month) of FY24, in period order",
       """SELECT f.fscl_prd, COUNT(*) FROM ord_hdr o JOIN fscl_cal f ON f.cal_dt = o.ord_dt
          WHERE f.fscl_yr = 2024 GROUP BY f.fscl_prd ORDER BY f.fscl_prd""",
       "fiscal_year"),
    nq("store_units_sold_in_quarter",
       "units sold in our retail stores last quarter?",
       """SELECT SUM(l.qty) FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id
          WHERE o.ord_stat_cd <> 'CNL' AND o.chnl_cd = 'RTL' AND o.ord_dt BETWEEN '2025-08-01' AND '2025-10-31'""",
       "units_sold fiscal_quarter this_year"),
    nq("orders_with_two_categories",
       "how many orders had both a tent and something from sleeping bags & pads in them?",
       """SELECT COUNT(*) FROM (
            SELECT l.ord_id FROM ord_ln l JOIN prd_mstr p ON p.prd_id = l.prd_id WHERE p.cat_cd = 'TNT'
            INTERSECT
            SELECT l.ord_id FROM ord_ln l JOIN prd_mstr p ON p.prd_id = l.prd_id WHERE p.cat_cd = 'SLP')"""),
    nq("effective_discount_of_promo",
       "sanity check on SPRING10: total discount as a % of the list value of those orders' lines? (excl. cancelled)",
       """SELECT 100.0 * SUM(l.disc_amt) / SUM(l.qty * l.unit_prc) FROM ord_ln l
          JOIN ord_hdr o ON o.ord_id = l.ord_id
          WHERE o.promo_cd = 'SPRING10' AND o.ord_stat_cd <> 'CNL'""",
       "gross_revenue"),
    nq("list_price_above_lowest_charged",
       "how much more is the Ridgeline 2 Tent listed at today than the lowest unit price we ever charged for it?",
       """SELECT p.lst_prc - MIN(l.unit_prc) FROM prd_mstr p JOIN ord_ln l ON l.prd_id = p.prd_id
          WHERE p.prd_nm = 'Ridgeline 2 Tent'"""),
    nq("net_revenue_without_promo",
       "net revenue last quarter from orders with no promo code at all?",
       """SELECT SUM(ord_net_amt) FROM ord_hdr WHERE promo_cd IS NULL AND ord_stat_cd NOT IN ('CNL', 'RTN')
          AND ord_dt BETWEEN '2025-08-01' AND '2025-10-31'""",
       "net_revenue fiscal_quarter this_year"),
    nq("orders_per_promo_type",
       "orders per promotion type this year (seasonal / welcome / members) - type code + count",
       """SELECT p.promo_typ_cd, COUNT(*) FROM ord_hdr o JOIN promo_ref p ON p.promo_cd = o.promo_cd
          WHERE o.ord_dt BETWEEN '2025-02-01' AND '2026-01-31' GROUP BY p.promo_typ_cd""",
       "this_year"),
    nq("payment_method_with_highest_aov",
       "which payment method has the highest average order value? FY25",
       """SELECT pay_mthd_cd FROM ord_hdr
          WHERE ord_stat_cd NOT IN ('CNL', 'RTN') AND ord_dt BETWEEN '2025-02-01' AND '2026-01-31'
          GROUP BY pay_mthd_cd ORDER BY AVG(ord_net_amt) DESC LIMIT 1""",
       "average_order_value fiscal_year"),
    nq("region_with_biggest_revenue_growth",
       "which ship-to region grew net revenue the most in dollars from last year to this year? region code",
       """SELECT shp_rgn_cd FROM ord_hdr
          WHERE ord_stat_cd NOT IN ('CNL', 'RTN') AND ord_dt BETWEEN '2024-02-01' AND '2026-01-31'
          GROUP BY shp_rgn_cd
          ORDER BY SUM(CASE WHEN ord_dt >= '2025-02-01' THEN ord_net_amt ELSE -ord_net_amt END) DESC LIMIT 1""",
       "net_revenue this_year"),
    nq("orders_on_event_days",
       "how many orders landed on each holiday / retail event day in FY24? event name + orders",
       """SELECT f.evnt_nm, COUNT(*) FROM ord_hdr o JOIN fscl_cal f ON f.cal_dt = o.ord_dt
          WHERE f.fscl_yr = 2024 AND f.evnt_nm IS NOT NULL GROUP BY f.evnt_nm""",
       "fiscal_year"),
    nq("average_units_per_order",
       "avg number of units per order in FY23? leave out cancelled orders",
       """SELECT 1.0 * SUM(l.qty) / COUNT(DISTINCT o.ord_id) FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id
          WHERE o.ord_stat_cd <> 'CNL' AND o.ord_dt BETWEEN '2023-02-01' AND '2024-01-31'""",
       "units_sold fiscal_year"),
    nq("gift_card_order_count",
       "how many orders were paid for with an Acme gift card?",
       "SELECT COUNT(*) FROM ord_hdr WHERE pay_mthd_cd = 'GFT'"),
    nq("orders_without_promo_count",
       "# of orders with no promo code on them, ever?",
       "SELECT COUNT(*) FROM ord_hdr WHERE promo_cd IS NULL"),
    nq("large_order_count_all_time",
       "how many large orders have we had in total since the data starts?",
       "SELECT COUNT(*) FROM ord_hdr WHERE ord_net_amt >= 500 AND ord_stat_cd <> 'CNL'",
       "large_order"),
    nq("average_orders_per_ordering_customer",
       "this year, how many orders does a customer place on average "
       "(among those who ordered at all, cancellations excluded)?",
       """SELECT AVG(n) FROM (SELECT COUNT(*) AS n FROM ord_hdr
          WHERE ord_stat_cd <> 'CNL' AND ord_dt BETWEEN '2025-02-01' AND '2026-01-31' GROUP BY cust_id)""",
       "this_year"),
    nq("orders_and_revenue_by_channel_and_payment",
       "FY25 net revenue by channel and payment method, with the number of orders behind each figure",
       """SELECT chnl_cd, pay_mthd_cd, COUNT(*), SUM(ord_net_amt) FROM ord_hdr
          WHERE ord_stat_cd NOT IN ('CNL', 'RTN') AND ord_dt BETWEEN '2025-02-01' AND '2026-01-31'
          GROUP BY chnl_cd, pay_mthd_cd""",
       "net_revenue fiscal_year"),
    nq("black_friday_code_used_on_cyber_monday",
       "how many BF25 orders were actually placed on Cyber Monday rather than Black Friday? all years",
       """SELECT COUNT(*) FROM ord_hdr o JOIN fscl_cal f ON f.cal_dt = o.ord_dt
          WHERE o.promo_cd = 'BF25' AND f.evnt_nm = 'Cyber Monday'"""),
    nq("orders_above_average_value",
       "this year, how many orders came in above the year's AOV? only orders that count towards revenue",
       """SELECT COUNT(*) FROM ord_hdr
          WHERE ord_stat_cd NOT IN ('CNL', 'RTN') AND ord_dt BETWEEN '2025-02-01' AND '2026-01-31'
          AND ord_net_amt > (SELECT AVG(ord_net_amt) FROM ord_hdr WHERE ord_stat_cd NOT IN ('CNL', 'RTN')
                             AND ord_dt BETWEEN '2025-02-01' AND '2026-01-31')""",
       "average_order_value this_year"),
    nq("busiest_fiscal_week",
       "what was the busiest fiscal week of FY24 by number of orders? week #",
       """SELECT f.fscl_wk FROM ord_hdr o JOIN fscl_cal f ON f.cal_dt = o.ord_dt
          WHERE f.fscl_yr = 2024 GROUP BY f.fscl_wk ORDER BY COUNT(*) DESC LIMIT 1""",
       "fiscal_year"),
    nq("customers_on_both_sale_days",
       "which customers ordered on both Black Friday and Cyber Monday in 2025? customer ids",
       """SELECT o.cust_id FROM ord_hdr o JOIN fscl_cal f ON f.cal_dt = o.ord_dt
          WHERE f.evnt_nm = 'Black Friday' AND f.cal_dt LIKE '2025-%'
          INTERSECT
          SELECT o.cust_id FROM ord_hdr o JOIN fscl_cal f ON f.cal_dt = o.ord_dt
          WHERE f.evnt_nm = 'Cyber Monday' AND f.cal_dt LIKE '2025-%'"""),
    nq("net_revenue_by_shipping_warehouse",
       "net revenue by shipping warehouse (city) for last year?",
       """SELECT w.whs_city, SUM(o.ord_net_amt) FROM ord_hdr o JOIN shpmt s ON s.ord_id = o.ord_id
          JOIN whs_ref w ON w.whs_cd = s.whs_cd
          WHERE o.ord_stat_cd NOT IN ('CNL', 'RTN') AND o.ord_dt BETWEEN '2024-02-01' AND '2025-01-31'
          GROUP BY w.whs_city""",
       "net_revenue this_year"),
    nq("gross_to_net_revenue_gap",
       "FY24: how far apart were gross and net revenue? gross minus net, in $",
       """SELECT (SELECT SUM(l.qty * l.unit_prc) FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id
                  WHERE o.ord_stat_cd <> 'CNL' AND o.ord_dt BETWEEN '2024-02-01' AND '2025-01-31')
               - (SELECT SUM(ord_net_amt) FROM ord_hdr
                  WHERE ord_stat_cd NOT IN ('CNL', 'RTN') AND ord_dt BETWEEN '2024-02-01' AND '2025-01-31')""",
       "gross_revenue net_revenue fiscal_year"),
    nq("segment_with_most_large_orders",
       "which customer segment places the most large orders? this year, segment code",
       """SELECT c.seg_cd FROM ord_hdr o JOIN cust_mstr c ON c.cust_id = o.cust_id
          WHERE o.ord_net_amt >= 500 AND o.ord_stat_cd <> 'CNL' AND o.ord_dt BETWEEN '2025-02-01' AND '2026-01-31'
          GROUP BY c.seg_cd ORDER BY COUNT(*) DESC LIMIT 1""",
       "large_order this_year"),
    nq("orders_per_promo_code_including_unused",
       "how many orders used each promo code this quarter? list every code, 0 if nobody used it",
       """SELECT p.promo_cd, COUNT(o.ord_id) FROM promo_ref p
          LEFT JOIN ord_hdr o ON o.promo_cd = p.promo_cd AND o.ord_dt BETWEEN '2025-11-01' AND '2026-01-31'
          GROUP BY p.promo_cd""",
       "fiscal_quarter this_year"),
]

PRODUCTS = [
    nq("five_year_warranty_products",
       "what do we sell with a 5 yr warranty?",
       "SELECT prd_nm FROM prd_mstr WHERE wrnty_yrs = 5"),
    nq("product_launch_date",
       "when did the Summit Ultralight Tent go on sale?",
       "SELECT lnch_dt FROM prd_mstr WHERE prd_nm = 'Summit Ultralight Tent'"),
    nq("products_above_category_average_price",
       "which products are priced above the average list price of their own category?",
       """SELECT p.prd_nm FROM prd_mstr p
          WHERE p.lst_prc > (SELECT AVG(x.lst_prc) FROM prd_mstr x WHERE x.cat_cd = p.cat_cd)"""),
    nq("last_order_of_discontinued_products",
       "for the discontinued products, when was each one last ordered? name + date",
       """SELECT p.prd_nm, MAX(o.ord_dt) FROM prd_mstr p JOIN ord_ln l ON l.prd_id = p.prd_id
          JOIN ord_hdr o ON o.ord_id = l.ord_id WHERE p.dscntd_flg = 'Y' GROUP BY p.prd_nm"""),
    nq("products_never_returned_for_reason",
       "are there products nobody has ever sent back as defective? which ones",
       """SELECT prd_nm FROM prd_mstr WHERE prd_id NOT IN
          (SELECT l.prd_id FROM rtn_txn r JOIN ord_ln l ON l.ord_id = r.ord_id AND l.ln_no = r.ln_no
           WHERE r.rsn_cd = 'DEF')"""),
    nq("product_with_highest_return_rate",
       "which product has the worst return rate?",
       """SELECT p.prd_nm FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id
          JOIN prd_mstr p ON p.prd_id = l.prd_id
          LEFT JOIN rtn_txn r ON r.ord_id = l.ord_id AND r.ln_no = l.ln_no
          WHERE o.ord_stat_cd IN ('DLV', 'RTN') GROUP BY p.prd_nm
          ORDER BY 100.0 * SUM(COALESCE(r.rtn_qty, 0)) / SUM(l.qty) DESC LIMIT 1""",
       "return_rate"),
    nq("return_rate_by_channel",
       "return rate by sales channel - channel code + rate",
       """SELECT o.chnl_cd, 100.0 * SUM(COALESCE(r.rtn_qty, 0)) / SUM(l.qty) FROM ord_ln l
          JOIN ord_hdr o ON o.ord_id = l.ord_id
          LEFT JOIN rtn_txn r ON r.ord_id = l.ord_id AND r.ln_no = l.ln_no
          WHERE o.ord_stat_cd IN ('DLV', 'RTN') GROUP BY o.chnl_cd""",
       "return_rate"),
    nq("restocked_share_of_returned_units",
       "what share of returned units made it back into sellable stock?",
       "SELECT 100.0 * SUM(CASE WHEN rstk_flg = 'Y' THEN rtn_qty ELSE 0 END) / SUM(rtn_qty) FROM rtn_txn"),
    nq("average_days_order_to_return",
       "on average how many days after the order date do returns come in?",
       """SELECT AVG(julianday(r.rtn_dt) - julianday(o.ord_dt)) FROM rtn_txn r
          JOIN ord_hdr o ON o.ord_id = r.ord_id"""),
    nq("returns_within_week_of_delivery",
       "how many returns were recieved within 7 days of the parcel being delivered?",
       """SELECT COUNT(*) FROM rtn_txn r JOIN shpmt s ON s.ord_id = r.ord_id
          WHERE julianday(r.rtn_dt) - julianday(s.dlv_dt) <= 7"""),
    nq("full_returns_refunded_short",
       "whole line sent back but the refund was less than what the line cost after discount (fees kept) - "
       "how many returns like that?",
       """SELECT COUNT(*) FROM rtn_txn r JOIN ord_ln l ON l.ord_id = r.ord_id AND l.ln_no = r.ln_no
          WHERE r.rtn_qty = l.qty AND r.rfnd_amt < l.qty * l.unit_prc - l.disc_amt"""),
    nq("category_with_most_buyers",
       "which category had the most distinct customers buying from it last year? "
       "(cancelled orders don't count) category code is fine",
       """SELECT p.cat_cd FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id
          JOIN prd_mstr p ON p.prd_id = l.prd_id
          WHERE o.ord_stat_cd <> 'CNL' AND o.ord_dt BETWEEN '2024-02-01' AND '2025-01-31'
          GROUP BY p.cat_cd ORDER BY COUNT(DISTINCT o.cust_id) DESC LIMIT 1""",
       "this_year"),
    nq("net_revenue_of_long_warranty_products",
       "net revenue this year from products that come with a 5-year warranty?",
       """SELECT SUM(l.qty * l.unit_prc - l.disc_amt) FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id
          JOIN prd_mstr p ON p.prd_id = l.prd_id
          WHERE o.ord_stat_cd NOT IN ('CNL', 'RTN') AND p.wrnty_yrs = 5
          AND o.ord_dt BETWEEN '2025-02-01' AND '2026-01-31'""",
       "net_revenue this_year"),
    nq("products_sold_every_fiscal_year",
       "which products sold in every fiscal year from FY22 through FY25?",
       """SELECT p.prd_nm FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id
          JOIN prd_mstr p ON p.prd_id = l.prd_id JOIN fscl_cal f ON f.cal_dt = o.ord_dt
          WHERE o.ord_stat_cd <> 'CNL' AND f.fscl_yr BETWEEN 2022 AND 2025
          GROUP BY p.prd_nm HAVING COUNT(DISTINCT f.fscl_yr) = 4""",
       "fiscal_year"),
    nq("product_count_by_warranty",
       "how many products do we have for each warranty length?",
       "SELECT wrnty_yrs, COUNT(*) FROM prd_mstr GROUP BY wrnty_yrs"),
    nq("biggest_refund_ever",
       "biggest refund we've ever paid out on a single return?",
       "SELECT MAX(rfnd_amt) FROM rtn_txn"),
    nq("units_returned_damaged",
       "total units returned bc they arrived damaged?",
       "SELECT SUM(rtn_qty) FROM rtn_txn WHERE rsn_cd = 'DMG'"),
    nq("returns_not_restocked",
       "how many returns couldn't go back on the shelf?",
       "SELECT COUNT(*) FROM rtn_txn WHERE rstk_flg = 'N'"),
    nq("products_pricier_than_product",
       "what do we sell that's pricier than the Ridgeline 4 Tent?",
       """SELECT prd_nm FROM prd_mstr
          WHERE lst_prc > (SELECT lst_prc FROM prd_mstr WHERE prd_nm = 'Ridgeline 4 Tent')"""),
    nq("refunds_for_reason_in_category",
       "how much did we refund on footwear that came back for fit last year?",
       """SELECT SUM(r.rfnd_amt) FROM rtn_txn r JOIN ord_ln l ON l.ord_id = r.ord_id AND l.ln_no = r.ln_no
          JOIN prd_mstr p ON p.prd_id = l.prd_id
          WHERE r.rsn_cd = 'FIT' AND p.cat_cd = 'FTW' AND r.rtn_dt BETWEEN '2024-02-01' AND '2025-01-31'""",
       "this_year"),
    nq("discontinued_units_sold",
       "units sold of products we've since discontinued, FY24?",
       """SELECT SUM(l.qty) FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id
          JOIN prd_mstr p ON p.prd_id = l.prd_id
          WHERE p.dscntd_flg = 'Y' AND o.ord_stat_cd <> 'CNL' AND o.ord_dt BETWEEN '2024-02-01' AND '2025-01-31'""",
       "units_sold fiscal_year"),
    nq("top_products_among_vips",
       "top 3 products by units among VIP customers this year?",
       """SELECT p.prd_nm FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id
          JOIN prd_mstr p ON p.prd_id = l.prd_id JOIN cust_mstr c ON c.cust_id = o.cust_id
          WHERE c.lylty_tier = 4 AND o.ord_stat_cd <> 'CNL' AND o.ord_dt BETWEEN '2025-02-01' AND '2026-01-31'
          GROUP BY p.prd_nm ORDER BY SUM(l.qty) DESC LIMIT 3""",
       "vip units_sold this_year"),
    nq("costliest_return_reason",
       "which return reason cost us the most in refunds this year?",
       """SELECT rsn_cd FROM rtn_txn WHERE rtn_dt BETWEEN '2025-02-01' AND '2026-01-31'
          GROUP BY rsn_cd ORDER BY SUM(rfnd_amt) DESC LIMIT 1""",
       "this_year"),
    nq("categories_over_revenue_threshold",
       "which categories did more than $150k net revenue this year? codes",
       """SELECT p.cat_cd FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id
          JOIN prd_mstr p ON p.prd_id = l.prd_id
          WHERE o.ord_stat_cd NOT IN ('CNL', 'RTN') AND o.ord_dt BETWEEN '2025-02-01' AND '2026-01-31'
          GROUP BY p.cat_cd HAVING SUM(l.qty * l.unit_prc - l.disc_amt) > 150000""",
       "net_revenue this_year"),
    nq("price_range_per_category",
       "cheapest and priciest list price in each category code?",
       "SELECT cat_cd, MIN(lst_prc), MAX(lst_prc) FROM prd_mstr GROUP BY cat_cd"),
]

SHIPPING = [
    nq("carriers_at_warehouse",
       "which carriers ship out of the sydney warehosue?",
       "SELECT DISTINCT carr_cd FROM shpmt WHERE whs_cd = 'SYD1'"),
    nq("main_carrier_of_warehouse",
       "what's the go-to carrier at the Rotterdam warehouse, i.e. the one with the most parcels?",
       """SELECT carr_cd FROM shpmt WHERE whs_cd = 'ROT1'
          GROUP BY carr_cd ORDER BY COUNT(*) DESC LIMIT 1"""),
    nq("order_to_ship_days_by_channel",
       "how many days between order and ship on avg, per channel? (shipped orders only obviously)",
       """SELECT o.chnl_cd, AVG(julianday(s.shp_dt) - julianday(o.ord_dt)) FROM shpmt s
          JOIN ord_hdr o ON o.ord_id = s.ord_id GROUP BY o.chnl_cd"""),
    nq("on_time_rate_by_ship_region",
       "on-time delivery % by ship-to region code for this year's orders?",
       """SELECT o.shp_rgn_cd, 100.0 * SUM(CASE WHEN s.dlv_dt <= s.prm_dlv_dt THEN 1 ELSE 0 END) / COUNT(*)
          FROM shpmt s JOIN ord_hdr o ON o.ord_id = s.ord_id
          WHERE s.dlv_dt IS NOT NULL AND o.ord_dt BETWEEN '2025-02-01' AND '2026-01-31'
          GROUP BY o.shp_rgn_cd""",
       "on_time_delivery this_year"),
    nq("late_reason_returns_on_late_parcels",
       "returns with reason LATE: how many were on parcels that really did arrive after the promised date?",
       """SELECT COUNT(*) FROM rtn_txn r JOIN shpmt s ON s.ord_id = r.ord_id
          WHERE r.rsn_cd = 'LATE' AND s.dlv_dt > s.prm_dlv_dt""",
       "late_delivery"),
    nq("parcels_long_in_transit",
       "tracking numbers of parcels still in transit that left the warehouse more than 5 days before the snapshot?",
       """SELECT trk_no FROM shpmt
          WHERE dlv_dt IS NULL AND julianday('2026-01-31') - julianday(shp_dt) > 5"""),
    nq("shipments_from_outside_region",
       "how many shipments went out of a warehouse outside the order's ship-to region?",
       """SELECT COUNT(*) FROM shpmt s JOIN whs_ref w ON w.whs_cd = s.whs_cd
          JOIN ord_hdr o ON o.ord_id = s.ord_id WHERE w.rgn_cd <> o.shp_rgn_cd"""),
    nq("fastest_warehouse",
       "which warehouse gets parcels to customers quickest on average, ship date to delivery? city name",
       """SELECT w.whs_city FROM shpmt s JOIN whs_ref w ON w.whs_cd = s.whs_cd
          WHERE s.dlv_dt IS NOT NULL GROUP BY w.whs_city
          ORDER BY AVG(julianday(s.dlv_dt) - julianday(s.shp_dt)) LIMIT 1"""),
    nq("early_deliveries",
       "how many parcels arrived 2 or more days earlier than we promised?",
       "SELECT COUNT(*) FROM shpmt WHERE julianday(prm_dlv_dt) - julianday(dlv_dt) >= 2"),
    nq("worst_delivery_delay",
       "what's the worst late delivery we've had, in days late?",
       "SELECT MAX(julianday(dlv_dt) - julianday(prm_dlv_dt)) FROM shpmt WHERE dlv_dt > prm_dlv_dt",
       "late_delivery"),
    nq("overall_on_time_rate",
       "on-time rate across all delivered parcels, whole history?",
       """SELECT 100.0 * SUM(CASE WHEN dlv_dt <= prm_dlv_dt THEN 1 ELSE 0 END) / COUNT(*)
          FROM shpmt WHERE dlv_dt IS NOT NULL""",
       "on_time_delivery"),
    nq("warehouses_never_using_carrier",
       "which warehouses have never sent anything FedEx? codes",
       "SELECT whs_cd FROM whs_ref WHERE whs_cd NOT IN (SELECT whs_cd FROM shpmt WHERE carr_cd = 'FDX')"),
    nq("best_on_time_quarter",
       "which fiscal quarter of FY25 had the best on-time rate, going by ship date?",
       """SELECT f.fscl_qtr FROM shpmt s JOIN fscl_cal f ON f.cal_dt = s.shp_dt
          WHERE f.fscl_yr = 2025 AND s.dlv_dt IS NOT NULL GROUP BY f.fscl_qtr
          ORDER BY 100.0 * SUM(CASE WHEN s.dlv_dt <= s.prm_dlv_dt THEN 1 ELSE 0 END) / COUNT(*) DESC LIMIT 1""",
       "on_time_delivery fiscal_quarter fiscal_year"),
]

MEMBERSHIPS = [
    nq("customers_with_several_memberships",
       "how many customers have had more than one Plus membership (left and came back)?",
       "SELECT COUNT(*) FROM (SELECT cust_id FROM mbr_sub GROUP BY cust_id HAVING COUNT(*) > 1)"),
    nq("auto_renew_share_of_active_members",
       "what % of active Plus memberships are set to auto-renew?",
       """SELECT 100.0 * SUM(CASE WHEN auto_rnw_flg = 'Y' THEN 1 ELSE 0 END) / COUNT(*)
          FROM mbr_sub WHERE end_dt IS NULL""",
       "active_member"),
    nq("monthly_to_annual_switchers",
       "how many people switched from monthly to annual? (a PLUS_M that ended, then a PLUS_A started later)",
       """SELECT COUNT(DISTINCT a.cust_id) FROM mbr_sub a JOIN mbr_sub b ON b.cust_id = a.cust_id
          WHERE a.plan_cd = 'PLUS_M' AND b.plan_cd = 'PLUS_A' AND b.strt_dt > a.end_dt"""),
    nq("longest_standing_active_member",
       "who's our longest-standing current Plus member? name only",
       """SELECT c.cust_nm FROM mbr_sub m JOIN cust_mstr c ON c.cust_id = m.cust_id
          WHERE m.end_dt IS NULL ORDER BY m.strt_dt LIMIT 1""",
       "active_member"),
    nq("involuntary_membership_endings",
       "memberships that ended last year because the payment failed - how many?",
       "SELECT COUNT(*) FROM mbr_sub WHERE cncl_rsn_cd = 'PAY' AND end_dt BETWEEN '2024-02-01' AND '2025-01-31'",
       "this_year"),
    nq("churned_members_by_plan",
       "churned members this fiscal year split by the plan they were on",
       """SELECT plan_cd, COUNT(DISTINCT cust_id) FROM mbr_sub
          WHERE end_dt BETWEEN '2025-02-01' AND '2026-01-31'
          AND cust_id NOT IN (SELECT cust_id FROM mbr_sub WHERE end_dt IS NULL)
          GROUP BY plan_cd""",
       "churned_member this_year"),
    nq("active_members_without_orders",
       "how many active Plus members haven't placed a single (non-cancelled) order this fiscal year?",
       """SELECT COUNT(*) FROM mbr_sub WHERE end_dt IS NULL AND cust_id NOT IN
          (SELECT cust_id FROM ord_hdr WHERE ord_stat_cd <> 'CNL' AND ord_dt BETWEEN '2025-02-01' AND '2026-01-31')""",
       "active_member this_year"),
    nq("vip_share_of_active_members",
       "what percentage of our active members are VIPs?",
       """SELECT 100.0 * SUM(CASE WHEN c.lylty_tier = 4 THEN 1 ELSE 0 END) / COUNT(*)
          FROM mbr_sub m JOIN cust_mstr c ON c.cust_id = m.cust_id WHERE m.end_dt IS NULL""",
       "vip active_member"),
    nq("top_cancellation_reason_of_plan",
       "most common reason monthly members give for cancelling?",
       """SELECT cncl_rsn_cd FROM mbr_sub WHERE plan_cd = 'PLUS_M' AND cncl_rsn_cd IS NOT NULL
          GROUP BY cncl_rsn_cd ORDER BY COUNT(*) DESC LIMIT 1"""),
    nq("active_members_using_member_code",
       "how many current members have used the PLUS5 code at least once?",
       """SELECT COUNT(*) FROM mbr_sub WHERE end_dt IS NULL
          AND cust_id IN (SELECT cust_id FROM ord_hdr WHERE promo_cd = 'PLUS5')""",
       "active_member"),
    nq("average_tenure_of_active_members",
       "how long have current members been members on average? days up to the snapshot",
       "SELECT AVG(julianday('2026-01-31') - julianday(strt_dt)) FROM mbr_sub WHERE end_dt IS NULL",
       "active_member"),
]

TICKETS = [
    nq("ticket_awaiting_pickup",
       "is anything sitting in NEW with nobody on it? ticket # and when it was opened",
       "SELECT tkt_id, opn_dt FROM sprt_tkt WHERE stat_cd = 'NEW'"),
    nq("csat_by_contact_channel",
       "avg CSAT per contact channel (email / chat / phone)",
       "SELECT cntct_chnl_cd, AVG(csat_scr) FROM sprt_tkt GROUP BY cntct_chnl_cd"),
    nq("survey_response_rate",
       "what % of resolved tickets actually got a satisfaction score back?",
       "SELECT 100.0 * COUNT(csat_scr) / COUNT(*) FROM sprt_tkt WHERE cls_dt IS NOT NULL"),
    nq("customers_without_tickets",
       "how many custmers have never opened a support ticket?",
       "SELECT COUNT(*) FROM cust_mstr WHERE cust_id NOT IN (SELECT cust_id FROM sprt_tkt)"),
    nq("tickets_per_fiscal_quarter",
       "tickets opened per fiscal quarter in FY25?",
       """SELECT f.fscl_qtr, COUNT(*) FROM sprt_tkt t JOIN fscl_cal f ON f.cal_dt = t.opn_dt
          WHERE f.fscl_yr = 2025 GROUP BY f.fscl_qtr""",
       "fiscal_quarter fiscal_year"),
    nq("slow_urgent_tickets",
       "how many P1 tickets took longer than a day to resolve?",
       "SELECT COUNT(*) FROM sprt_tkt WHERE prty_cd = 'P1' AND julianday(cls_dt) - julianday(opn_dt) > 1",
       "resolution_time"),
    nq("customers_with_many_tickets",
       "how many customers opened 3 or more tickets this year?",
       """SELECT COUNT(*) FROM (SELECT cust_id FROM sprt_tkt WHERE opn_dt BETWEEN '2025-02-01' AND '2026-01-31'
          GROUP BY cust_id HAVING COUNT(*) >= 3)""",
       "this_year"),
    nq("long_waiting_on_customer_tickets",
       "tickets still waiting on the customer that were opened more than a year before the snapshot? ticket numbers",
       "SELECT tkt_id FROM sprt_tkt WHERE stat_cd = 'WCU' AND opn_dt < '2025-01-31'"),
    nq("tickets_on_holiday",
       "did anyone open a ticket on Christmas Day 2024? how many",
       """SELECT COUNT(*) FROM sprt_tkt t JOIN fscl_cal f ON f.cal_dt = t.opn_dt
          WHERE f.evnt_nm = 'Christmas Day' AND f.cal_dt LIKE '2024-%'"""),
    nq("fastest_resolving_contact_channel",
       "which contact channel gets tickets resolved fastest on average?",
       """SELECT cntct_chnl_cd FROM sprt_tkt WHERE cls_dt IS NOT NULL GROUP BY cntct_chnl_cd
          ORDER BY AVG(julianday(cls_dt) - julianday(opn_dt)) LIMIT 1""",
       "resolution_time"),
    nq("shipping_tickets_on_late_parcels",
       "SHIP tickets about parcels that really were late - how many?",
       """SELECT COUNT(*) FROM sprt_tkt t JOIN shpmt s ON s.ord_id = t.ord_id
          WHERE t.tkt_cat_cd = 'SHIP' AND s.dlv_dt > s.prm_dlv_dt""",
       "late_delivery"),
    nq("vip_tickets_by_contact_channel",
       "how do VIPs reach us? ticket count per contact channel, VIPs only",
       """SELECT t.cntct_chnl_cd, COUNT(*) FROM sprt_tkt t JOIN cust_mstr c ON c.cust_id = t.cust_id
          WHERE c.lylty_tier = 4 GROUP BY t.cntct_chnl_cd""",
       "vip"),
    nq("average_age_of_backlog",
       "avg age in days of the open backlog, as of the snapshot?",
       "SELECT AVG(julianday('2026-01-31') - julianday(opn_dt)) FROM sprt_tkt WHERE stat_cd NOT IN ('RSV', 'CLS')",
       "open_ticket"),
    nq("high_priority_one_star_tickets",
       "how many urgent or high prio tickets ended up with a 1-star CSAT?",
       "SELECT COUNT(*) FROM sprt_tkt WHERE prty_cd IN ('P1', 'P2') AND csat_scr = 1",
       "high_priority_ticket"),
    nq("csat_score_distribution",
       "CSAT distribution: each score and how many tickets got it (skip the ones nobody answered)",
       "SELECT csat_scr, COUNT(*) FROM sprt_tkt WHERE csat_scr IS NOT NULL GROUP BY csat_scr"),
    nq("order_change_tickets_on_cancelled_orders",
       "ORDR tickets: how many were about orders that did end up cancelled?",
       """SELECT COUNT(*) FROM sprt_tkt t JOIN ord_hdr o ON o.ord_id = t.ord_id
          WHERE t.tkt_cat_cd = 'ORDR' AND o.ord_stat_cd = 'CNL'"""),
    nq("ticket_customers_without_orders",
       "how many people have contacted support but never placed an order?",
       "SELECT COUNT(DISTINCT cust_id) FROM sprt_tkt WHERE cust_id NOT IN (SELECT cust_id FROM ord_hdr)"),
    nq("high_priority_ticket_count",
       "P1 + P2 tickets since records began, how many all together?",
       "SELECT COUNT(*) FROM sprt_tkt WHERE prty_cd IN ('P1', 'P2')",
       "high_priority_ticket"),
    nq("slowest_resolution_ever",
       "longest any resolved ticket has taken, in days?",
       "SELECT MAX(julianday(cls_dt) - julianday(opn_dt)) FROM sprt_tkt WHERE cls_dt IS NOT NULL",
       "resolution_time"),
    nq("tickets_without_order",
       "how many tickets aren't linked to any order?",
       "SELECT COUNT(*) FROM sprt_tkt WHERE ord_id IS NULL"),
    nq("open_backlog_by_home_region",
       "open ticket backlog by the customer's home region",
       """SELECT c.rgn_cd, COUNT(*) FROM sprt_tkt t JOIN cust_mstr c ON c.cust_id = t.cust_id
          WHERE t.stat_cd NOT IN ('RSV', 'CLS') GROUP BY c.rgn_cd""",
       "open_ticket"),
    nq("vip_csat_by_ticket_category",
       "avg CSAT on VIP tickets per ticket category?",
       """SELECT t.tkt_cat_cd, AVG(t.csat_scr) FROM sprt_tkt t JOIN cust_mstr c ON c.cust_id = t.cust_id
          WHERE c.lylty_tier = 4 GROUP BY t.tkt_cat_cd""",
       "vip"),
]

CALENDAR_AND_REFERENCE = [
    nq("weeks_in_fiscal_year",
       "how many weeks does FY2023 have?",
       "SELECT MAX(fscl_wk) FROM fscl_cal WHERE fscl_yr = 2023",
       "fiscal_year"),
    nq("fiscal_quarter_of_date",
       "what fiscal year + quarter is Jan 15 2025 in?",
       "SELECT fscl_yr, fscl_qtr FROM fscl_cal WHERE cal_dt = '2025-01-15'",
       "fiscal_year fiscal_quarter"),
    nq("fiscal_period_of_month",
       "November is which fiscal period?",
       "SELECT DISTINCT fscl_prd FROM fscl_cal WHERE strftime('%m', cal_dt) = '11'"),
    nq("weekend_days_in_quarter",
       "how many weekend days are there this quarter?",
       "SELECT COUNT(*) FROM fscl_cal WHERE fscl_yr = 2025 AND fscl_qtr = 4 AND wknd_flg = 'Y'",
       "fiscal_quarter this_year"),
    nq("event_days_in_fiscal_year",
       "how many holiday/event days are in FY25?",
       "SELECT COUNT(evnt_nm) FROM fscl_cal WHERE fscl_yr = 2025",
       "fiscal_year"),
    nq("weekday_of_snapshot",
       "what day of the week is the snapshot date?",
       "SELECT day_nm FROM fscl_cal WHERE cal_dt = '2026-01-31'"),
    nq("promo_discount_percent",
       "BF25 is how many percent off exactly?",
       "SELECT 100 * disc_pct FROM promo_ref WHERE promo_cd = 'BF25'"),
    nq("deepest_promo",
       "which promo code gives the biggest discount?",
       "SELECT promo_cd FROM promo_ref ORDER BY disc_pct DESC LIMIT 1"),
    nq("seasonal_promo_codes",
       "which of our codes are seasonal sales?",
       "SELECT promo_cd FROM promo_ref WHERE promo_typ_cd = 'SEAS'"),
    nq("region_checkout_currency",
       "what currency do APAC customers pay in at checkout?",
       "SELECT ccy_cd FROM rgn_ref WHERE rgn_cd = 'APAC'"),
    nq("warehouses_of_region",
       "which warehouses serve NA West? cities",
       "SELECT whs_city FROM whs_ref WHERE rgn_cd = 'NAW'"),
    nq("customers_paying_in_currency",
       "how many customers pay in USD at checkout?",
       "SELECT COUNT(*) FROM cust_mstr c JOIN rgn_ref r ON r.rgn_cd = c.rgn_cd WHERE r.ccy_cd = 'USD'"),
    nq("top_region_for_promo",
       "which ship-to region used BF25 the most this year? just the region code",
       """SELECT shp_rgn_cd FROM ord_hdr WHERE promo_cd = 'BF25' AND ord_dt BETWEEN '2025-02-01' AND '2026-01-31'
          GROUP BY shp_rgn_cd ORDER BY COUNT(*) DESC LIMIT 1""",
       "this_year"),
    nq("average_discount_per_promo_order",
       "avg $ discount per order for BF25 orders last year (ignore cancelled)",
       """SELECT SUM(l.disc_amt) / COUNT(DISTINCT o.ord_id) FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id
          WHERE o.promo_cd = 'BF25' AND o.ord_stat_cd <> 'CNL' AND o.ord_dt BETWEEN '2024-02-01' AND '2025-01-31'""",
       "this_year"),
]

NEW_INTENT_QUESTIONS = [*CUSTOMERS, *ORDERS, *PRODUCTS, *SHIPPING, *MEMBERSHIPS, *TICKETS, *CALENDAR_AND_REFERENCE]
