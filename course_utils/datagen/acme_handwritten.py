"""Hand-written test questions, asked the way Acme's people ask in Slack.

Each one was written by hand, with its gold SQL written and checked by hand against
acme.sqlite (acme_questions.py re-runs every query and fails loudly if one stops
giving a clear answer). Most map onto an intent that the training set also covers,
so a model fine-tuned on train can transfer; `intent=""` marks a novel question.

Relative periods follow the dictionary's idiom "this_year": this year = fiscal 2025,
last year = fiscal 2024, this quarter = fiscal Q4 2025 (the snapshot is 2026-01-31).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Handwritten:
    """One hand-written question with its gold SQL."""

    question: str
    sql: str
    intent: str | None  # None for a novel question
    idioms: tuple[str, ...]
    empty: bool = False  # the right answer is "no rows"


def hw(question: str, sql: str, intent: str = "", idioms: str = "", empty: bool = False) -> Handwritten:
    """Shorthand used below: idioms are space-separated names."""
    return Handwritten(question, sql, intent or None, tuple(idioms.split()), empty)


CUSTOMERS = [
    hw("how many customers do we have in APAC these days?",
       "SELECT COUNT(*) FROM cust_mstr WHERE rgn_cd = 'APAC'",
       "customers_in_region"),
    hw("# of business accounts in NA East?",
       "SELECT COUNT(*) FROM cust_mstr WHERE rgn_cd = 'NAE' AND seg_cd = 'B'",
       "customers_in_region_and_segment"),
    hw("can I get a quick count of customers by segment? segment code + count is fine",
       "SELECT seg_cd, COUNT(*) FROM cust_mstr GROUP BY seg_cd",
       "customer_count_per_segment"),
    hw("How many new sign-ups did we get in FY23?",
       "SELECT COUNT(*) FROM cust_mstr WHERE sgnup_dt BETWEEN '2023-02-01' AND '2024-01-31'",
       "signups_in_fiscal_year", "fiscal_year"),
    hw("sign-ups in Nov 2025?",
       "SELECT COUNT(*) FROM cust_mstr WHERE sgnup_dt BETWEEN '2025-11-01' AND '2025-11-30'",
       "signups_in_month"),
    hw("thinking about an SMS campaign - how many consumer customers have no phone number at all?",
       "SELECT COUNT(*) FROM cust_mstr WHERE seg_cd = 'C' AND phn_no IS NULL",
       "customers_missing_phone"),
    hw("do we have any VIPs in LatAm? how many",
       "SELECT COUNT(*) FROM cust_mstr WHERE lylty_tier = 4 AND rgn_cd = 'LATAM'",
       "vip_count_in_region", "vip"),
    hw("Active customer count for NA West please, need it for the regional review",
       """SELECT COUNT(*) FROM cust_mstr WHERE stat_cd = 'A' AND rgn_cd = 'NAW'
          AND cust_id IN (SELECT cust_id FROM ord_hdr
                          WHERE ord_stat_cd <> 'CNL' AND ord_dt BETWEEN '2025-02-01' AND '2026-01-31')""",
       "active_customers_in_region", "active_customer"),
    hw("how many of our schools & non-profits are still active customers?",
       """SELECT COUNT(*) FROM cust_mstr WHERE stat_cd = 'A' AND seg_cd = 'E'
          AND cust_id IN (SELECT cust_id FROM ord_hdr
                          WHERE ord_stat_cd <> 'CNL' AND ord_dt BETWEEN '2025-02-01' AND '2026-01-31')""",
       "active_customers_in_segment", "active_customer"),
    hw("how many lapsed customers in EMEA could we hit with a win-back email?",
       """SELECT COUNT(*) FROM cust_mstr WHERE rgn_cd = 'EMEA'
          AND cust_id IN (SELECT cust_id FROM ord_hdr WHERE ord_dt < '2025-02-01')
          AND cust_id NOT IN (SELECT cust_id FROM ord_hdr
                              WHERE ord_stat_cd <> 'CNL' AND ord_dt >= '2025-02-01')""",
       "lapsed_customers_in_region", "lapsed_customer"),
    hw("How many brand-new customers did we pick up this fiscal year?",
       """SELECT COUNT(*) FROM (SELECT cust_id FROM ord_hdr GROUP BY cust_id
          HAVING MIN(ord_dt) BETWEEN '2025-02-01' AND '2026-01-31')""",
       "new_customers_in_fiscal_year", "new_customer this_year"),
    hw("Of our business customers, how many are repeat customers?",
       """SELECT COUNT(*) FROM cust_mstr WHERE seg_cd = 'B'
          AND cust_id IN (SELECT cust_id FROM ord_hdr WHERE ord_stat_cd <> 'CNL'
                          GROUP BY cust_id HAVING COUNT(*) >= 2)""",
       "repeat_customers_in_segment", "repeat_customer"),
    hw("who's our biggest referrer? want to send them a thank-you note (just the name)",
       """SELECT r.cust_nm FROM cust_mstr c JOIN cust_mstr r ON r.cust_id = c.rfrl_cust_id
          GROUP BY r.cust_id ORDER BY COUNT(*) DESC LIMIT 1""",
       "top_referrers"),
    hw("how many people who signed up last fiscal year still haven't ordered anything?",
       """SELECT COUNT(*) FROM cust_mstr WHERE sgnup_dt BETWEEN '2024-02-01' AND '2025-01-31'
          AND cust_id NOT IN (SELECT cust_id FROM ord_hdr)""",
       "signed_up_never_ordered", "this_year fiscal_year"),
    hw("How many referral sign-ups did we get in FY25?",
       """SELECT COUNT(*) FROM cust_mstr
          WHERE rfrl_cust_id IS NOT NULL AND sgnup_dt BETWEEN '2025-02-01' AND '2026-01-31'""",
       "referred_customers_in_fiscal_year", "fiscal_year"),
    hw("how many Summit-tier folks do we have right now?",
       "SELECT COUNT(*) FROM cust_mstr WHERE lylty_tier = 3",
       "customers_in_tier"),
]

PRODUCTS = [
    hw("what's the list price on the TrailSat GPS Messenger again?",
       "SELECT lst_prc FROM prd_mstr WHERE prd_nm = 'TrailSat GPS Messenger'",
       "product_list_price"),
    hw("can you list all our footwear products alphabetically?",
       "SELECT prd_nm FROM prd_mstr WHERE cat_cd = 'FTW' ORDER BY prd_nm",
       "products_in_category"),
    hw("what's the priciest thing we sell in backpacks & bags?",
       "SELECT prd_nm FROM prd_mstr WHERE cat_cd = 'PCK' ORDER BY lst_prc DESC LIMIT 1",
       "most_expensive_in_category"),
    hw("top 5 products by units sold this year? names only",
       """SELECT p.prd_nm FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id
          JOIN prd_mstr p ON p.prd_id = l.prd_id
          WHERE o.ord_stat_cd <> 'CNL' AND o.ord_dt BETWEEN '2025-02-01' AND '2026-01-31'
          GROUP BY p.prd_nm ORDER BY SUM(l.qty) DESC LIMIT 5""",
       "top_products_by_units", "units_sold this_year"),
    hw("what were our 3 best tents & shelters by net revenue in FY24? name + revenue",
       """SELECT p.prd_nm, SUM(l.qty * l.unit_prc - l.disc_amt) AS net_revenue
          FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id JOIN prd_mstr p ON p.prd_id = l.prd_id
          WHERE o.ord_stat_cd NOT IN ('CNL', 'RTN') AND p.cat_cd = 'TNT'
          AND o.ord_dt BETWEEN '2024-02-01' AND '2025-01-31'
          GROUP BY p.prd_nm ORDER BY net_revenue DESC LIMIT 3""",
       "top_products_in_category_by_revenue", "net_revenue fiscal_year"),
    hw("How many Beacon 900 Headlamps did we sell last year?",
       """SELECT SUM(l.qty) FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id
          JOIN prd_mstr p ON p.prd_id = l.prd_id
          WHERE p.prd_nm = 'Beacon 900 Headlamp' AND o.ord_stat_cd <> 'CNL'
          AND o.ord_dt BETWEEN '2024-02-01' AND '2025-01-31'""",
       "units_sold_of_product", "units_sold this_year"),
    hw("were there any products nobody ordered in FY22? which ones?",
       """SELECT prd_nm FROM prd_mstr WHERE prd_id NOT IN
          (SELECT l.prd_id FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id
           WHERE o.ord_dt BETWEEN '2022-02-01' AND '2023-01-31')""",
       "products_not_ordered_in_fiscal_year", "fiscal_year"),
    hw("which products did people order in FY23 but not at all in FY25?",
       """SELECT p.prd_nm FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id JOIN prd_mstr p ON p.prd_id = l.prd_id
          WHERE o.ord_dt BETWEEN '2023-02-01' AND '2024-01-31'
          EXCEPT
          SELECT p.prd_nm FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id JOIN prd_mstr p ON p.prd_id = l.prd_id
          WHERE o.ord_dt BETWEEN '2025-02-01' AND '2026-01-31'""",
       "products_dropped_between_years", "fiscal_year"),
    hw("remind me which products we've discontinued?",
       "SELECT prd_nm FROM prd_mstr WHERE dscntd_flg = 'Y'",
       "discontinued_products"),
    hw("what have we launched since the start of 2023?",
       "SELECT prd_nm FROM prd_mstr WHERE lnch_dt >= '2023-01-01'",
       "products_launched_since"),
]

REVENUE = [
    hw("Can someone pull total net revenue for FY24? need it for the board deck",
       """SELECT SUM(ord_net_amt) FROM ord_hdr WHERE ord_stat_cd NOT IN ('CNL', 'RTN')
          AND ord_dt BETWEEN '2024-02-01' AND '2025-01-31'""",
       "net_revenue_in_fiscal_year", "net_revenue fiscal_year"),
    hw("quick one: what's EMEA net revenue for this quarter?",
       """SELECT SUM(ord_net_amt) FROM ord_hdr WHERE shp_rgn_cd = 'EMEA' AND ord_stat_cd NOT IN ('CNL', 'RTN')
          AND ord_dt BETWEEN '2025-11-01' AND '2026-01-31'""",
       "net_revenue_by_region_quarter", "net_revenue fiscal_quarter this_year"),
    hw("NA West net rev for Q2 FY23?",
       """SELECT SUM(ord_net_amt) FROM ord_hdr WHERE shp_rgn_cd = 'NAW' AND ord_stat_cd NOT IN ('CNL', 'RTN')
          AND ord_dt BETWEEN '2023-05-01' AND '2023-07-31'""",
       "net_revenue_by_region_quarter", "net_revenue fiscal_quarter"),
    hw("what's the net revenue split by channel for this fiscal year? channel code + revenue is fine",
       """SELECT chnl_cd, SUM(ord_net_amt) FROM ord_hdr WHERE ord_stat_cd NOT IN ('CNL', 'RTN')
          AND ord_dt BETWEEN '2025-02-01' AND '2026-01-31' GROUP BY chnl_cd""",
       "net_revenue_by_channel", "net_revenue this_year"),
    hw("ranking of categories by net revenue for FY23 - category names, biggest first pls",
       """SELECT k.cat_nm, SUM(l.qty * l.unit_prc - l.disc_amt) AS net_revenue
          FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id JOIN prd_mstr p ON p.prd_id = l.prd_id
          JOIN cat_ref k ON k.cat_cd = p.cat_cd
          WHERE o.ord_stat_cd NOT IN ('CNL', 'RTN') AND o.ord_dt BETWEEN '2023-02-01' AND '2024-01-31'
          GROUP BY k.cat_nm ORDER BY net_revenue DESC""",
       "net_revenue_by_category", "net_revenue fiscal_year"),
    hw("how did net revenue trend across the quarters of FY24? quarter + revenue, in order",
       """SELECT f.fscl_qtr, SUM(o.ord_net_amt) FROM ord_hdr o JOIN fscl_cal f ON f.cal_dt = o.ord_dt
          WHERE f.fscl_yr = 2024 AND o.ord_stat_cd NOT IN ('CNL', 'RTN')
          GROUP BY f.fscl_qtr ORDER BY f.fscl_qtr""",
       "net_revenue_by_fiscal_quarter", "net_revenue fiscal_year"),
    hw("what was gross revenue in Q3 last year?",
       """SELECT SUM(l.qty * l.unit_prc) FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id
          WHERE o.ord_stat_cd <> 'CNL' AND o.ord_dt BETWEEN '2024-08-01' AND '2024-10-31'""",
       "gross_revenue_in_quarter", "gross_revenue fiscal_quarter this_year"),
    hw("how many orders used BF25 this year?",
       "SELECT COUNT(*) FROM ord_hdr WHERE promo_cd = 'BF25' AND ord_dt BETWEEN '2025-02-01' AND '2026-01-31'",
       "promo_orders_in_fiscal_year", "this_year"),
    hw("how much did the TRAIL15 welcome discount cost us in FY24? leave out cancelled orders",
       """SELECT SUM(l.disc_amt) FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id
          WHERE o.promo_cd = 'TRAIL15' AND o.ord_stat_cd <> 'CNL'
          AND o.ord_dt BETWEEN '2024-02-01' AND '2025-01-31'""",
       "promo_discount_given", "fiscal_year"),
    hw("net revenue by promo code for FY23 (only orders that actually used a code)",
       """SELECT promo_cd, SUM(ord_net_amt) FROM ord_hdr WHERE promo_cd IS NOT NULL
          AND ord_stat_cd NOT IN ('CNL', 'RTN') AND ord_dt BETWEEN '2023-02-01' AND '2024-01-31'
          GROUP BY promo_cd""",
       "net_revenue_by_promo", "net_revenue fiscal_year"),
    hw("what's the AOV in Asia Pacific this year?",
       """SELECT AVG(ord_net_amt) FROM ord_hdr WHERE shp_rgn_cd = 'APAC' AND ord_stat_cd NOT IN ('CNL', 'RTN')
          AND ord_dt BETWEEN '2025-02-01' AND '2026-01-31'""",
       "aov_in_region", "average_order_value this_year"),
    hw("is AOV higher in stores or online? show me AOV by channel code for FY25",
       """SELECT chnl_cd, AVG(ord_net_amt) FROM ord_hdr WHERE ord_stat_cd NOT IN ('CNL', 'RTN')
          AND ord_dt BETWEEN '2025-02-01' AND '2026-01-31' GROUP BY chnl_cd""",
       "aov_by_channel", "average_order_value fiscal_year"),
    hw("how much did we make on Black Friday last year?",
       """SELECT SUM(o.ord_net_amt) FROM ord_hdr o JOIN fscl_cal f ON f.cal_dt = o.ord_dt
          WHERE f.evnt_nm = 'Black Friday' AND f.cal_dt LIKE '2024-%' AND o.ord_stat_cd NOT IN ('CNL', 'RTN')""",
       "sale_day_net_revenue", "net_revenue this_year"),
    hw("Cyber Monday 2025 - what did we do in net revenue?",
       """SELECT SUM(o.ord_net_amt) FROM ord_hdr o JOIN fscl_cal f ON f.cal_dt = o.ord_dt
          WHERE f.evnt_nm = 'Cyber Monday' AND f.cal_dt LIKE '2025-%' AND o.ord_stat_cd NOT IN ('CNL', 'RTN')""",
       "sale_day_net_revenue", "net_revenue"),
    hw("how much did net revenue grow year over year, last year to this year, in dollars?",
       """SELECT (SELECT SUM(ord_net_amt) FROM ord_hdr WHERE ord_stat_cd NOT IN ('CNL', 'RTN')
                  AND ord_dt BETWEEN '2025-02-01' AND '2026-01-31')
               - (SELECT SUM(ord_net_amt) FROM ord_hdr WHERE ord_stat_cd NOT IN ('CNL', 'RTN')
                  AND ord_dt BETWEEN '2024-02-01' AND '2025-01-31')""",
       "net_revenue_growth", "net_revenue this_year"),
    hw("who were our top 3 customers by net revenue last year? names + amounts",
       """SELECT c.cust_nm, SUM(o.ord_net_amt) AS net_revenue FROM ord_hdr o
          JOIN cust_mstr c ON c.cust_id = o.cust_id
          WHERE o.ord_stat_cd NOT IN ('CNL', 'RTN') AND o.ord_dt BETWEEN '2024-02-01' AND '2025-01-31'
          GROUP BY c.cust_id ORDER BY net_revenue DESC LIMIT 3""",
       "top_customers_by_net_revenue", "net_revenue this_year"),
    hw("calendar 2024 (NOT fiscal) net revenue by month please - month number + revenue, in order",
       """SELECT strftime('%m', ord_dt) AS month, SUM(ord_net_amt) FROM ord_hdr
          WHERE ord_stat_cd NOT IN ('CNL', 'RTN') AND ord_dt BETWEEN '2024-01-01' AND '2024-12-31'
          GROUP BY month ORDER BY month""",
       "monthly_net_revenue_calendar_year", "net_revenue"),
]

ORDERS = [
    hw("how many app orders did we get in FY25?",
       "SELECT COUNT(*) FROM ord_hdr WHERE chnl_cd = 'APP' AND ord_dt BETWEEN '2025-02-01' AND '2026-01-31'",
       "orders_by_channel_in_fiscal_year", "fiscal_year"),
    hw("How many orders came in during July 2024?",
       "SELECT COUNT(*) FROM ord_hdr WHERE ord_dt BETWEEN '2024-07-01' AND '2024-07-31'",
       "orders_in_month"),
    hw("what % of orders got cancelled last year?",
       """SELECT 100.0 * SUM(CASE WHEN ord_stat_cd = 'CNL' THEN 1 ELSE 0 END) / COUNT(*) FROM ord_hdr
          WHERE ord_dt BETWEEN '2024-02-01' AND '2025-01-31'""",
       "cancellation_rate", "this_year"),
    hw("how many FY23 orders were sent back in full?",
       "SELECT COUNT(*) FROM ord_hdr WHERE ord_stat_cd = 'RTN' AND ord_dt BETWEEN '2023-02-01' AND '2024-01-31'",
       "orders_by_status_in_fiscal_year", "fiscal_year"),
    hw("how many large orders came through B2B this year?",
       """SELECT COUNT(*) FROM ord_hdr WHERE ord_net_amt >= 500 AND ord_stat_cd <> 'CNL'
          AND chnl_cd = 'B2B' AND ord_dt BETWEEN '2025-02-01' AND '2026-01-31'""",
       "large_orders_by_channel", "large_order this_year"),
    hw("gift orders basically: how many FY24 orders shipped to a different region than the one the customer lives in?",
       """SELECT COUNT(*) FROM ord_hdr o JOIN cust_mstr c ON c.cust_id = o.cust_id
          WHERE o.shp_rgn_cd <> c.rgn_cd AND o.ord_dt BETWEEN '2024-02-01' AND '2025-01-31'""",
       "orders_shipped_outside_home_region", "fiscal_year"),
    hw("what was our single busiest day for orders in FY23?",
       """SELECT ord_dt FROM ord_hdr WHERE ord_dt BETWEEN '2023-02-01' AND '2024-01-31'
          GROUP BY ord_dt ORDER BY COUNT(*) DESC LIMIT 1""",
       "busiest_order_day", "fiscal_year"),
    hw("what share of orders come in on weekends? FY25 numbers, as a percentage",
       """SELECT 100.0 * SUM(CASE WHEN f.wknd_flg = 'Y' THEN 1 ELSE 0 END) / COUNT(*)
          FROM ord_hdr o JOIN fscl_cal f ON f.cal_dt = o.ord_dt WHERE f.fscl_yr = 2025""",
       "weekend_order_share", "fiscal_year"),
    hw("hey, how many Peak members placed an order through the app in fiscal Q4 2024?",
       """SELECT COUNT(DISTINCT o.cust_id) FROM ord_hdr o JOIN cust_mstr c ON c.cust_id = o.cust_id
          WHERE c.lylty_tier = 4 AND o.chnl_cd = 'APP' AND o.ord_dt BETWEEN '2024-11-01' AND '2025-01-31'""",
       "tier_customers_ordering_via_channel", "fiscal_quarter"),
    hw("which customers bought both in our stores and on the website in FY25? customer ids please",
       """SELECT cust_id FROM ord_hdr WHERE chnl_cd = 'RTL' AND ord_dt BETWEEN '2025-02-01' AND '2026-01-31'
          INTERSECT
          SELECT cust_id FROM ord_hdr WHERE chnl_cd = 'WEB' AND ord_dt BETWEEN '2025-02-01' AND '2026-01-31'""",
       "customers_in_two_channels", "fiscal_year"),
    hw("on average how many line items are on an order?",
       "SELECT AVG(line_count) FROM (SELECT COUNT(*) AS line_count FROM ord_ln GROUP BY ord_id)",
       "average_lines_per_order"),
    hw("which payment methods did people use in FY24 and how many orders each? method code + count",
       """SELECT pay_mthd_cd, COUNT(*) FROM ord_hdr WHERE ord_dt BETWEEN '2024-02-01' AND '2025-01-31'
          GROUP BY pay_mthd_cd""",
       "orders_per_payment_method", "fiscal_year"),
]

RETURNS = [
    hw("warehouse wants to know: how many 'wrong item shipped' returns did we have in FY25?",
       "SELECT COUNT(*) FROM rtn_txn WHERE rsn_cd = 'WRG' AND rtn_dt BETWEEN '2025-02-01' AND '2026-01-31'",
       "returns_by_reason", "fiscal_year"),
    hw("what are the most common return reasons this year? reason code + count, most common first",
       """SELECT rsn_cd, COUNT(*) FROM rtn_txn WHERE rtn_dt BETWEEN '2025-02-01' AND '2026-01-31'
          GROUP BY rsn_cd ORDER BY COUNT(*) DESC""",
       "return_reasons_ranked", "this_year"),
    hw("total refunds for FY24?",
       "SELECT SUM(rfnd_amt) FROM rtn_txn WHERE rtn_dt BETWEEN '2024-02-01' AND '2025-01-31'",
       "refunds_in_fiscal_year", "fiscal_year"),
    hw("what's our return rate on footwear? feels high",
       """SELECT 100.0 * SUM(COALESCE(r.rtn_qty, 0)) / SUM(l.qty)
          FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id JOIN prd_mstr p ON p.prd_id = l.prd_id
          LEFT JOIN rtn_txn r ON r.ord_id = l.ord_id AND r.ln_no = l.ln_no
          WHERE o.ord_stat_cd IN ('DLV', 'RTN') AND p.cat_cd = 'FTW'""",
       "return_rate_of_category", "return_rate"),
    hw("return rate on last year's orders?",
       """SELECT 100.0 * SUM(COALESCE(r.rtn_qty, 0)) / SUM(l.qty)
          FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id
          LEFT JOIN rtn_txn r ON r.ord_id = l.ord_id AND r.ln_no = l.ln_no
          WHERE o.ord_stat_cd IN ('DLV', 'RTN') AND o.ord_dt BETWEEN '2024-02-01' AND '2025-01-31'""",
       "return_rate_in_fiscal_year", "return_rate this_year"),
    hw("which 3 products got returned the most (by units) in FY25?",
       """SELECT p.prd_nm FROM rtn_txn r JOIN ord_ln l ON l.ord_id = r.ord_id AND l.ln_no = r.ln_no
          JOIN prd_mstr p ON p.prd_id = l.prd_id WHERE r.rtn_dt BETWEEN '2025-02-01' AND '2026-01-31'
          GROUP BY p.prd_nm ORDER BY SUM(r.rtn_qty) DESC LIMIT 3""",
       "most_returned_products", "fiscal_year"),
    hw("refunds by category code for last fiscal year?",
       """SELECT p.cat_cd, SUM(r.rfnd_amt) FROM rtn_txn r
          JOIN ord_ln l ON l.ord_id = r.ord_id AND l.ln_no = r.ln_no JOIN prd_mstr p ON p.prd_id = l.prd_id
          WHERE r.rtn_dt BETWEEN '2024-02-01' AND '2025-01-31' GROUP BY p.cat_cd""",
       "refunds_by_category", "this_year fiscal_year"),
]

SHIPPING = [
    hw("how many late deliveries did DHL have this year?",
       """SELECT COUNT(*) FROM shpmt WHERE carr_cd = 'DHL' AND dlv_dt > prm_dlv_dt
          AND dlv_dt BETWEEN '2025-02-01' AND '2026-01-31'""",
       "late_deliveries_by_carrier", "late_delivery this_year"),
    hw("on-time delivery rate per carrier for FY24? carrier code + %",
       """SELECT carr_cd, 100.0 * SUM(CASE WHEN dlv_dt <= prm_dlv_dt THEN 1 ELSE 0 END) / COUNT(*)
          FROM shpmt WHERE dlv_dt BETWEEN '2024-02-01' AND '2025-01-31' GROUP BY carr_cd""",
       "on_time_rate_by_carrier", "on_time_delivery fiscal_year"),
    hw("Reno's on-time rate has felt bad lately, what was it in FY25?",
       """SELECT 100.0 * SUM(CASE WHEN dlv_dt <= prm_dlv_dt THEN 1 ELSE 0 END) / COUNT(*)
          FROM shpmt WHERE whs_cd = 'RNO1' AND dlv_dt BETWEEN '2025-02-01' AND '2026-01-31'""",
       "on_time_rate_of_warehouse", "on_time_delivery fiscal_year"),
    hw("how many parcels are still out there in transit?",
       "SELECT COUNT(*) FROM shpmt WHERE dlv_dt IS NULL",
       "shipments_in_transit"),
    hw("how many shipments went out of Rotterdam in FY24?",
       "SELECT COUNT(*) FROM shpmt WHERE whs_cd = 'ROT1' AND shp_dt BETWEEN '2024-02-01' AND '2025-01-31'",
       "shipments_from_warehouse", "fiscal_year"),
    hw("which warehouse had the most late deliveries in fiscal Q4 last year? city name",
       """SELECT w.whs_city FROM shpmt s JOIN whs_ref w ON w.whs_cd = s.whs_cd
          WHERE s.dlv_dt > s.prm_dlv_dt AND s.dlv_dt BETWEEN '2024-11-01' AND '2025-01-31'
          GROUP BY w.whs_city ORDER BY COUNT(*) DESC LIMIT 1""",
       "warehouse_with_most_late_deliveries", "late_delivery fiscal_quarter this_year"),
    hw("when UPS Ground is late, how late is it on average (days)?",
       """SELECT AVG(julianday(dlv_dt) - julianday(prm_dlv_dt)) FROM shpmt
          WHERE carr_cd = 'UPG' AND dlv_dt > prm_dlv_dt""",
       "average_days_late_by_carrier", "late_delivery"),
    hw("avg days between shipping and delivery for each carrier? code + days",
       """SELECT carr_cd, AVG(julianday(dlv_dt) - julianday(shp_dt)) FROM shpmt
          WHERE dlv_dt IS NOT NULL GROUP BY carr_cd""",
       "average_transit_days_by_carrier"),
]

MEMBERSHIP = [
    hw("how many people are on the annual Plus plan right now?",
       "SELECT COUNT(*) FROM mbr_sub WHERE plan_cd = 'PLUS_A' AND end_dt IS NULL",
       "active_members_by_plan", "active_member"),
    hw("how many Plus members did we lose this year?",
       """SELECT COUNT(DISTINCT cust_id) FROM mbr_sub WHERE end_dt BETWEEN '2025-02-01' AND '2026-01-31'
          AND cust_id NOT IN (SELECT cust_id FROM mbr_sub WHERE end_dt IS NULL)""",
       "churned_members_in_fiscal_year", "churned_member this_year"),
    hw("why are people cancelling Plus? count of ended memberships by reason code for FY25",
       """SELECT cncl_rsn_cd, COUNT(*) FROM mbr_sub WHERE end_dt BETWEEN '2025-02-01' AND '2026-01-31'
          GROUP BY cncl_rsn_cd""",
       "membership_end_reasons", "fiscal_year"),
    hw("how many monthly Plus memberships started in FY24?",
       "SELECT COUNT(*) FROM mbr_sub WHERE plan_cd = 'PLUS_M' AND strt_dt BETWEEN '2024-02-01' AND '2025-01-31'",
       "memberships_started", "fiscal_year"),
    hw("how many orders did our current Plus members place last year?",
       """SELECT COUNT(*) FROM ord_hdr WHERE ord_dt BETWEEN '2024-02-01' AND '2025-01-31'
          AND cust_id IN (SELECT cust_id FROM mbr_sub WHERE end_dt IS NULL)""",
       "orders_by_active_members", "active_member this_year"),
    hw("for monthly Plus members who've already left, how many days did they stick around on average?",
       """SELECT AVG(julianday(end_dt) - julianday(strt_dt)) FROM mbr_sub
          WHERE plan_cd = 'PLUS_M' AND end_dt IS NOT NULL""",
       "average_membership_length"),
    hw("how big is our VIP + active Plus member audience combined? (count each customer once)",
       """SELECT COUNT(*) FROM (SELECT cust_id FROM cust_mstr WHERE lylty_tier = 4
          UNION SELECT cust_id FROM mbr_sub WHERE end_dt IS NULL)""",
       "vip_or_active_member_count", "vip active_member"),
]

SUPPORT = [
    hw("how many shipping tickets are still open?",
       "SELECT COUNT(*) FROM sprt_tkt WHERE tkt_cat_cd = 'SHIP' AND stat_cd NOT IN ('RSV', 'CLS')",
       "open_tickets_by_category", "open_ticket"),
    hw("what does the ticket backlog look like by priority? priority code + count",
       "SELECT prty_cd, COUNT(*) FROM sprt_tkt WHERE stat_cd NOT IN ('RSV', 'CLS') GROUP BY prty_cd",
       "backlog_by_priority", "open_ticket"),
    hw("how long do urgent tickets take to resolve on average, in days?",
       """SELECT AVG(julianday(cls_dt) - julianday(opn_dt)) FROM sprt_tkt
          WHERE prty_cd = 'P1' AND cls_dt IS NOT NULL""",
       "resolution_time_by_priority", "resolution_time"),
    hw("ticket volume for Q3 FY25?",
       "SELECT COUNT(*) FROM sprt_tkt WHERE opn_dt BETWEEN '2025-08-01' AND '2025-10-31'",
       "tickets_opened_in_quarter", "fiscal_quarter"),
    hw("What's the average CSAT on billing tickets?",
       "SELECT AVG(csat_scr) FROM sprt_tkt WHERE tkt_cat_cd = 'BILL'",
       "satisfaction_by_topic"),
    hw("any open tickets from VIPs I should worry about? just the count",
       """SELECT COUNT(*) FROM sprt_tkt t JOIN cust_mstr c ON c.cust_id = t.cust_id
          WHERE c.lylty_tier = 4 AND t.stat_cd NOT IN ('RSV', 'CLS')""",
       "vip_open_tickets", "vip open_ticket"),
    hw("how many high-priority tickets haven't been resolved yet?",
       "SELECT COUNT(*) FROM sprt_tkt WHERE prty_cd IN ('P1', 'P2') AND stat_cd NOT IN ('RSV', 'CLS')",
       "open_high_priority_tickets", "high_priority_ticket open_ticket"),
    hw("which ticket categories take longest to close? avg resolution days per category code",
       """SELECT tkt_cat_cd, AVG(julianday(cls_dt) - julianday(opn_dt)) FROM sprt_tkt
          WHERE cls_dt IS NOT NULL GROUP BY tkt_cat_cd""",
       "resolution_time_by_category", "resolution_time"),
]

CALENDAR = [
    hw("when does fiscal Q4 2025 start and end exactly?",
       "SELECT MIN(cal_dt), MAX(cal_dt) FROM fscl_cal WHERE fscl_yr = 2025 AND fscl_qtr = 4",
       "fiscal_quarter_dates"),
    hw("what date was Thanksgiving 2023?",
       "SELECT cal_dt FROM fscl_cal WHERE evnt_nm = 'Thanksgiving' AND cal_dt LIKE '2023-%'",
       "holiday_date"),
]

NOVEL = [
    hw("how many tickets are sitting open right now?",
       "SELECT COUNT(*) FROM sprt_tkt WHERE stat_cd NOT IN ('RSV', 'CLS')",
       idioms="open_ticket"),
    hw("How many active customers do we have in total?",
       """SELECT COUNT(*) FROM cust_mstr WHERE stat_cd = 'A'
          AND cust_id IN (SELECT cust_id FROM ord_hdr
                          WHERE ord_stat_cd <> 'CNL' AND ord_dt BETWEEN '2025-02-01' AND '2026-01-31')""",
       idioms="active_customer"),
    hw("what's the average refund per return this fiscal year?",
       "SELECT AVG(rfnd_amt) FROM rtn_txn WHERE rtn_dt BETWEEN '2025-02-01' AND '2026-01-31'",
       idioms="this_year"),
    hw("which region brought in the most net revenue in FY25? region name please",
       """SELECT r.rgn_nm FROM ord_hdr o JOIN rgn_ref r ON r.rgn_cd = o.shp_rgn_cd
          WHERE o.ord_stat_cd NOT IN ('CNL', 'RTN') AND o.ord_dt BETWEEN '2025-02-01' AND '2026-01-31'
          GROUP BY r.rgn_nm ORDER BY SUM(o.ord_net_amt) DESC LIMIT 1""",
       idioms="net_revenue fiscal_year"),
    hw("sanity check: any parcels delivered before they were shipped? list the shipment ids if so",
       "SELECT shpmt_id FROM shpmt WHERE dlv_dt < shp_dt",
       empty=True),
    hw("How many VIPs are also active Plus members?",
       """SELECT COUNT(*) FROM cust_mstr WHERE lylty_tier = 4
          AND cust_id IN (SELECT cust_id FROM mbr_sub WHERE end_dt IS NULL)""",
       idioms="vip active_member"),
    hw("how many customers still carry the old VIP flag but aren't actually VIPs today?",
       "SELECT COUNT(*) FROM cust_mstr WHERE vip_flg = 'Y' AND lylty_tier <> 4",
       idioms="vip"),
    hw("data check: did any return refund more than was paid for its order line? return ids please",
       """SELECT r.rtn_id FROM rtn_txn r JOIN ord_ln l ON l.ord_id = r.ord_id AND l.ln_no = r.ln_no
          WHERE r.rfnd_amt > l.qty * l.unit_prc - l.disc_amt""",
       empty=True),
    hw("how many customers have placed more than 10 orders (not counting cancelled ones)?",
       """SELECT COUNT(*) FROM (SELECT cust_id FROM ord_hdr WHERE ord_stat_cd <> 'CNL'
          GROUP BY cust_id HAVING COUNT(*) > 10)"""),
    hw("what's the average CSAT score for tickets that were resolved within a day?",
       """SELECT AVG(csat_scr) FROM sprt_tkt
          WHERE cls_dt IS NOT NULL AND julianday(cls_dt) - julianday(opn_dt) <= 1""",
       idioms="resolution_time"),
]

HANDWRITTEN = tuple(CUSTOMERS + PRODUCTS + REVENUE + ORDERS + RETURNS + SHIPPING + MEMBERSHIP
                    + SUPPORT + CALENDAR + NOVEL)
