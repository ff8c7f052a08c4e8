# Cross-check of concentration_r.csv with numpy (/usr/bin/python3 make_reference.py): Gini by the mean absolute
# difference (sum |xi - xj| / (2 n^2 mean)), a different formula for the same number; top shares by np.interp.
import csv
import numpy as np
import pandas as pd

a = pd.read_csv("../../../../data-samples/2026Q3/accounts.csv", dtype=str, keep_default_na=False)
as_of = "2026-09-30"
active = (a.customer_since != "") & (a.customer_since <= as_of) & ((a.churned_on == "") | (a.churned_on > as_of)) & (a.mrr != "")
cases = {
    "sample_2026Q3_active_mrr": a.mrr[active].astype(float).to_numpy(),
    "equal_four": np.array([1, 1, 1, 1.0]),
    "one_pays_all_four": np.array([0, 0, 0, 10.0]),
    "ten_accounts": np.array([10, 20, 30, 40, 50, 60, 70, 80, 90, 1000.0]),
    "fifteen_accounts": np.array([5, 1, 4, 2, 3, 8, 6, 7, 9, 10, 12, 11, 15, 14, 13.0]),
}
rows = []
for name, x in cases.items():
    n = len(x)
    g = np.abs(x[:, None] - x[None, :]).sum() / (2 * n * n * x.mean())
    xs = np.sort(x)
    lx = np.concatenate([[0], np.arange(1, n + 1) / n])
    ly = np.concatenate([[0], np.cumsum(xs) / xs.sum()])
    rows.append((name, n, x.sum(), g, 1 - np.interp(0.9, lx, ly), 1 - np.interp(0.8, lx, ly)))
with open("concentration_numpy.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["case", "n", "total", "gini", "top10", "top20"])
    for r in rows:
        w.writerow([r[0], r[1], repr(float(r[2])), repr(float(r[3])), repr(float(r[4])), repr(float(r[5]))])
r = pd.read_csv("concentration_r.csv")
for (name, *_), (_, rr) in zip(rows, r.iterrows()):
    assert rr.case == name
for row, (_, rr) in zip(rows, r.iterrows()):
    assert abs(row[3] - rr.gini) < 1e-12 and abs(row[4] - rr.top10) < 1e-12 and abs(row[5] - rr.top20) < 1e-12, (row, rr)
print("numpy agrees with R to 1e-12")
