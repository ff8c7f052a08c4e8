#!/usr/bin/env python3
"""Writes the CRM-shaped and sparse fixture exports under tests/Fixtures/exports/ from one small world.

The world is listed by hand below (16 accounts, 18 deals) so that every count a test checks can be read off this
file: 8 won, 7 lost, 3 open deals (win rate 8/15); customers A01-A08, of which A03 and A06 churned; lost deals
dropped out at discovery 2, demo 3, proposal 1, negotiation 1. Run it from anywhere: it rewrites only the folders
it owns (hubspot, salesforce, pipedrive, accounts-only, accounts-deals, no-churn-dates, no-amounts, no-industry,
no-events, no-surveys). Headers and stage values follow each CRM's documented defaults (see docs/data-contract.md).
"""
import csv
import os
import shutil
from datetime import date

HERE = os.path.dirname(os.path.abspath(__file__))

# id, name, industry, employees, country, customer_since, churned_on, plan, mrr, seats, tech_stack
ACCOUNTS = [
    ("A01", "Northwind Analytics", "saas", 120, "US", "2025-03-10", "", "pro", 1200, 15, "snowflake;dbt"),
    ("A02", "Bluepeak Health", "healthcare", 45, "US", "2025-04-02", "", "starter", 400, 5, "postgres"),
    ("A03", "Corvid Retail", "retail", 300, "UK", "2025-02-15", "2025-11-20", "pro", 900, 10, "snowflake"),
    ("A04", "Delta Ledger", "fintech", 80, "DE", "2025-05-20", "", "pro", 1500, 20, "snowflake;dbt"),
    ("A05", "Evergreen Clinics", "healthcare", 200, "US", "2025-06-11", "", "enterprise", 3000, 40, "bigquery"),
    ("A06", "Foxglove Shops", "retail", 25, "FR", "2025-07-01", "2026-01-15", "starter", 300, 3, "postgres"),
    ("A07", "Granite Pay", "fintech", 60, "UK", "2025-09-05", "", "pro", 1100, 12, "snowflake"),
    ("A08", "Harbor Cloud", "saas", 150, "US", "2025-10-14", "", "pro", 1300, 18, "dbt"),
    ("A09", "Ironclad Stores", "retail", 40, "US", "", "", "", "", "", "postgres"),
    ("A10", "Juniper Health", "healthcare", 500, "DE", "", "", "", "", "", "bigquery"),
    ("A11", "Kestrel Soft", "saas", 15, "US", "", "", "", "", "", ""),
    ("A12", "Lumen Bank", "fintech", 900, "UK", "", "", "", "", "", "snowflake"),
    ("A13", "Maple Stores", "retail", 70, "US", "", "", "", "", "", ""),
    ("A14", "Nimbus Apps", "saas", 35, "FR", "", "", "", "", "", "dbt"),
    ("A15", "Orchid Care", "healthcare", 110, "US", "", "", "", "", "", ""),
    ("A16", "Pioneer Credit", "fintech", 240, "DE", "", "", "", "", "", "snowflake"),
]

FUNNEL = ["discovery", "demo", "proposal", "negotiation"]

# id, account, created, closed, furthest stage, outcome, amount, loss reason, source
DEALS = [
    ("D01", "A01", "2025-01-15", "2025-03-10", "negotiation", "won", 14400, "", "inbound"),
    ("D02", "A02", "2025-02-20", "2025-04-02", "proposal", "won", 4800, "", "outbound"),
    ("D03", "A03", "2025-01-05", "2025-02-15", "negotiation", "won", 10800, "", "referral"),
    ("D04", "A04", "2025-03-01", "2025-05-20", "negotiation", "won", 18000, "", "inbound"),
    ("D05", "A05", "2025-04-10", "2025-06-11", "negotiation", "won", 36000, "", "outbound"),
    ("D06", "A06", "2025-05-15", "2025-07-01", "proposal", "won", 0, "", "partner"),  # a free pilot: amount 0
    ("D07", "A07", "2025-07-01", "2025-09-05", "negotiation", "won", 13200, "", "partner"),
    ("D08", "A08", "2025-08-01", "2025-10-14", "negotiation", "won", 15600, "", "inbound"),
    ("D09", "A01", "2024-10-01", "2024-12-01", "demo", "lost", 9000, "price", "outbound"),
    ("D10", "A09", "2025-02-01", "2025-03-15", "discovery", "lost", 5000, "no budget", "outbound"),
    ("D11", "A10", "2025-03-10", "2025-05-01", "proposal", "lost", 30000, "competitor", "outbound"),
    ("D12", "A11", "2025-04-01", "2025-04-30", "discovery", "lost", 2000, "no budget", "inbound"),
    ("D13", "A12", "2025-06-01", "2025-08-20", "negotiation", "lost", 50000, "competitor", "outbound"),
    ("D14", "A13", "2025-09-01", "2025-10-10", "demo", "lost", 6000, "price", "referral"),
    ("D15", "A14", "2025-11-01", "2025-12-15", "demo", "lost", 4000, "timing", "inbound"),
    ("D16", "A15", "2026-03-01", "", "demo", "open", 8000, "", "inbound"),
    ("D17", "A16", "2026-04-10", "", "proposal", "open", 20000, "", "outbound"),
    ("D18", "A02", "2026-05-01", "", "discovery", "open", 3000, "", "outbound"),
]

# Events: every customer creates a project (the activation event) some days after it became one; two keep using it.
def events():
    rows = []
    for i, a in enumerate(ACCOUNTS[:8]):
        since = date.fromisoformat(a[5])
        for k, (days, name) in enumerate([(3 + i, "project_created"), (10 + i, "report_viewed"), (40 + i, "report_shared")]):
            d = date.fromordinal(since.toordinal() + days)
            rows.append((a[0], f"U{a[0][1:]}{k % 2}", f"{d.isoformat()}T09:30:00Z", name))
    return rows

SURVEYS = [
    ("A01", "U010", "2025-09-01", "admin", 9, "very disappointed", ""),
    ("A02", "U020", "2025-09-03", "user", 7, "somewhat disappointed", ""),
    ("A04", "U040", "2025-10-01", "admin", 10, "very disappointed", ""),
    ("A05", "U050", "2025-10-12", "buyer", 6, "not disappointed", ""),
    ("A07", "U070", "2025-12-01", "user", 8, "very disappointed", ""),
    ("A08", "U080", "2026-01-20", "admin", 9, "somewhat disappointed", ""),
]

CANONICAL_YAML = """# {title}
preset: canonical
funnel: [discovery, demo, proposal, negotiation]
activation_events: [project_created]
high_value_events: [report_shared]
"""

def write(folder, name, header, rows, newline="\n"):
    with open(os.path.join(folder, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator=newline)
        w.writerow(header)
        w.writerows(rows)

def fresh(name):
    folder = os.path.join(HERE, name)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    return folder

ACCOUNT_HEADER = ["account_id", "name", "industry", "employees", "country", "customer_since", "churned_on", "plan", "mrr", "seats", "tech_stack"]
DEAL_HEADER = ["deal_id", "account_id", "created_on", "closed_on", "stage", "outcome", "amount", "loss_reason", "source"]

def canonical(name, title, drop_account=(), drop_deal=(), deals=True, events_file=True, surveys=True):
    folder = fresh(name)
    keep = [i for i, h in enumerate(ACCOUNT_HEADER) if h not in drop_account]
    write(folder, "accounts.csv", [ACCOUNT_HEADER[i] for i in keep], [[a[i] for i in keep] for a in ACCOUNTS])
    if deals:
        keepd = [i for i, h in enumerate(DEAL_HEADER) if h not in drop_deal]
        write(folder, "deals.csv", [DEAL_HEADER[i] for i in keepd], [[d[i] for i in keepd] for d in DEALS])
    if events_file:
        write(folder, "events.csv", ["account_id", "user_id", "occurred_at", "event"], events())
    if surveys:
        write(folder, "surveys.csv", ["account_id", "user_id", "responded_on", "role", "nps", "pmf", "comment"], SURVEYS)
    with open(os.path.join(folder, "icpkit.yaml"), "w", encoding="utf-8") as f:
        f.write(CANONICAL_YAML.format(title=title))

def us(d):  # M/d/yyyy, as HubSpot and Salesforce write dates
    if not d:
        return ""
    x = date.fromisoformat(d)
    return f"{x.month}/{x.day}/{x.year}"

HUBSPOT_INDUSTRY = {"saas": "COMPUTER_SOFTWARE", "healthcare": "HOSPITAL_HEALTH_CARE", "retail": "RETAIL", "fintech": "FINANCIAL_SERVICES"}
HUBSPOT_STAGE = {"discovery": "Appointment Scheduled", "demo": "Presentation Scheduled", "proposal": "Decision Maker Bought-In", "negotiation": "Contract Sent"}
HUBSPOT_SOURCE = {"inbound": "ORGANIC_SEARCH", "outbound": "OFFLINE", "referral": "REFERRALS", "partner": "OTHER_CAMPAIGNS"}

def hubspot():
    folder = fresh("hubspot")
    ids = {a[0]: str(9001 + i) for i, a in enumerate(ACCOUNTS)}
    write(folder, "companies.csv",
          ["Record ID", "Company name", "Company owner", "Create Date", "Phone Number", "Last Activity Date", "City",
           "Country/Region", "Industry", "Number of Employees", "Annual Revenue", "Lifecycle Stage", "Company Domain Name"],
          [[ids[a[0]], a[1], "Sam Seller", "1/2/2024 10:00", "+1 555 0100", "", "", a[4], HUBSPOT_INDUSTRY[a[2]], a[3],
            a[3] * 100000, "Customer" if a[5] else "Lead", a[1].lower().replace(" ", "") + ".example"] for a in ACCOUNTS],
          newline="\r\n")
    rows = []
    for d in DEALS:
        stage = {"won": "Closed Won", "lost": "Closed Lost"}.get(d[5], HUBSPOT_STAGE[d[4]])
        rows.append([str(5001 + DEALS.index(d)), f"{d[1]} deal", "Sales Pipeline", stage, us(d[3]) if d[3] else us("2026-09-30"),
                     "Sam Seller", d[6], us(d[2]) + " 9:15", ids[d[1]], d[7], HUBSPOT_SOURCE[d[8]]])
    write(folder, "deals.csv",
          ["Record ID", "Deal Name", "Pipeline", "Deal Stage", "Close Date", "Deal owner", "Amount", "Create Date",
           "Associated Company IDs", "Closed Lost Reason", "Original Source Type"], rows, newline="\r\n")
    with open(os.path.join(folder, "icpkit.yaml"), "w", encoding="utf-8") as f:
        f.write("# A HubSpot companies + deals export with the default properties: no churn dates, no MRR, no events.\n"
                "preset: hubspot\n")

SALESFORCE_INDUSTRY = {"saas": "Technology", "healthcare": "Healthcare", "retail": "Retail", "fintech": "Finance"}
SALESFORCE_STAGE = {"discovery": "Qualification", "demo": "Value Proposition", "proposal": "Proposal/Price Quote", "negotiation": "Negotiation/Review"}
SALESFORCE_SOURCE = {"inbound": "Web", "outbound": "Phone Inquiry", "referral": "Partner Referral", "partner": "Partner Referral"}

def salesforce():
    folder = fresh("salesforce")
    ids = {a[0]: f"0015g00000Ab{i:03d}AAA" for i, a in enumerate(ACCOUNTS)}
    write(folder, "accounts.csv",
          ["Account ID", "Account Name", "Account Owner", "Type", "Industry", "Employees", "Billing Country",
           "Account Source", "Annual Revenue", "Created Date"],
          [[ids[a[0]], a[1], "Sam Seller", "Customer - Direct" if a[5] else "Prospect", SALESFORCE_INDUSTRY[a[2]], a[3],
            {"US": "United States", "UK": "United Kingdom", "DE": "Germany", "FR": "France"}[a[4]], "Web", a[3] * 100000,
            "1/2/2024"] for a in ACCOUNTS])
    rows = []
    for i, d in enumerate(DEALS):
        stage = {"won": "Closed Won", "lost": "Closed Lost"}.get(d[5], SALESFORCE_STAGE[d[4]])
        rows.append([f"0065g00000Xy{i:03d}AAA", f"{d[1]} renewal" if False else f"{d[1]} new business", ids[d[1]],
                     next(a[1] for a in ACCOUNTS if a[0] == d[1]), "Sam Seller", stage, d[6],
                     {"won": 100, "lost": 0}.get(d[5], 20), us(d[3]) if d[3] else us("2026-09-30"), us(d[2]),
                     SALESFORCE_SOURCE[d[8]], "New Business", "1" if d[5] == "won" else "0", "0" if d[5] == "open" else "1"])
    write(folder, "opportunities.csv",
          ["Opportunity ID", "Opportunity Name", "Account ID", "Account Name", "Opportunity Owner", "Stage", "Amount",
           "Probability (%)", "Close Date", "Created Date", "Lead Source", "Type", "Won", "Closed"], rows)
    with open(os.path.join(folder, "icpkit.yaml"), "w", encoding="utf-8") as f:
        f.write("# A Salesforce Accounts report + Opportunities report with the standard columns: no churn dates, no MRR, no events.\n"
                "preset: salesforce\n")

PIPEDRIVE_STAGE = {"discovery": "Qualified", "demo": "Demo Scheduled", "proposal": "Proposal Made", "negotiation": "Negotiations Started"}

def pipedrive():
    folder = fresh("pipedrive")
    ids = {a[0]: str(101 + i) for i, a in enumerate(ACCOUNTS)}
    write(folder, "organizations.csv",
          ["Organization - ID", "Organization - Name", "Organization - Owner", "Organization - Address",
           "Organization - Industry", "Organization - Number of employees", "Organization - Organization created",
           "Organization - Open deals", "Organization - Won deals", "Organization - Lost deals"],
          [[ids[a[0]], a[1], "Sam Seller", "", a[2].capitalize(), a[3], "2024-01-02 10:00:00",
            sum(1 for d in DEALS if d[1] == a[0] and d[5] == "open"), sum(1 for d in DEALS if d[1] == a[0] and d[5] == "won"),
            sum(1 for d in DEALS if d[1] == a[0] and d[5] == "lost")] for a in ACCOUNTS])
    rows = []
    for i, d in enumerate(DEALS):
        t = lambda s: f"{s} 16:00:00" if s else ""
        rows.append([str(1 + i), f"{d[1]} deal", "Sam Seller", d[6], "EUR",
                     next(a[1] for a in ACCOUNTS if a[0] == d[1]), ids[d[1]], "Pipeline", PIPEDRIVE_STAGE[d[4]],
                     d[5].capitalize(), f"{d[2]} 09:15:00", t(d[3]) if d[5] == "won" else "", t(d[3]) if d[5] == "lost" else "",
                     t(d[3]), d[7], "2026-09-30" if d[5] == "open" else ""])
    write(folder, "deals.csv",
          ["Deal - ID", "Deal - Title", "Deal - Owner", "Deal - Value", "Deal - Currency", "Deal - Organization",
           "Organization - ID", "Deal - Pipeline", "Deal - Stage", "Deal - Status", "Deal - Deal created",
           "Deal - Won time", "Deal - Lost time", "Deal - Deal closed on", "Deal - Lost reason", "Deal - Expected close date"], rows)
    with open(os.path.join(folder, "icpkit.yaml"), "w", encoding="utf-8") as f:
        f.write("# A Pipedrive organizations + deals export with the default fields: no churn dates, no MRR, no events.\n"
                "preset: pipedrive\n")

if __name__ == "__main__":
    hubspot()
    salesforce()
    pipedrive()
    canonical("accounts-only", "Accounts only: no deals, events or surveys.", deals=False, events_file=False, surveys=False)
    canonical("accounts-deals", "Accounts and deals only: no events, no surveys.", events_file=False, surveys=False)
    canonical("no-churn-dates", "Every file, but accounts carry no churned_on column.", drop_account=("churned_on",))
    canonical("no-amounts", "Every file, but deals carry no amount column.", drop_deal=("amount",))
    canonical("no-industry", "Every file, but accounts carry no industry column.", drop_account=("industry",))
    canonical("no-events", "Every file but events.csv.", events_file=False)
    canonical("no-surveys", "Every file but surveys.csv.", surveys=False)
