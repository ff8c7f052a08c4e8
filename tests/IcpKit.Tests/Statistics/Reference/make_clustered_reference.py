#!/usr/bin/python3
"""Reference values for ClusteredProportions.CompareTwo (cluster-robust difference of two rates).

Run with Debian's python3 (statsmodels 0.14): /usr/bin/python3 make_clustered_reference.py
Writes clustered_inputs.csv (case, group, cluster, successes, trials) and reference_clustered.csv (case, quantity, value).

Oracle: statsmodels OLS of each deal's 0/1 outcome on an intercept and a group-1 indicator, with
cov_type="cluster" (CR1: G/(G-1) * (N-1)/(N-K), normal p-values), clustered by account. The coefficient of the
indicator is p1 - p2; its standard error, z, p-value and 95% interval are the references. The independent
(HC0-free, plain binomial) standard error is computed by hand beside it.

The test's p-value is Rao and Scott's (1992, Biometrics 48:577-585) adjusted chi-square, computed here by hand from
their paper: per group the design effect d = m/(m-1) * sum((y_j - p n_j)^2) / (n p (1 - p)) over its m clusters, the
counts divided by d, and the pooled Pearson chi-square on those effective counts (1 df).
"""
import csv
import numpy as np
import statsmodels.api as sm

cases = {}
# A hand-sized case (the worked example in ClusteredProportions' remarks).
cases["tiny"] = {1: [(1, 2), (0, 1), (2, 3)], 2: [(0, 2), (1, 1), (0, 2), (0, 1)]}
# Seeded: 120 ICP-like and 300 other accounts with 1-5 deals each and an account-level propensity (so deals of one
# account are correlated: the clustered SE is wider than the independent one).
rng = np.random.default_rng(20261201)
def draw(n_accounts, base):
    out = []
    for _ in range(n_accounts):
        k = 1 + rng.poisson(0.9)
        k = min(k, 6)
        p = 1 / (1 + np.exp(-(np.log(base / (1 - base)) + rng.normal(0, 1.0))))
        out.append((int(rng.binomial(k, p)), int(k)))
    return out
cases["seeded"] = {1: draw(120, 0.30), 2: draw(300, 0.18)}
# One deal per account: the clustered variance is the independent one times the small-sample factor.
cases["singletons"] = {1: [(1, 1)] * 14 + [(0, 1)] * 26, 2: [(1, 1)] * 9 + [(0, 1)] * 51}

with open("clustered_inputs.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["case", "group", "cluster", "successes", "trials"])
    for name, groups in cases.items():
        for g, clusters in groups.items():
            for i, (s, t) in enumerate(clusters):
                w.writerow([name, g, f"{g}-{i}", s, t])

rows = []
for name, groups in cases.items():
    y, x, cl = [], [], []
    for g, clusters in groups.items():
        for i, (s, t) in enumerate(clusters):
            for j in range(t):
                y.append(1.0 if j < s else 0.0)
                x.append(1.0 if g == 1 else 0.0)
                cl.append(f"{g}-{i}")
    X = sm.add_constant(np.array(x))
    groups_codes = np.unique(np.array(cl), return_inverse=True)[1]
    fit = sm.OLS(np.array(y), X).fit(cov_type="cluster", cov_kwds={"groups": groups_codes})
    p1 = sum(s for s, _ in groups[1]) / sum(t for _, t in groups[1])
    p2 = sum(s for s, _ in groups[2]) / sum(t for _, t in groups[2])
    n1 = sum(t for _, t in groups[1]); n2 = sum(t for _, t in groups[2])
    lo, hi = fit.conf_int(alpha=0.05)[1]
    rows += [
        (name, "difference", fit.params[1]),
        (name, "se", fit.bse[1]),
        (name, "z", fit.tvalues[1]),
        (name, "p", fit.pvalues[1]),
        (name, "lower", lo),
        (name, "upper", hi),
        (name, "se_independent", np.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)),
    ]
    def deff(clusters, p, n):
        m = len(clusters)
        v = m / (m - 1) * sum((s - p * t) ** 2 for s, t in clusters) / n ** 2
        return v / (p * (1 - p) / n)
    d1, d2 = deff(groups[1], p1, n1), deff(groups[2], p2, n2)
    e1, e2 = n1 / d1, n2 / d2
    x1, x2 = p1 * e1, p2 * e2
    # Pearson's chi-square of the 2x2 table of effective counts (scipy's chi2_contingency without continuity correction).
    from scipy.stats import chi2_contingency
    chi, p_rs, _, _ = chi2_contingency(np.array([[x1, e1 - x1], [x2, e2 - x2]]), correction=False)
    rows += [(name, "rao_scott_chisq", chi), (name, "rao_scott_p", p_rs)]

with open("reference_clustered.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["case", "quantity", "value"])
    for case, q, v in rows:
        w.writerow([case, q, repr(float(v))])
for r in rows:
    print(*r)
