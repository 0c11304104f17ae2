"""The question types ("intents") Acme's analysts and managers ask, as templates.

Each intent has a gold SQL template, several phrasings and the slot kinds it fills
(see acme_slots.py). `train` phrasings make the training set; `test` phrasings are
used only in the test set, so a model is tested on wordings it has not seen. Idioms
name the data-dictionary definitions the SQL relies on.
"""

from __future__ import annotations

from dataclasses import dataclass

# Fiscal 2025 is "the last 12 months" as of the snapshot date 2026-01-31.
LAST_12_MONTHS = "'2025-02-01' AND '2026-01-31'"
NET = "ord_stat_cd NOT IN ('CNL', 'RTN')"  # orders that count for net revenue
O_NET = "o.ord_stat_cd NOT IN ('CNL', 'RTN')"
OPEN = "stat_cd NOT IN ('RSV', 'CLS')"  # open tickets


@dataclass(frozen=True)
class Intent:
    """One kind of question with its gold SQL template and phrasings."""

    name: str
    sql: str
    train: tuple[str, ...]
    test: tuple[str, ...]
    slots: tuple[str, ...] = ()
    idioms: tuple[str, ...] = ()
    train_count: int = 8
    test_count: int | None = None  # None: 2 when there are 8+ slot combinations, else 1


def intent(name: str, sql: str, train: list[str], test: list[str], slots: str = "",
           idioms: str = "", train_count: int = 8, test_count: int | None = None) -> Intent:
    """Shorthand used below: slots and idioms are space-separated names."""
    return Intent(name, " ".join(sql.split()), tuple(train), tuple(test), tuple(slots.split()),
                  tuple(idioms.split()), train_count, test_count)


CUSTOMER_INTENTS = [
    intent(
        "customers_in_segment",
        "SELECT COUNT(*) FROM cust_mstr WHERE seg_cd = '{seg_cd}'",
        ["How many customers are in the {segment} segment?",
         "Count the {segment} customers.",
         "What's the number of customer accounts in the {segment} segment?"],
        ["How many {segment} accounts do we have?",
         "Number of customers whose segment is {segment}?"],
        "segment",
    ),
    intent(
        "customers_in_region",
        "SELECT COUNT(*) FROM cust_mstr WHERE rgn_cd = '{rgn_cd}'",
        ["How many customers are based in {region}?",
         "Count the customer accounts whose home region is {region}.",
         "how many customers do we have in {region}"],
        ["What is the total number of customers living in {region}?",
         "Customer count for the {region} region?"],
        "region",
    ),
    intent(
        "customers_in_region_and_segment",
        "SELECT COUNT(*) FROM cust_mstr WHERE rgn_cd = '{rgn_cd}' AND seg_cd = '{seg_cd}'",
        ["How many {segment} customers are based in {region}?",
         "Count customers in {region} that belong to the {segment} segment.",
         "number of {segment} accounts with home region {region}?"],
        ["In {region}, how many customers are {segment} customers?",
         "What's the headcount of {segment}-segment customers in {region}?"],
        "region segment",
    ),
    intent(
        "customer_count_per_segment",
        "SELECT seg_cd, COUNT(*) FROM cust_mstr GROUP BY seg_cd",
        ["How many customers does each segment have? Show the segment code and the count.",
         "Break down our customer base by segment: segment code and number of customers.",
         "customer count per segment code please"],
        ["For every customer segment, give its code and how many customers it has.",
         "What is the split of customers across segments (segment code, customers)?"],
    ),
    intent(
        "customers_per_region_ranked",
        """SELECT r.rgn_nm, COUNT(*) FROM cust_mstr c JOIN rgn_ref r ON r.rgn_cd = c.rgn_cd
           GROUP BY r.rgn_nm ORDER BY COUNT(*) DESC""",
        ["List each region's name with its number of customers, largest first.",
         "Which regions have the most customers? Show region name and customer count, most first.",
         "Rank regions by customer count (region name, count), descending."],
        ["Give me every region name and how many customers call it home, from biggest to smallest.",
         "Customers per region, sorted from the region with the most customers down, with region names."],
    ),
    intent(
        "signups_in_fiscal_year",
        "SELECT COUNT(*) FROM cust_mstr WHERE sgnup_dt BETWEEN '{fy_start}' AND '{fy_end}'",
        ["How many customers signed up in fiscal {fy}?",
         "Number of new accounts created during FY{fy}?",
         "how many sign-ups did we get in fiscal year {fy}"],
        ["Count the accounts opened in FY{fy2}.",
         "How many people created an Acme account in fiscal {fy}?"],
        "fy_signup", "fiscal_year",
    ),
    intent(
        "signups_in_month",
        "SELECT COUNT(*) FROM cust_mstr WHERE sgnup_dt BETWEEN '{m_start}' AND '{m_end}'",
        ["How many customers signed up in {month}?",
         "Count the accounts created in {month}.",
         "sign-ups in {month}: how many?"],
        ["How many new customer accounts were opened during {month}?",
         "What was the number of sign-ups in the month of {month}?"],
        "month",
    ),
    intent(
        "customers_missing_phone",
        "SELECT COUNT(*) FROM cust_mstr WHERE seg_cd = '{seg_cd}' AND phn_no IS NULL",
        ["How many {segment} customers have no phone number on file?",
         "Count {segment} accounts that are missing a phone number.",
         "how many {segment} customers didn't give us a phone number?"],
        ["For the {segment} segment, how many customers lack a phone number?",
         "Number of {segment} customers we cannot call because no phone number is recorded?"],
        "segment",
    ),
    intent(
        "customers_in_tier",
        "SELECT COUNT(*) FROM cust_mstr WHERE lylty_tier = {tier_level}",
        ["How many customers are in the {tier} loyalty tier?",
         "Count the customers currently at {tier} tier.",
         "number of {tier}-tier loyalty members?"],
        ["How many people hold {tier} status in our loyalty programme?",
         "What's the customer count for loyalty tier {tier}?"],
        "tier",
    ),
    intent(
        "vip_count_in_region",
        "SELECT COUNT(*) FROM cust_mstr WHERE lylty_tier = 4 AND rgn_cd = '{rgn_cd}'",
        ["How many VIP customers are based in {region}?",
         "Count our VIPs in {region}.",
         "how many VIPs live in {region}?"],
        ["What's the number of VIP accounts whose home region is {region}?",
         "VIP headcount for {region}?"],
        "region", "vip",
    ),
    intent(
        "active_customers_in_region",
        f"""SELECT COUNT(*) FROM cust_mstr WHERE stat_cd = 'A' AND rgn_cd = '{{rgn_cd}}'
            AND cust_id IN (SELECT cust_id FROM ord_hdr
                            WHERE ord_stat_cd <> 'CNL' AND ord_dt BETWEEN {LAST_12_MONTHS})""",
        ["How many active customers do we have in {region}?",
         "Count the active customers whose home region is {region}.",
         "active customer count for {region}?"],
        ["In {region}, how many customers count as active?",
         "What is the number of active customers based in {region}?"],
        "region", "active_customer",
    ),
    intent(
        "active_customers_in_segment",
        f"""SELECT COUNT(*) FROM cust_mstr WHERE stat_cd = 'A' AND seg_cd = '{{seg_cd}}'
            AND cust_id IN (SELECT cust_id FROM ord_hdr
                            WHERE ord_stat_cd <> 'CNL' AND ord_dt BETWEEN {LAST_12_MONTHS})""",
        ["How many active {segment} customers are there?",
         "Count active customers in the {segment} segment.",
         "number of {segment} customers who are active"],
        ["How many customers in the {segment} segment are active right now?",
         "Active customers among {segment} accounts: how many?"],
        "segment", "active_customer",
    ),
    intent(
        "lapsed_customers_in_region",
        """SELECT COUNT(*) FROM cust_mstr WHERE rgn_cd = '{rgn_cd}'
           AND cust_id IN (SELECT cust_id FROM ord_hdr WHERE ord_dt < '2025-02-01')
           AND cust_id NOT IN (SELECT cust_id FROM ord_hdr
                               WHERE ord_stat_cd <> 'CNL' AND ord_dt >= '2025-02-01')""",
        ["How many lapsed customers are there in {region}?",
         "Count the lapsed customers whose home region is {region}.",
         "lapsed customer count in {region}?"],
        ["In {region}, how many customers have lapsed?",
         "How many {region} customers are lapsed?"],
        "region", "lapsed_customer",
    ),
    intent(
        "new_customers_in_fiscal_year",
        """SELECT COUNT(*) FROM (SELECT cust_id FROM ord_hdr GROUP BY cust_id
           HAVING MIN(ord_dt) BETWEEN '{fy_start}' AND '{fy_end}')""",
        ["How many new customers did we gain in fiscal {fy}?",
         "Count the new customers of FY{fy}.",
         "how many new customers in fiscal year {fy}?"],
        ["What was our new-customer count for FY{fy2}?",
         "Number of customers who were new in fiscal {fy}?"],
        "fy_recent", "new_customer fiscal_year",
    ),
    intent(
        "repeat_customers_in_segment",
        """SELECT COUNT(*) FROM cust_mstr WHERE seg_cd = '{seg_cd}'
           AND cust_id IN (SELECT cust_id FROM ord_hdr WHERE ord_stat_cd <> 'CNL'
                           GROUP BY cust_id HAVING COUNT(*) >= 2)""",
        ["How many repeat customers are in the {segment} segment?",
         "Count the {segment} customers who are repeat customers.",
         "number of repeat buyers among {segment} accounts?"],
        ["Among {segment} customers, how many are repeat customers?",
         "How many of our {segment} customers came back and count as repeat customers?"],
        "segment", "repeat_customer",
    ),
    intent(
        "referred_customers_in_fiscal_year",
        """SELECT COUNT(*) FROM cust_mstr
           WHERE rfrl_cust_id IS NOT NULL AND sgnup_dt BETWEEN '{fy_start}' AND '{fy_end}'""",
        ["How many customers who signed up in fiscal {fy} were referred by another customer?",
         "Count the FY{fy} sign-ups that came through a referral from an existing customer.",
         "refer-a-friend sign-ups in fiscal {fy}: how many?"],
        ["How many of the accounts created in fiscal {fy} had a referring customer?",
         "Number of referred customers among fiscal {fy} sign-ups?"],
        "fy_signup", "fiscal_year",
    ),
    intent(
        "top_referrers",
        """SELECT r.cust_nm FROM cust_mstr c JOIN cust_mstr r ON r.cust_id = c.rfrl_cust_id
           GROUP BY r.cust_id ORDER BY COUNT(*) DESC LIMIT 1""",
        ["Which customer referred the most other customers? Give the name.",
         "Who is our top referrer? Just the customer name.",
         "name of the customer with the most referrals?"],
        ["What is the name of the customer who brought in the most referred customers?",
         "Which customer has referred the largest number of new customers (name only)?"],
    ),
    intent(
        "signed_up_never_ordered",
        """SELECT COUNT(*) FROM cust_mstr WHERE sgnup_dt BETWEEN '{fy_start}' AND '{fy_end}'
           AND cust_id NOT IN (SELECT cust_id FROM ord_hdr)""",
        ["How many customers who signed up in fiscal {fy} have never placed an order?",
         "Count the FY{fy} sign-ups with no orders at all.",
         "how many accounts opened in fiscal {fy} never ordered anything?"],
        ["Of the customers who joined in fiscal {fy}, how many have not ordered even once?",
         "Number of fiscal {fy} sign-ups without a single order?"],
        "fy_signup", "fiscal_year",
    ),
]

PRODUCT_INTENTS = [
    intent(
        "product_list_price",
        "SELECT lst_prc FROM prd_mstr WHERE prd_nm = '{product}'",
        ["What is the list price of the {product}?",
         "How much does the {product} cost at list price?",
         "list price for {product}?"],
        ["What's the current list price of our {product}?",
         "Tell me the {product}'s list price."],
        "product",
    ),
    intent(
        "products_in_category",
        "SELECT prd_nm FROM prd_mstr WHERE cat_cd = '{cat_cd}' ORDER BY prd_nm",
        ["List the names of the products in {category}, in alphabetical order.",
         "Which products belong to the {category} category? Sort by name.",
         "names of all {category} products, A to Z"],
        ["Give me an alphabetical list of our {category} products.",
         "What products do we have in {category}? Names sorted alphabetically."],
        "category",
    ),
    intent(
        "discontinued_products",
        "SELECT prd_nm FROM prd_mstr WHERE dscntd_flg = 'Y'",
        ["Which products are discontinued?",
         "List the names of the products we no longer sell.",
         "what have we discontinued? product names please"],
        ["Give me the names of all discontinued products.",
         "Which of our products have been discontinued?"],
    ),
    intent(
        "most_expensive_in_category",
        "SELECT prd_nm FROM prd_mstr WHERE cat_cd = '{cat_cd}' ORDER BY lst_prc DESC LIMIT 1",
        ["What is the most expensive product in {category} by list price?",
         "Which {category} product has the highest list price?",
         "priciest item in {category}?"],
        ["Name the {category} product with the top list price.",
         "In {category}, which product costs the most at list price?"],
        "category",
    ),
    intent(
        "product_count_per_category",
        """SELECT k.cat_nm, COUNT(*) FROM prd_mstr p JOIN cat_ref k ON k.cat_cd = p.cat_cd
           GROUP BY k.cat_nm""",
        ["How many products does each category have? Show category name and count.",
         "Count products per category, with the category name.",
         "number of products in every category (name + count)"],
        ["For each product category name, how many products are in it?",
         "Give the category names and the number of products in each."],
    ),
    intent(
        "products_launched_since",
        "SELECT prd_nm FROM prd_mstr WHERE lnch_dt >= '{year}-01-01'",
        ["Which products were launched in {year} or later?",
         "List the names of products launched since the start of {year}.",
         "what did we launch from {year} onwards?"],
        ["Give me the products that went on sale on or after January 1, {year}.",
         "Names of all products with a launch date in {year} or later?"],
        "launch_year",
    ),
    intent(
        "average_list_price_per_category",
        "SELECT cat_cd, AVG(lst_prc) FROM prd_mstr GROUP BY cat_cd",
        ["What is the average list price in each category? Show category code and average.",
         "Average list price per category code.",
         "avg list price by category code?"],
        ["For every category code, what's the mean list price of its products?",
         "Give each category code with the average list price of its products."],
    ),
    intent(
        "top_products_by_units",
        f"""SELECT p.prd_nm FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id
            JOIN prd_mstr p ON p.prd_id = l.prd_id
            WHERE o.ord_stat_cd <> 'CNL' AND o.ord_dt BETWEEN '{{fy_start}}' AND '{{fy_end}}'
            GROUP BY p.prd_nm ORDER BY SUM(l.qty) DESC LIMIT {{n}}""",
        ["Which {n} products sold the most units in fiscal {fy}? Product names only.",
         "What were the top {n} products by units sold in FY{fy}?",
         "top {n} best sellers by units in fiscal {fy}, names please"],
        ["Name the {n} products with the highest units sold in fiscal {fy}.",
         "By units sold, which were our top {n} products in FY{fy2}?"],
        "top_n fy", "units_sold fiscal_year",
    ),
    intent(
        "top_products_in_category_by_revenue",
        f"""SELECT p.prd_nm, SUM(l.qty * l.unit_prc - l.disc_amt) AS net_revenue
            FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id JOIN prd_mstr p ON p.prd_id = l.prd_id
            WHERE {O_NET} AND p.cat_cd = '{{cat_cd}}' AND o.ord_dt BETWEEN '{{fy_start}}' AND '{{fy_end}}'
            GROUP BY p.prd_nm ORDER BY net_revenue DESC LIMIT 3""",
        ["What were the top 3 {category} products by net revenue in fiscal {fy}? Show name and net revenue.",
         "Top three products in {category} by net revenue for FY{fy}, with their revenue.",
         "3 best {category} products in fiscal {fy} by net revenue (name, revenue)"],
        ["Which three {category} products brought in the most net revenue in fiscal {fy}? Include the amounts.",
         "In FY{fy2}, list the 3 highest-net-revenue products in {category} with their net revenue."],
        "category fy", "net_revenue fiscal_year",
    ),
    intent(
        "units_sold_of_product",
        """SELECT SUM(l.qty) FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id
           JOIN prd_mstr p ON p.prd_id = l.prd_id
           WHERE p.prd_nm = '{product}' AND o.ord_stat_cd <> 'CNL'
           AND o.ord_dt BETWEEN '{fy_start}' AND '{fy_end}'""",
        ["How many units of the {product} did we sell in fiscal {fy}?",
         "Units sold of {product} in FY{fy}?",
         "how many {product} units went out in fiscal {fy}?"],
        ["What were the units sold for the {product} during fiscal {fy}?",
         "In FY{fy2}, how many units of {product} were sold?"],
        "product fy", "units_sold fiscal_year",
    ),
    intent(
        "products_not_ordered_in_fiscal_year",
        """SELECT prd_nm FROM prd_mstr WHERE prd_id NOT IN
           (SELECT l.prd_id FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id
            WHERE o.ord_dt BETWEEN '{fy_start}' AND '{fy_end}')""",
        ["Which products were not ordered at all in fiscal {fy}?",
         "List the products with zero orders in FY{fy}.",
         "what products got no orders in fiscal {fy}?"],
        ["Name every product that nobody ordered during fiscal {fy}.",
         "Which products have no order lines from FY{fy2}?"],
        "fy", "fiscal_year",
    ),
    intent(
        "products_dropped_between_years",
        """SELECT p.prd_nm FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id JOIN prd_mstr p ON p.prd_id = l.prd_id
           WHERE o.ord_dt BETWEEN '{fy_a_start}' AND '{fy_a_end}'
           EXCEPT
           SELECT p.prd_nm FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id JOIN prd_mstr p ON p.prd_id = l.prd_id
           WHERE o.ord_dt BETWEEN '{fy_b_start}' AND '{fy_b_end}'""",
        ["Which products were ordered in fiscal {fy_a} but not in fiscal {fy_b}?",
         "List products that had orders in FY{fy_a} and none in FY{fy_b}.",
         "products ordered in fiscal {fy_a} that nobody ordered in fiscal {fy_b}?"],
        ["What did customers order in fiscal {fy_a} that they no longer ordered in fiscal {fy_b}? Product names.",
         "Name the products with orders in FY{fy_a} but without any in FY{fy_b}."],
        "fy_dropped", "fiscal_year",
    ),
]

REVENUE_INTENTS = [
    intent(
        "net_revenue_in_fiscal_year",
        f"SELECT SUM(ord_net_amt) FROM ord_hdr WHERE {NET} AND ord_dt BETWEEN '{{fy_start}}' AND '{{fy_end}}'",
        ["What was our net revenue in fiscal {fy}?",
         "Total net revenue for FY{fy}?",
         "net revenue fiscal year {fy}"],
        ["How much net revenue did Acme make in fiscal {fy}?",
         "Give me FY{fy2} net revenue."],
        "fy", "net_revenue fiscal_year",
    ),
    intent(
        "net_revenue_by_region_quarter",
        f"""SELECT SUM(ord_net_amt) FROM ord_hdr WHERE shp_rgn_cd = '{{rgn_cd}}' AND {NET}
            AND ord_dt BETWEEN '{{fq_start}}' AND '{{fq_end}}'""",
        ["What was net revenue in {region} in fiscal Q{q} {fy}?",
         "Net revenue for the {region} region in Q{q} of fiscal {fy}?",
         "how much net revenue did {region} bring in during FY{fy} Q{q}?"],
        ["Give me {region} net revenue for fiscal Q{q} {fy}.",
         "For Q{q} FY{fy2}, what net revenue did we book in {region}?"],
        "region fq", "net_revenue fiscal_quarter", train_count=10, test_count=3,
    ),
    intent(
        "net_revenue_by_channel",
        f"""SELECT chnl_cd, SUM(ord_net_amt) FROM ord_hdr
            WHERE {NET} AND ord_dt BETWEEN '{{fy_start}}' AND '{{fy_end}}' GROUP BY chnl_cd""",
        ["Break down net revenue in fiscal {fy} by sales channel (channel code and revenue).",
         "Net revenue per channel code for FY{fy}.",
         "fiscal {fy} net revenue by channel?"],
        ["For each sales channel code, what was the net revenue in fiscal {fy}?",
         "Show FY{fy2} net revenue split by channel code."],
        "fy", "net_revenue fiscal_year",
    ),
    intent(
        "net_revenue_by_category",
        f"""SELECT k.cat_nm, SUM(l.qty * l.unit_prc - l.disc_amt) AS net_revenue
            FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id JOIN prd_mstr p ON p.prd_id = l.prd_id
            JOIN cat_ref k ON k.cat_cd = p.cat_cd
            WHERE {O_NET} AND o.ord_dt BETWEEN '{{fy_start}}' AND '{{fy_end}}'
            GROUP BY k.cat_nm ORDER BY net_revenue DESC""",
        ["Show net revenue by product category name for fiscal {fy}, highest first.",
         "Rank categories by net revenue in FY{fy} (category name, net revenue).",
         "fiscal {fy} net revenue per category name, sorted from most to least"],
        ["Which categories made the most net revenue in fiscal {fy}? List every category name with its net revenue, descending.",
         "FY{fy2} category ranking: category names and net revenue, biggest first."],
        "fy", "net_revenue fiscal_year",
    ),
    intent(
        "net_revenue_by_fiscal_quarter",
        f"""SELECT f.fscl_qtr, SUM(o.ord_net_amt) FROM ord_hdr o JOIN fscl_cal f ON f.cal_dt = o.ord_dt
            WHERE f.fscl_yr = {{fy}} AND {O_NET} GROUP BY f.fscl_qtr ORDER BY f.fscl_qtr""",
        ["Show net revenue for each fiscal quarter of fiscal {fy}, in quarter order.",
         "Quarterly net revenue for FY{fy}: quarter number and revenue, Q1 first.",
         "net revenue by fiscal quarter in {fy}, ordered by quarter"],
        ["What was net revenue in every quarter of fiscal {fy}? List quarter and amount from Q1 to Q4.",
         "FY{fy2} net revenue per fiscal quarter, sorted by quarter."],
        "fy", "net_revenue fiscal_year",
    ),
    intent(
        "gross_revenue_in_quarter",
        """SELECT SUM(l.qty * l.unit_prc) FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id
           WHERE o.ord_stat_cd <> 'CNL' AND o.ord_dt BETWEEN '{fq_start}' AND '{fq_end}'""",
        ["What was gross revenue in fiscal Q{q} {fy}?",
         "Gross revenue for Q{q} of fiscal {fy}?",
         "how much gross revenue in FY{fy} Q{q}?"],
        ["Tell me our gross revenue for fiscal quarter {q} of {fy}.",
         "Gross revenue, fiscal Q{q} FY{fy2}?"],
        "fq", "gross_revenue fiscal_quarter",
    ),
    intent(
        "promo_orders_in_fiscal_year",
        "SELECT COUNT(*) FROM ord_hdr WHERE promo_cd = '{promo}' AND ord_dt BETWEEN '{fy_start}' AND '{fy_end}'",
        ["How many orders used the {promo} promo code in fiscal {fy}?",
         "Count FY{fy} orders placed with code {promo}.",
         "how many {promo} orders in fiscal {fy}?"],
        ["In fiscal {fy}, how many orders were placed using promotion {promo}?",
         "Number of orders with the {promo} code during FY{fy2}?"],
        "promo fy", "fiscal_year",
    ),
    intent(
        "promo_discount_given",
        """SELECT SUM(l.disc_amt) FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id
           WHERE o.promo_cd = '{promo}' AND o.ord_stat_cd <> 'CNL'
           AND o.ord_dt BETWEEN '{fy_start}' AND '{fy_end}'""",
        ["How much discount did the {promo} code give away in fiscal {fy}, on orders that were not cancelled?",
         "Total discount amount from {promo} in FY{fy}, excluding cancelled orders.",
         "what did {promo} cost us in discounts in fiscal {fy} (non-cancelled orders)?"],
        ["In dollars, how much was discounted through {promo} in fiscal {fy}, ignoring cancelled orders?",
         "Sum of {promo} discounts on FY{fy2} orders that weren't cancelled?"],
        "promo fy", "fiscal_year",
    ),
    intent(
        "net_revenue_by_promo",
        f"""SELECT promo_cd, SUM(ord_net_amt) FROM ord_hdr
            WHERE promo_cd IS NOT NULL AND {NET} AND ord_dt BETWEEN '{{fy_start}}' AND '{{fy_end}}'
            GROUP BY promo_cd""",
        ["For each promotion code, what was the net revenue of orders using it in fiscal {fy}?",
         "Net revenue per promo code for FY{fy} (only orders with a code).",
         "fiscal {fy} net revenue by promo code"],
        ["Show every promo code used in fiscal {fy} with the net revenue of its orders.",
         "How much net revenue came from each promotion code in FY{fy2}?"],
        "fy", "net_revenue fiscal_year",
    ),
    intent(
        "aov_in_region",
        f"""SELECT AVG(ord_net_amt) FROM ord_hdr WHERE shp_rgn_cd = '{{rgn_cd}}' AND {NET}
            AND ord_dt BETWEEN '{{fy_start}}' AND '{{fy_end}}'""",
        ["What was the average order value in {region} in fiscal {fy}?",
         "AOV for {region} in FY{fy}?",
         "average order value, {region}, fiscal {fy}"],
        ["How big was the average order in {region} during fiscal {fy}, in AOV terms?",
         "Give me the FY{fy2} AOV for the {region} region."],
        "region fy", "average_order_value fiscal_year",
    ),
    intent(
        "aov_by_channel",
        f"""SELECT chnl_cd, AVG(ord_net_amt) FROM ord_hdr
            WHERE {NET} AND ord_dt BETWEEN '{{fy_start}}' AND '{{fy_end}}' GROUP BY chnl_cd""",
        ["What was the average order value per sales channel in fiscal {fy}? Channel code and AOV.",
         "AOV by channel code for FY{fy}.",
         "fiscal {fy} average order value for each channel"],
        ["For each channel code, give the FY{fy2} average order value.",
         "Compare average order value across sales channels in fiscal {fy} (code and AOV)."],
        "fy", "average_order_value fiscal_year",
    ),
    intent(
        "sale_day_net_revenue",
        f"""SELECT SUM(o.ord_net_amt) FROM ord_hdr o JOIN fscl_cal f ON f.cal_dt = o.ord_dt
            WHERE f.evnt_nm = '{{event}}' AND f.cal_dt LIKE '{{year}}-%' AND {O_NET}""",
        ["What was net revenue on {event} {year}?",
         "How much net revenue did we make on {event} in {year}?",
         "{event} {year} net revenue?"],
        ["Give me the net revenue booked on {event} of {year}.",
         "Net revenue for the single day of {event}, {year}?"],
        "sale_day", "net_revenue",
    ),
    intent(
        "net_revenue_growth",
        f"""SELECT (SELECT SUM(ord_net_amt) FROM ord_hdr WHERE {NET}
                    AND ord_dt BETWEEN '{{fy_b_start}}' AND '{{fy_b_end}}')
                 - (SELECT SUM(ord_net_amt) FROM ord_hdr WHERE {NET}
                    AND ord_dt BETWEEN '{{fy_a_start}}' AND '{{fy_a_end}}')""",
        ["By how much did net revenue grow from fiscal {fy_a} to fiscal {fy_b}, in dollars?",
         "What is the dollar change in net revenue between FY{fy_a} and FY{fy_b}?",
         "net revenue growth FY{fy_a} to FY{fy_b} in USD?"],
        ["How many dollars more net revenue did we make in fiscal {fy_b} than in fiscal {fy_a}?",
         "Fiscal {fy_b} net revenue minus fiscal {fy_a} net revenue?"],
        "fy_growth", "net_revenue fiscal_year", train_count=6,
    ),
    intent(
        "top_customers_by_net_revenue",
        f"""SELECT c.cust_nm, SUM(o.ord_net_amt) AS net_revenue FROM ord_hdr o
            JOIN cust_mstr c ON c.cust_id = o.cust_id
            WHERE {O_NET} AND o.ord_dt BETWEEN '{{fy_start}}' AND '{{fy_end}}'
            GROUP BY c.cust_id ORDER BY net_revenue DESC LIMIT {{n}}""",
        ["Who were our top {n} customers by net revenue in fiscal {fy}? Show name and net revenue.",
         "Top {n} customers in FY{fy} by net revenue, with the amounts.",
         "biggest {n} customers in fiscal {fy} (name + net revenue)"],
        ["List the {n} customers who generated the most net revenue in fiscal {fy}, with their net revenue.",
         "Which {n} customers brought in the highest net revenue in FY{fy2}? Names and revenue."],
        "top_n fy", "net_revenue fiscal_year",
    ),
    intent(
        "monthly_net_revenue_calendar_year",
        f"""SELECT strftime('%m', ord_dt) AS month, SUM(ord_net_amt) FROM ord_hdr
            WHERE {NET} AND ord_dt BETWEEN '{{y_start}}' AND '{{y_end}}'
            GROUP BY month ORDER BY month""",
        ["Show net revenue for each month of calendar year {year} (month number and revenue), in month order.",
         "Monthly net revenue for calendar {year}, January first.",
         "net revenue by calendar month in {year}, sorted by month"],
        ["For calendar {year}, give me net revenue per month (01 to 12) in order.",
         "What was net revenue month by month in calendar year {year}? List month and amount, chronologically."],
        "cal_year", "net_revenue",
    ),
]

ORDER_INTENTS = [
    intent(
        "orders_by_channel_in_fiscal_year",
        "SELECT COUNT(*) FROM ord_hdr WHERE chnl_cd = '{chnl_cd}' AND ord_dt BETWEEN '{fy_start}' AND '{fy_end}'",
        ["How many orders came through {channel} in fiscal {fy}?",
         "Count the FY{fy} orders placed via {channel}.",
         "number of orders through {channel} in fiscal {fy}?"],
        ["In fiscal {fy}, how many orders did {channel} receive?",
         "Order count for {channel} during FY{fy2}?"],
        "channel fy", "fiscal_year",
    ),
    intent(
        "orders_in_month",
        "SELECT COUNT(*) FROM ord_hdr WHERE ord_dt BETWEEN '{m_start}' AND '{m_end}'",
        ["How many orders were placed in {month}?",
         "Count the orders from {month}.",
         "orders in {month}?"],
        ["What was the total number of orders during {month}?",
         "How many orders did we receive in the month of {month}?"],
        "month", train_count=10, test_count=3,
    ),
    intent(
        "cancellation_rate",
        """SELECT 100.0 * SUM(CASE WHEN ord_stat_cd = 'CNL' THEN 1 ELSE 0 END) / COUNT(*) FROM ord_hdr
           WHERE ord_dt BETWEEN '{fy_start}' AND '{fy_end}'""",
        ["What percentage of orders placed in fiscal {fy} were cancelled?",
         "Cancellation rate (percent of orders) for FY{fy}?",
         "what % of fiscal {fy} orders got cancelled?"],
        ["Of all orders placed in fiscal {fy}, what share in percent ended up cancelled?",
         "FY{fy2} order cancellation rate, as a percentage?"],
        "fy", "fiscal_year",
    ),
    intent(
        "orders_by_status_in_fiscal_year",
        "SELECT COUNT(*) FROM ord_hdr WHERE ord_stat_cd = '{stat_cd}' AND ord_dt BETWEEN '{fy_start}' AND '{fy_end}'",
        ["How many orders placed in fiscal {fy} are now {status}?",
         "Count FY{fy} orders whose status is {status}.",
         "number of fiscal {fy} orders that are {status}?"],
        ["Of the orders from fiscal {fy}, how many have the status {status}?",
         "How many FY{fy2} orders ended up {status}?"],
        "past_status fy", "fiscal_year",
    ),
    intent(
        "large_orders_by_channel",
        """SELECT COUNT(*) FROM ord_hdr WHERE ord_net_amt >= 500 AND ord_stat_cd <> 'CNL'
           AND chnl_cd = '{chnl_cd}' AND ord_dt BETWEEN '{fy_start}' AND '{fy_end}'""",
        ["How many large orders came through {channel} in fiscal {fy}?",
         "Count the large orders placed via {channel} in FY{fy}.",
         "large orders on {channel} in fiscal {fy}: how many?"],
        ["In fiscal {fy}, how many large orders did {channel} get?",
         "Number of large orders through {channel} during FY{fy2}?"],
        "channel fy", "large_order fiscal_year",
    ),
    intent(
        "average_lines_per_order",
        "SELECT AVG(line_count) FROM (SELECT COUNT(*) AS line_count FROM ord_ln GROUP BY ord_id)",
        ["On average, how many lines does an order have?",
         "What is the average number of order lines per order?",
         "avg number of lines per order?"],
        ["How many different lines are on a typical order, on average?",
         "Mean count of order lines per order?"],
    ),
    intent(
        "orders_shipped_outside_home_region",
        """SELECT COUNT(*) FROM ord_hdr o JOIN cust_mstr c ON c.cust_id = o.cust_id
           WHERE o.shp_rgn_cd <> c.rgn_cd AND o.ord_dt BETWEEN '{fy_start}' AND '{fy_end}'""",
        ["How many orders in fiscal {fy} were shipped to a region other than the customer's home region?",
         "Count FY{fy} orders whose ship-to region differs from the customer's own region.",
         "orders in fiscal {fy} sent outside the buyer's home region: how many?"],
        ["In fiscal {fy}, how many orders went to a different region than the one the customer lives in?",
         "Number of FY{fy2} orders shipped to a region that isn't the customer's home region?"],
        "fy", "fiscal_year",
    ),
    intent(
        "busiest_order_day",
        """SELECT ord_dt FROM ord_hdr WHERE ord_dt BETWEEN '{fy_start}' AND '{fy_end}'
           GROUP BY ord_dt ORDER BY COUNT(*) DESC LIMIT 1""",
        ["On which date did we receive the most orders in fiscal {fy}?",
         "What was the busiest day by order count in FY{fy}?",
         "date with the most orders in fiscal {fy}?"],
        ["Which single day of fiscal {fy} had the highest number of orders?",
         "Busiest order date of FY{fy2}?"],
        "fy", "fiscal_year",
    ),
    intent(
        "orders_per_payment_method",
        """SELECT pay_mthd_cd, COUNT(*) FROM ord_hdr WHERE ord_dt BETWEEN '{fy_start}' AND '{fy_end}'
           GROUP BY pay_mthd_cd""",
        ["How many orders were paid with each payment method in fiscal {fy}? Method code and count.",
         "Order count per payment method code for FY{fy}.",
         "fiscal {fy} orders by payment method"],
        ["For each payment method code, how many fiscal {fy} orders used it?",
         "Break FY{fy2} orders down by payment method code."],
        "fy", "fiscal_year",
    ),
    intent(
        "weekend_order_share",
        """SELECT 100.0 * SUM(CASE WHEN f.wknd_flg = 'Y' THEN 1 ELSE 0 END) / COUNT(*)
           FROM ord_hdr o JOIN fscl_cal f ON f.cal_dt = o.ord_dt WHERE f.fscl_yr = {fy}""",
        ["What percentage of fiscal {fy} orders were placed on a weekend?",
         "Share of FY{fy} orders placed on Saturdays or Sundays, in percent?",
         "% of weekend orders in fiscal {fy}?"],
        ["In fiscal {fy}, what percent of all orders came in on weekends?",
         "Weekend share of FY{fy2} orders, as a percentage?"],
        "fy", "fiscal_year",
    ),
    intent(
        "tier_customers_ordering_via_channel",
        """SELECT COUNT(DISTINCT o.cust_id) FROM ord_hdr o JOIN cust_mstr c ON c.cust_id = o.cust_id
           WHERE c.lylty_tier = {tier_level} AND o.chnl_cd = '{chnl_cd}'
           AND o.ord_dt BETWEEN '{fq_start}' AND '{fq_end}'""",
        ["How many {tier}-tier customers placed an order through {channel} in fiscal Q{q} {fy}?",
         "Count distinct {tier} tier customers who ordered via {channel} in Q{q} FY{fy}.",
         "number of {tier} customers ordering through {channel} in fiscal {fy} Q{q}?"],
        ["In fiscal Q{q} {fy}, how many different customers of the {tier} tier bought through {channel}?",
         "How many {tier} loyalty customers used {channel} to order in Q{q} of FY{fy2}?"],
        "tier channel fq", "fiscal_quarter",
    ),
    intent(
        "customers_in_two_channels",
        """SELECT cust_id FROM ord_hdr WHERE chnl_cd = '{chnl_a}' AND ord_dt BETWEEN '{fy_start}' AND '{fy_end}'
           INTERSECT
           SELECT cust_id FROM ord_hdr WHERE chnl_cd = '{chnl_b}' AND ord_dt BETWEEN '{fy_start}' AND '{fy_end}'""",
        ["List the ids of customers who ordered both through {channel_a} and through {channel_b} in fiscal {fy}.",
         "Which customer ids bought via {channel_a} and also via {channel_b} in FY{fy}?",
         "customer ids using both {channel_a} and {channel_b} in fiscal {fy}"],
        ["Give me the ids of fiscal {fy} customers who placed orders on {channel_a} as well as on {channel_b}.",
         "Customer ids that ordered through both {channel_a} and {channel_b} during FY{fy2}?"],
        "channel_pair fy", "fiscal_year",
    ),
]

RETURN_INTENTS = [
    intent(
        "returns_by_reason",
        "SELECT COUNT(*) FROM rtn_txn WHERE rsn_cd = '{rsn_cd}' AND rtn_dt BETWEEN '{fy_start}' AND '{fy_end}'",
        ["How many returns in fiscal {fy} had the reason \"{reason}\"?",
         "Count FY{fy} returns with return reason \"{reason}\".",
         "returns for \"{reason}\" in fiscal {fy}?"],
        ["In fiscal {fy}, how many returned lines were because of \"{reason}\"?",
         "Number of FY{fy2} returns where the reason was \"{reason}\"?"],
        "reason fy", "fiscal_year",
    ),
    intent(
        "return_reasons_ranked",
        """SELECT rsn_cd, COUNT(*) FROM rtn_txn WHERE rtn_dt BETWEEN '{fy_start}' AND '{fy_end}'
           GROUP BY rsn_cd ORDER BY COUNT(*) DESC""",
        ["Rank the return reasons of fiscal {fy} by number of returns, most common first (reason code and count).",
         "Return reason codes with their return counts for FY{fy}, descending.",
         "top return reasons in fiscal {fy}, ordered by count"],
        ["Which return reasons were most frequent in fiscal {fy}? List every reason code and its count from most to least.",
         "FY{fy2} returns per reason code, sorted by count descending."],
        "fy", "fiscal_year",
    ),
    intent(
        "refunds_in_fiscal_year",
        "SELECT SUM(rfnd_amt) FROM rtn_txn WHERE rtn_dt BETWEEN '{fy_start}' AND '{fy_end}'",
        ["How much did we refund in fiscal {fy}?",
         "Total refunds paid in FY{fy}?",
         "refund total for fiscal {fy}"],
        ["What was the total amount refunded to customers during fiscal {fy}?",
         "Sum of refunds in FY{fy2}?"],
        "fy", "fiscal_year",
    ),
    intent(
        "return_rate_of_category",
        """SELECT 100.0 * SUM(COALESCE(r.rtn_qty, 0)) / SUM(l.qty)
           FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id JOIN prd_mstr p ON p.prd_id = l.prd_id
           LEFT JOIN rtn_txn r ON r.ord_id = l.ord_id AND r.ln_no = l.ln_no
           WHERE o.ord_stat_cd IN ('DLV', 'RTN') AND p.cat_cd = '{cat_cd}'""",
        ["What is the return rate for {category}?",
         "Return rate of {category} products, all time?",
         "how high is the return rate in {category}?"],
        ["Give me the overall return rate for the {category} category.",
         "For {category}, what's our return rate?"],
        "category", "return_rate",
    ),
    intent(
        "return_rate_in_fiscal_year",
        """SELECT 100.0 * SUM(COALESCE(r.rtn_qty, 0)) / SUM(l.qty)
           FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id
           LEFT JOIN rtn_txn r ON r.ord_id = l.ord_id AND r.ln_no = l.ln_no
           WHERE o.ord_stat_cd IN ('DLV', 'RTN') AND o.ord_dt BETWEEN '{fy_start}' AND '{fy_end}'""",
        ["What was the return rate for orders placed in fiscal {fy}?",
         "Return rate of FY{fy} orders?",
         "fiscal {fy} return rate"],
        ["For orders from fiscal {fy}, what is the return rate?",
         "How high was the return rate on FY{fy2} orders?"],
        "fy", "return_rate fiscal_year", train_count=3,
    ),
    intent(
        "most_returned_products",
        """SELECT p.prd_nm FROM rtn_txn r JOIN ord_ln l ON l.ord_id = r.ord_id AND l.ln_no = r.ln_no
           JOIN prd_mstr p ON p.prd_id = l.prd_id WHERE r.rtn_dt BETWEEN '{fy_start}' AND '{fy_end}'
           GROUP BY p.prd_nm ORDER BY SUM(r.rtn_qty) DESC LIMIT {n}""",
        ["Which {n} products had the most units returned in fiscal {fy}? Names only.",
         "Top {n} products by returned units in FY{fy}?",
         "{n} most returned products (by units) in fiscal {fy}"],
        ["Name the {n} products customers sent back the most units of during fiscal {fy}.",
         "By returned units, what were the top {n} products in FY{fy2}?"],
        "top_n fy", "fiscal_year",
    ),
    intent(
        "refunds_by_category",
        """SELECT p.cat_cd, SUM(r.rfnd_amt) FROM rtn_txn r
           JOIN ord_ln l ON l.ord_id = r.ord_id AND l.ln_no = r.ln_no JOIN prd_mstr p ON p.prd_id = l.prd_id
           WHERE r.rtn_dt BETWEEN '{fy_start}' AND '{fy_end}' GROUP BY p.cat_cd""",
        ["How much did we refund per product category in fiscal {fy}? Category code and refund total.",
         "Refund totals by category code for FY{fy}.",
         "fiscal {fy} refunds split by category code"],
        ["For each category code, what were total refunds in fiscal {fy}?",
         "Break down FY{fy2} refunds by product category code."],
        "fy", "fiscal_year",
    ),
]

SHIPPING_INTENTS = [
    intent(
        "late_deliveries_by_carrier",
        """SELECT COUNT(*) FROM shpmt WHERE carr_cd = '{carr_cd}' AND dlv_dt > prm_dlv_dt
           AND dlv_dt BETWEEN '{fy_start}' AND '{fy_end}'""",
        ["How many late deliveries did {carrier} have in fiscal {fy}?",
         "Count {carrier} deliveries in FY{fy} that were late.",
         "late deliveries for {carrier} in fiscal {fy}?"],
        ["In fiscal {fy}, how many parcels did {carrier} deliver late?",
         "Number of late {carrier} deliveries during FY{fy2}?"],
        "carrier fy", "late_delivery fiscal_year",
    ),
    intent(
        "on_time_rate_by_carrier",
        """SELECT carr_cd, 100.0 * SUM(CASE WHEN dlv_dt <= prm_dlv_dt THEN 1 ELSE 0 END) / COUNT(*)
           FROM shpmt WHERE dlv_dt BETWEEN '{fy_start}' AND '{fy_end}' GROUP BY carr_cd""",
        ["What was each carrier's on-time delivery rate in fiscal {fy}? Carrier code and rate.",
         "On-time rate per carrier code for deliveries in FY{fy}.",
         "carrier on-time % in fiscal {fy}"],
        ["For every carrier code, give the on-time delivery rate for fiscal {fy} deliveries.",
         "How did carriers do on on-time delivery in FY{fy2}? Code and percentage."],
        "fy", "on_time_delivery fiscal_year",
    ),
    intent(
        "on_time_rate_of_warehouse",
        """SELECT 100.0 * SUM(CASE WHEN dlv_dt <= prm_dlv_dt THEN 1 ELSE 0 END) / COUNT(*)
           FROM shpmt WHERE whs_cd = '{whs_cd}' AND dlv_dt BETWEEN '{fy_start}' AND '{fy_end}'""",
        ["What was the on-time delivery rate for shipments from the {warehouse} warehouse in fiscal {fy}?",
         "On-time rate of the {warehouse} warehouse in FY{fy}?",
         "{warehouse} warehouse on-time % for fiscal {fy}"],
        ["How good was the {warehouse} warehouse at on-time delivery in fiscal {fy}?",
         "For parcels shipped from {warehouse}, what was the FY{fy2} on-time delivery rate?"],
        "warehouse fy", "on_time_delivery fiscal_year",
    ),
    intent(
        "average_transit_days_by_carrier",
        """SELECT carr_cd, AVG(julianday(dlv_dt) - julianday(shp_dt)) FROM shpmt
           WHERE dlv_dt IS NOT NULL GROUP BY carr_cd""",
        ["What is the average number of days from shipping to delivery for each carrier? Carrier code and days.",
         "Average transit time in days per carrier code.",
         "avg days in transit by carrier"],
        ["For every carrier code, how many days on average does a parcel take from warehouse to door?",
         "Mean shipping-to-delivery days per carrier code?"],
    ),
    intent(
        "shipments_in_transit",
        "SELECT COUNT(*) FROM shpmt WHERE dlv_dt IS NULL",
        ["How many shipments are still in transit?",
         "Count the parcels that have shipped but are not delivered yet.",
         "how many packages are out for delivery right now?"],
        ["What's the number of shipments not yet delivered?",
         "How many shipments have left the warehouse but haven't arrived?"],
    ),
    intent(
        "shipments_from_warehouse",
        "SELECT COUNT(*) FROM shpmt WHERE whs_cd = '{whs_cd}' AND shp_dt BETWEEN '{fy_start}' AND '{fy_end}'",
        ["How many shipments did the {warehouse} warehouse send out in fiscal {fy}?",
         "Count FY{fy} shipments from {warehouse}.",
         "parcels shipped from {warehouse} in fiscal {fy}?"],
        ["What was the {warehouse} warehouse's shipment volume in fiscal {fy}?",
         "Number of shipments leaving {warehouse} during FY{fy2}?"],
        "warehouse fy", "fiscal_year",
    ),
    intent(
        "warehouse_with_most_late_deliveries",
        """SELECT w.whs_city FROM shpmt s JOIN whs_ref w ON w.whs_cd = s.whs_cd
           WHERE s.dlv_dt > s.prm_dlv_dt AND s.dlv_dt BETWEEN '{fq_start}' AND '{fq_end}'
           GROUP BY w.whs_city ORDER BY COUNT(*) DESC LIMIT 1""",
        ["Which warehouse city had the most late deliveries in fiscal Q{q} {fy}?",
         "In Q{q} of FY{fy}, which warehouse (city) had the most late deliveries?",
         "warehouse city with the most late deliveries, fiscal {fy} Q{q}?"],
        ["Where was the warehouse with the highest number of late deliveries in fiscal Q{q} {fy}? Give the city.",
         "Worst warehouse for late deliveries in Q{q} FY{fy2} (city)?"],
        "fq", "late_delivery fiscal_quarter",
    ),
    intent(
        "average_days_late_by_carrier",
        """SELECT AVG(julianday(dlv_dt) - julianday(prm_dlv_dt)) FROM shpmt
           WHERE carr_cd = '{carr_cd}' AND dlv_dt > prm_dlv_dt""",
        ["When {carrier} delivers late, how many days late is it on average?",
         "Average days late for late {carrier} deliveries?",
         "avg lateness in days of {carrier}'s late deliveries"],
        ["On average, by how many days do {carrier}'s late deliveries miss the promised date?",
         "For late deliveries by {carrier}, what's the mean number of days late?"],
        "carrier", "late_delivery", train_count=4,
    ),
]

MEMBERSHIP_INTENTS = [
    intent(
        "active_members_by_plan",
        "SELECT COUNT(*) FROM mbr_sub WHERE plan_cd = '{plan_cd}' AND end_dt IS NULL",
        ["How many active Acme Plus members are on the {plan} plan?",
         "Count active members with a {plan} Acme Plus plan.",
         "active {plan}-plan members?"],
        ["How many people currently hold an active {plan} Acme Plus membership?",
         "Number of active Acme Plus members paying {plan}?"],
        "plan", "active_member",
    ),
    intent(
        "churned_members_in_fiscal_year",
        """SELECT COUNT(DISTINCT cust_id) FROM mbr_sub WHERE end_dt BETWEEN '{fy_start}' AND '{fy_end}'
           AND cust_id NOT IN (SELECT cust_id FROM mbr_sub WHERE end_dt IS NULL)""",
        ["How many Acme Plus members churned in fiscal {fy}?",
         "Count the churned members of FY{fy}.",
         "member churn in fiscal {fy}: how many customers?"],
        ["How many customers did we lose from Acme Plus (churned) during fiscal {fy}?",
         "Number of churned Acme Plus members in FY{fy2}?"],
        "fy", "churned_member fiscal_year", train_count=6,
    ),
    intent(
        "membership_end_reasons",
        """SELECT cncl_rsn_cd, COUNT(*) FROM mbr_sub WHERE end_dt BETWEEN '{fy_start}' AND '{fy_end}'
           GROUP BY cncl_rsn_cd""",
        ["Why did Acme Plus memberships end in fiscal {fy}? Count ended memberships per cancellation reason code.",
         "Cancellation reason codes with the number of memberships that ended in FY{fy}.",
         "membership cancellations in fiscal {fy} by reason code"],
        ["For memberships that ended during fiscal {fy}, how many ended for each cancellation reason code?",
         "Break down FY{fy2} membership endings by cancellation reason code."],
        "fy", "fiscal_year",
    ),
    intent(
        "memberships_started",
        "SELECT COUNT(*) FROM mbr_sub WHERE plan_cd = '{plan_cd}' AND strt_dt BETWEEN '{fy_start}' AND '{fy_end}'",
        ["How many {plan} Acme Plus memberships started in fiscal {fy}?",
         "Count new {plan}-plan memberships in FY{fy}.",
         "{plan} plan sign-ups to Acme Plus in fiscal {fy}?"],
        ["In fiscal {fy}, how many Acme Plus memberships began on the {plan} plan?",
         "Number of {plan} Acme Plus starts during FY{fy2}?"],
        "plan fy", "fiscal_year",
    ),
    intent(
        "orders_by_active_members",
        """SELECT COUNT(*) FROM ord_hdr WHERE ord_dt BETWEEN '{fy_start}' AND '{fy_end}'
           AND cust_id IN (SELECT cust_id FROM mbr_sub WHERE end_dt IS NULL)""",
        ["How many orders did our active Acme Plus members place in fiscal {fy}?",
         "Count FY{fy} orders from customers who are active members.",
         "orders by active members in fiscal {fy}?"],
        ["In fiscal {fy}, how many orders came from customers who are active Acme Plus members?",
         "Number of FY{fy2} orders placed by active members?"],
        "fy", "active_member fiscal_year",
    ),
    intent(
        "average_membership_length",
        "SELECT AVG(julianday(end_dt) - julianday(strt_dt)) FROM mbr_sub WHERE plan_cd = '{plan_cd}' AND end_dt IS NOT NULL",
        ["For {plan} Acme Plus memberships that have ended, how many days did they last on average?",
         "Average length in days of ended {plan}-plan memberships?",
         "avg duration (days) of finished {plan} memberships"],
        ["How long, in days, did an ended {plan} Acme Plus membership last on average?",
         "Mean number of days between start and end of {plan} memberships that are over?"],
        "plan",
    ),
    intent(
        "vip_or_active_member_count",
        """SELECT COUNT(*) FROM (SELECT cust_id FROM cust_mstr WHERE lylty_tier = 4
           UNION SELECT cust_id FROM mbr_sub WHERE end_dt IS NULL)""",
        ["How many customers are either VIPs or active Acme Plus members (or both)?",
         "Count customers who are a VIP, an active member, or both.",
         "number of customers that are VIP and/or active members?"],
        ["How many distinct customers are VIPs or hold an active Acme Plus membership?",
         "Size of the combined VIP-or-active-member audience?"],
        "", "vip active_member",
    ),
]

SUPPORT_INTENTS = [
    intent(
        "open_tickets_by_category",
        f"SELECT COUNT(*) FROM sprt_tkt WHERE tkt_cat_cd = '{{tkt_cat_cd}}' AND {OPEN}",
        ["How many open tickets are there about {topic}?",
         "Count open support tickets in the {topic} category.",
         "open tickets for {topic}?"],
        ["What's the current backlog of {topic} tickets?",
         "How many {topic} tickets are still open?"],
        "ticket_category", "open_ticket",
    ),
    intent(
        "backlog_by_priority",
        f"SELECT prty_cd, COUNT(*) FROM sprt_tkt WHERE {OPEN} GROUP BY prty_cd",
        ["Show the open ticket backlog by priority code.",
         "How many open tickets are there per priority code?",
         "backlog split by priority"],
        ["For each priority code, how many tickets are open?",
         "Count of open tickets for every priority code?"],
    ),
    intent(
        "resolution_time_by_priority",
        "SELECT AVG(julianday(cls_dt) - julianday(opn_dt)) FROM sprt_tkt WHERE prty_cd = '{prty_cd}' AND cls_dt IS NOT NULL",
        ["What is the average resolution time of {priority}-priority tickets, in days?",
         "Average days to resolve a {priority} priority ticket?",
         "avg resolution time for {priority}-priority tickets"],
        ["How long does it take on average to resolve a ticket with {priority} priority (days)?",
         "Mean resolution time in days for {priority}-priority support tickets?"],
        "priority", "resolution_time", train_count=6,
    ),
    intent(
        "resolution_time_by_category",
        "SELECT tkt_cat_cd, AVG(julianday(cls_dt) - julianday(opn_dt)) FROM sprt_tkt WHERE cls_dt IS NOT NULL GROUP BY tkt_cat_cd",
        ["What is the average resolution time per ticket category code?",
         "Average days to resolve tickets, by category code.",
         "resolution time by ticket category"],
        ["For each ticket category code, how many days does resolution take on average?",
         "Mean resolution time in days for every ticket category code?"],
    ),
    intent(
        "tickets_opened_in_quarter",
        "SELECT COUNT(*) FROM sprt_tkt WHERE opn_dt BETWEEN '{fq_start}' AND '{fq_end}'",
        ["How many support tickets were opened in fiscal Q{q} {fy}?",
         "Count tickets opened during Q{q} of fiscal {fy}.",
         "ticket volume in FY{fy} Q{q}?"],
        ["What was the number of new support tickets in fiscal quarter {q} of {fy}?",
         "Tickets opened in Q{q} FY{fy2}: how many?"],
        "fq_tickets", "fiscal_quarter",
    ),
    intent(
        "satisfaction_by_topic",
        "SELECT AVG(csat_scr) FROM sprt_tkt WHERE tkt_cat_cd = '{tkt_cat_cd}'",
        ["What is the average satisfaction score for tickets about {topic}?",
         "Average CSAT score of {topic} tickets?",
         "avg survey score on {topic} tickets"],
        ["How satisfied are customers with {topic} tickets, on average (1-5 score)?",
         "Mean satisfaction survey score for {topic} support tickets?"],
        "ticket_category", train_count=6,
    ),
    intent(
        "open_high_priority_tickets",
        f"SELECT COUNT(*) FROM sprt_tkt WHERE prty_cd IN ('P1', 'P2') AND {OPEN}",
        ["How many high-priority tickets are still open?",
         "Count the open high-priority tickets.",
         "open high priority tickets right now?"],
        ["What's the number of high-priority tickets in the backlog?",
         "How many tickets are both high priority and open?"],
        "", "high_priority_ticket open_ticket",
    ),
    intent(
        "vip_open_tickets",
        """SELECT COUNT(*) FROM sprt_tkt t JOIN cust_mstr c ON c.cust_id = t.cust_id
            WHERE c.lylty_tier = 4 AND t.stat_cd NOT IN ('RSV', 'CLS')""",
        ["How many open tickets belong to VIP customers?",
         "Count the open support tickets from VIPs.",
         "VIP tickets still open?"],
        ["What's the open-ticket backlog for our VIPs?",
         "How many tickets opened by VIP customers are not resolved yet?"],
        "", "vip open_ticket",
    ),
    intent(
        "tickets_by_contact_channel",
        """SELECT cntct_chnl_cd, COUNT(*) FROM sprt_tkt WHERE opn_dt BETWEEN '{fy_start}' AND '{fy_end}'
           GROUP BY cntct_chnl_cd""",
        ["How many tickets were opened through each contact channel in fiscal {fy}? Channel code and count.",
         "Tickets per contact channel code for FY{fy}.",
         "fiscal {fy} ticket count by contact channel"],
        ["For every contact channel code, how many tickets came in during fiscal {fy}?",
         "Split FY{fy2} support tickets by contact channel code."],
        "fy_tickets", "fiscal_year",
    ),
]

CALENDAR_INTENTS = [
    intent(
        "fiscal_quarter_dates",
        "SELECT MIN(cal_dt), MAX(cal_dt) FROM fscl_cal WHERE fscl_yr = {fy} AND fscl_qtr = {q}",
        ["What are the first and last dates of fiscal Q{q} {fy}?",
         "Which calendar dates does Q{q} of fiscal {fy} start and end on?",
         "start and end date of FY{fy} Q{q}?"],
        ["When does fiscal quarter {q} of {fy} begin and end?",
         "Give the first day and the last day of Q{q} FY{fy2}."],
        "fq",
    ),
    intent(
        "holiday_date",
        "SELECT cal_dt FROM fscl_cal WHERE evnt_nm = '{event}' AND cal_dt LIKE '{year}-%'",
        ["What date was {event} in {year}?",
         "On which date did {event} fall in {year}?",
         "{event} {year}: what date?"],
        ["Which day of {year} was {event}?",
         "Give me the calendar date of {event} {year}."],
        "holiday",
    ),
]

INTENTS = (
    CUSTOMER_INTENTS + PRODUCT_INTENTS + REVENUE_INTENTS + ORDER_INTENTS + RETURN_INTENTS
    + SHIPPING_INTENTS + MEMBERSHIP_INTENTS + SUPPORT_INTENTS + CALENDAR_INTENTS
)
