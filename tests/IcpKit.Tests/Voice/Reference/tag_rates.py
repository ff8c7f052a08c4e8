"""Reference values for TagRatesTests: Fisher's exact test (two-sided) and Wilson 95% intervals.

Run with Debian's python3 (SciPy, statsmodels): /usr/bin/python3 tag_rates.py > tag_rates.txt
Counts are the hand-made interviews of TagRatesTests: 8 ICP and 5 non-ICP interviews.
"""
from scipy.stats import fisher_exact
from statsmodels.stats.proportion import proportion_confint

rows = [
    ("demo_excitement", 6, 8, 1, 5),
    ("invited_colleagues", 3, 8, 0, 5),
    ("any enthusiasm signal", 7, 8, 1, 5),
    ("polite_interest", 1, 8, 4, 5),
    ("would_not_pay", 1, 8, 3, 5),
    ("any red flag", 2, 8, 4, 5),
    # ColleaguesInvited's remark: 3 of 4 against 1 of 4.
    ("colleagues 3/4 vs 1/4", 3, 4, 1, 4),
]
for name, a, n1, c, n2 in rows:
    _, p = fisher_exact([[a, n1 - a], [c, n2 - c]], alternative="two-sided")
    lo1, hi1 = proportion_confint(a, n1, alpha=0.05, method="wilson")
    lo2, hi2 = proportion_confint(c, n2, alpha=0.05, method="wilson")
    print(f"{name}\t{a}/{n1}\t{c}/{n2}\tp={p:.10f}\ticp=[{lo1:.10f}, {hi1:.10f}]\tnon=[{lo2:.10f}, {hi2:.10f}]")
