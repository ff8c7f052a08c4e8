#!/usr/bin/python3
"""SciPy/statsmodels cross-checks for the non-survival statistics tests.

Run after make_reference.R, from this folder, with Debian's interpreter (SciPy 1.10.1, statsmodels 0.13.5):
    /usr/bin/python3 make_reference.py
Reads inputs.csv (written by make_reference.R) and writes reference_scipy.csv (case,quantity,value).
"""
import csv
from collections import defaultdict

import numpy as np
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

samples = defaultdict(lambda: defaultdict(list))
with open("inputs.csv", newline="") as f:
    for row in csv.DictReader(f):
        samples[row["case"]][row["group"]].append(float("nan") if row["value"] == "NA" else float(row["value"]))

rows = []
def put(case, quantity, value):
    rows.append((case, quantity, repr(float(value))))

# Wilson interval without continuity correction: statsmodels proportion_confint(method="wilson").
for x, n in [(0, 10), (10, 10), (5, 10), (3, 7), (81, 263), (1, 1000), (999, 1000), (3, 3), (80, 100)]:
    lo, hi = proportion_confint(x, n, alpha=0.05, method="wilson")
    put(f"wilson_x{x}_n{n}", "lower", lo)
    put(f"wilson_x{x}_n{n}", "upper", hi)

# Mann-Whitney U of the first sample: scipy.stats.mannwhitneyu (asymptotic with continuity; exact when no ties).
for case, groups in samples.items():
    if not case.startswith("mw_"):
        continue
    x, y = np.array(groups["x"]), np.array(groups["y"])
    r = stats.mannwhitneyu(x, y, alternative="two-sided", use_continuity=True, method="asymptotic")
    put(case, "U1", r.statistic)
    put(case, "p_asymptotic_cc", r.pvalue)
    if len(np.unique(np.concatenate([x, y]))) == len(x) + len(y):
        put(case, "p_exact", stats.mannwhitneyu(x, y, alternative="two-sided", method="exact").pvalue)

# Fisher's exact two-sided p-value: scipy.stats.fisher_exact.
for name, tab in {"tea_tasting": [[3, 1], [1, 3]], "convictions": [[2, 15], [10, 3]], "large": [[120, 80], [90, 110]]}.items():
    put(f"fisher_{name}", "p_value", stats.fisher_exact(tab)[1])

# Benjamini-Hochberg and Holm: statsmodels multipletests on the non-missing p-values.
for case in ("padjust_seeded", "padjust_toothgrowth"):
    p = np.array(samples[case]["p"])
    ok = ~np.isnan(p)
    for method, label in (("fdr_bh", "BH"), ("holm", "holm")):
        adj = np.full(p.shape, np.nan)
        adj[ok] = multipletests(p[ok], method=method)[1]
        for i, a in enumerate(adj, start=1):
            rows.append((f"{case}_{label}", f"{i:02d}", "NA" if np.isnan(a) else repr(float(a))))

# Bootstrap intervals: scipy.stats.bootstrap with 200,000 resamples (random_state=1). Different random streams
# cannot agree to 1e-6; the tests compare within Monte Carlo error. Samples: mtcars mpg for automatic
# (am = 0, "x" of mw_mtcars_mpg_by_am) and manual cars, ToothGrowth len for OJ and VC.
mt_auto, mt_manual = np.array(samples["mw_mtcars_mpg_by_am"]["x"]), np.array(samples["mw_mtcars_mpg_by_am"]["y"])
tg_oj, tg_vc = np.array(samples["mw_toothgrowth_len_by_supp"]["x"]), np.array(samples["mw_toothgrowth_len_by_supp"]["y"])
def mean_diff(x, y, axis=-1):
    return np.mean(x, axis=axis) - np.mean(y, axis=axis)
def median_diff(x, y, axis=-1):
    return np.median(x, axis=axis) - np.median(y, axis=axis)
boot_cases = {
    "boot_mtcars_auto_mean": ((mt_auto,), np.mean),
    "boot_mtcars_auto_median": ((mt_auto,), np.median),
    "boot_toothgrowth_mean_diff": ((tg_oj, tg_vc), mean_diff),
    "boot_mtcars_median_diff": ((mt_manual, mt_auto), median_diff),
}
for case, (data, stat) in boot_cases.items():
    for method in ("percentile", "BCa"):
        ci = stats.bootstrap(data, stat, n_resamples=200_000, confidence_level=0.95, method=method,
                             random_state=np.random.default_rng(1), vectorized=True).confidence_interval
        put(case, f"{method}_lower", ci.low)
        put(case, f"{method}_upper", ci.high)

with open("reference_scipy.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["case", "quantity", "value"])
    w.writerows(rows)
print(f"wrote reference_scipy.csv ({len(rows)} values)")
