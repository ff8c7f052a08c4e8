# Writes ltv_customers.csv, the small customer set of the lifetime-value reference (run once; the CSV is committed).
# /usr/bin/python3 make_data.py
import random, datetime
random.seed(16)
as_of = datetime.date(2026, 9, 30)
rows = []
for i in range(1, 41):
    group = "ICP" if i % 3 == 0 else "non-ICP"
    since = as_of - datetime.timedelta(days=random.randint(30, 1400))
    hazard = 1/900 if group == "ICP" else 1/420
    life = int(random.expovariate(hazard))
    churn = since + datetime.timedelta(days=max(1, life))
    churned = churn.isoformat() if churn <= as_of else ""
    mrr = random.choice([150, 250, 400, 600, 900]) * (1.5 if group == "ICP" else 1)
    rows.append((f"C{i:02d}", group, since.isoformat(), churned, f"{mrr:g}"))
with open("ltv_customers.csv", "w") as f:
    f.write("account_id,group,customer_since,churned_on,mrr\n")
    for r in rows: f.write(",".join(r) + "\n")
