#!/usr/bin/python3
"""SciPy reference for ConditionalRateTest (the conditional binomial test of two exponential churn rates).

Run from this folder with Debian's interpreter (SciPy 1.10.1):
    /usr/bin/python3 make_conditional_rate_reference.py
Writes conditional_rate_reference.csv (case,quantity,value). For each case: the ICP's null share of churns
p0 = T1 / (T1 + T0); the critical count c, the largest with binom.cdf(c - 1, n, p0) <= alpha; gamma = (alpha -
binom.cdf(c - 1, n, p0)) / binom.pmf(c, n, p0); the share under the hazard ratio theta, pi = theta p0 / (theta p0 + 1 - p0);
the power binom.cdf(c - 1, n, pi) + gamma binom.pmf(c, n, pi); the test function phi at each count x given; and the exact
one-sided p binom.cdf(x, n, p0).
"""
import csv

from scipy.stats import binom

ALPHA = 0.05
# case, churns n, ICP customer-time T1, rest customer-time T0, hazard ratio theta, counts x to evaluate phi and p at
CASES = [
    ("n5_half", 5, 1.0, 1.0, 0.45, [0, 1, 2]),
    ("n12_quarter", 12, 30.0, 90.0, 0.45, [0, 1, 2, 3]),
    ("n47_heldout_like", 47, 21000.0, 52000.0, 0.45, [6, 7, 8, 9, 10]),
    ("n0", 0, 10.0, 30.0, 0.45, [0]),
]

rows = []
def put(case, quantity, value):
    rows.append((case, quantity, repr(float(value))))

for case, n, t1, t0, theta, xs in CASES:
    p0 = t1 / (t1 + t0)
    c = 0
    while c <= n and binom.cdf(c, n, p0) <= ALPHA:
        c += 1
    below0 = binom.cdf(c - 1, n, p0) if c > 0 else 0.0
    gamma = (ALPHA - below0) / binom.pmf(c, n, p0)
    pi = theta * p0 / (theta * p0 + 1 - p0)
    below1 = binom.cdf(c - 1, n, pi) if c > 0 else 0.0
    power = below1 + gamma * binom.pmf(c, n, pi)
    put(case, "critical", c)
    put(case, "gamma", gamma)
    put(case, "share_under_theta", pi)
    put(case, "power", power)
    for x in xs:
        put(case, f"phi_{x}", 1.0 if x < c else gamma if x == c else 0.0)
        put(case, f"p_{x}", binom.cdf(x, n, p0))

with open("conditional_rate_reference.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["case", "quantity", "value"])
    w.writerows(rows)
