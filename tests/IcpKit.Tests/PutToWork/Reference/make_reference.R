# Reference sample sizes for ExperimentSizeTests: Rscript make_reference.R > power_prop_test.csv
# Each row: baseline p1, relative lift (p2 = p1 * (1 + lift)), alpha, power, and R's n per group.
cat("baseline,lift,alpha,power,n\n")
for (a in list(c(0.2, 0.5, 0.05, 0.8), c(0.2, 0.3, 0.05, 0.8), c(0.25, 0.5, 0.05, 0.9), c(0.1, 1.0, 0.01, 0.8), c(0.05, 0.2, 0.05, 0.8))) {
  r <- power.prop.test(p1 = a[1], p2 = a[1] * (1 + a[2]), sig.level = a[3], power = a[4], tol = 1e-12)
  cat(sprintf("%g,%g,%g,%g,%.10f\n", a[1], a[2], a[3], a[4], r$n))
}
