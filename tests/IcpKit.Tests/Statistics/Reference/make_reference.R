#!/usr/bin/env Rscript
# Reference numbers for the non-survival statistics tests (tests/IcpKit.Tests/Statistics).
# Run from this folder with R 4.2 (Debian r-base-core):  Rscript make_reference.R
# Writes two committed files the tests read (the tests never need R):
#   inputs.csv     case,group,value   the samples the tests feed to IcpKit (R datasets + seeded data)
#   reference_r.csv case,quantity,value  what R computed for each case, printed with 17 significant digits
options(digits = 17, warn = 1)
out <- list(); inp <- list()
put <- function(case, quantity, value) {
  out[[length(out) + 1]] <<- data.frame(case = case, quantity = quantity,
                                         value = ifelse(is.na(value), "NA", sprintf("%.17g", value)))
}
sample_in <- function(case, group, values) {
  inp[[length(inp) + 1]] <<- data.frame(case = case, group = group,
                                         value = ifelse(is.na(values), "NA", sprintf("%.17g", values)))
}

# ---- Wilson score interval: prop.test(x, n, correct = FALSE/TRUE)$conf.int (one sample, p = 0.5) ----
wilson_cases <- list(c(0, 10), c(10, 10), c(5, 10), c(3, 7), c(81, 263), c(1, 1000), c(999, 1000), c(3, 3), c(80, 100))
for (xn in wilson_cases) for (conf in c(0.95, 0.90)) for (cc in c(FALSE, TRUE)) {
  r <- suppressWarnings(prop.test(xn[1], xn[2], correct = cc, conf.level = conf))
  case <- sprintf("wilson_x%d_n%d_conf%g_cc%d", xn[1], xn[2], conf, cc)
  put(case, "lower", r$conf.int[1]); put(case, "upper", r$conf.int[2])
}

# ---- Two proportions: prop.test(c(x1, x2), c(n1, n2), correct = TRUE/FALSE) ----
# mtcars: manual transmission (am == 1) among V-shaped (vs == 0) vs straight (vs == 1) engines.
mt <- table(mtcars$vs, mtcars$am)
# R's ?prop.test smokers example (first two and last two groups), and seeded binomial draws.
set.seed(20261126)
g1 <- rbinom(1, 400, 0.22); g2 <- rbinom(1, 380, 0.30)
two_cases <- list(
  mtcars_am_by_vs = c(mt["0", "1"], sum(mt["0", ]), mt["1", "1"], sum(mt["1", ])),
  smokers_1v2 = c(83, 86, 90, 93),
  smokers_3v4 = c(129, 136, 70, 82),
  seeded_binom = c(g1, 400, g2, 380),
  equal_rates = c(20, 100, 40, 200))
for (nm in names(two_cases)) for (cc in c(TRUE, FALSE)) {
  v <- two_cases[[nm]]
  r <- suppressWarnings(prop.test(c(v[1], v[3]), c(v[2], v[4]), correct = cc))
  case <- sprintf("twoprop_%s_cc%d", nm, cc)
  put(case, "x1", v[1]); put(case, "n1", v[2]); put(case, "x2", v[3]); put(case, "n2", v[4])
  put(case, "statistic", r$statistic); put(case, "p_value", r$p.value)
  put(case, "lower", r$conf.int[1]); put(case, "upper", r$conf.int[2])
}

# ---- Fisher's exact test, 2x2: fisher.test(matrix) ----
# fisher.test's own numbers (its uniroot runs at tol = eps^0.25, so odds ratio and CI are only good to
# about 1e-4), and the same equations solved again with uniroot(tol = 1e-14): "tight_*".
fisher_tight <- function(tab, conf.level = 0.95) {
  m <- sum(tab[, 1]); n <- sum(tab[, 2]); k <- sum(tab[1, ]); x <- tab[1, 1]
  lo <- max(0, k - n); hi <- min(k, m); support <- lo:hi
  logdc <- dhyper(support, m, n, k, log = TRUE)
  dn <- function(ncp) { d <- logdc + log(ncp) * support; d <- exp(d - max(d)); d / sum(d) }
  # At ncp = 0 (and Inf) all mass sits on lo (hi), as in fisher.test's mnhyper/pnhyper.
  mn <- function(ncp) if (ncp == 0) lo else if (ncp == Inf) hi else sum(support * dn(ncp))
  pn <- function(q, ncp, upper = FALSE) {
    if (ncp == 0) return(as.numeric(if (upper) q <= lo else q >= lo))
    if (ncp == Inf) return(as.numeric(if (upper) q <= hi else q >= hi))
    sum(dn(ncp)[if (upper) support >= q else support <= q])
  }
  tol <- 1e-14
  solve <- function(f, target) {
    # f is increasing in the odds ratio t; search t in (0, 1] or 1/t in (0, 1] as fisher.test does.
    if (f(1) > target) uniroot(function(t) f(t) - target, c(0, 1), tol = tol)$root
    else if (f(1) < target) 1 / uniroot(function(t) f(1 / t) - target, c(.Machine$double.eps, 1), tol = tol)$root
    else 1
  }
  alpha <- (1 - conf.level) / 2
  est <- if (x == lo) 0 else if (x == hi) Inf else solve(mn, x)
  # pn(x, t) falls as t grows; upper-tail pn rises: solve on the increasing side.
  upper <- if (x == hi) Inf else solve(function(t) -pn(x, t), -alpha)
  lower <- if (x == lo) 0 else solve(function(t) pn(x, t, TRUE), alpha)
  c(est, lower, upper)
}
fisher_cases <- list(
  tea_tasting = matrix(c(3, 1, 1, 3), 2),                    # Fisher's lady tasting tea (?fisher.test)
  convictions = matrix(c(2, 10, 15, 3), 2),                  # ?fisher.test: Convictions of like-sex twins
  mtcars_vs_am = unclass(table(mtcars$vs, mtcars$am)),
  infert_case_spontaneous = unclass(table(infert$case, infert$spontaneous > 0)),
  esoph_young_alcohol = matrix(c(sum(esoph$ncases[esoph$agegp %in% c("25-34", "35-44") & esoph$alcgp %in% c("80-119", "120+")]),
                                 sum(esoph$ncases[esoph$agegp %in% c("25-34", "35-44") & esoph$alcgp %in% c("0-39g/day", "40-79")]),
                                 sum(esoph$ncontrols[esoph$agegp %in% c("25-34", "35-44") & esoph$alcgp %in% c("80-119", "120+")]),
                                 sum(esoph$ncontrols[esoph$agegp %in% c("25-34", "35-44") & esoph$alcgp %in% c("0-39g/day", "40-79")])), 2),
  zero_cell = matrix(c(0, 5, 6, 2), 2),
  corner_hi = matrix(c(7, 0, 2, 5), 2),
  large = matrix(c(120, 90, 80, 110), 2),
  lopsided = matrix(c(1, 40, 30, 2), 2),
  nearly_separated = matrix(c(54, 4, 1, 45), 2))                # once broke MathNet's symmetric bracket expansion
for (nm in names(fisher_cases)) {
  tab <- fisher_cases[[nm]]
  r <- fisher.test(tab)
  t <- fisher_tight(tab)
  case <- paste0("fisher_", nm)
  put(case, "a", tab[1, 1]); put(case, "b", tab[1, 2]); put(case, "c", tab[2, 1]); put(case, "d", tab[2, 2])
  put(case, "p_value", r$p.value); put(case, "estimate", r$estimate)
  put(case, "lower", r$conf.int[1]); put(case, "upper", r$conf.int[2])
  put(case, "tight_estimate", t[1]); put(case, "tight_lower", t[2]); put(case, "tight_upper", t[3])
}

# ---- Mann-Whitney / Wilcoxon rank-sum: wilcox.test(x, y, ...) ----
set.seed(7)
ex_x <- round(rnorm(8, 10, 2), 6); ex_y <- round(rnorm(11, 12, 2), 6)      # no ties: exact
set.seed(8)
ex2_x <- round(rexp(5), 6); ex2_y <- round(rexp(4, 0.3), 6)
set.seed(9)
big_x <- round(rnorm(60, 0, 1), 1); big_y <- round(rnorm(75, 0.4, 1), 1)    # rounded: many ties
mw_cases <- list(
  sleep_extra = list(sleep$extra[sleep$group == 1], sleep$extra[sleep$group == 2]),
  mtcars_mpg_by_am = list(mtcars$mpg[mtcars$am == 0], mtcars$mpg[mtcars$am == 1]),
  toothgrowth_len_by_supp = list(ToothGrowth$len[ToothGrowth$supp == "OJ"], ToothGrowth$len[ToothGrowth$supp == "VC"]),
  seeded_noties_8v11 = list(ex_x, ex_y),
  seeded_noties_5v4 = list(ex2_x, ex2_y),
  seeded_ties_60v75 = list(big_x, big_y))
for (nm in names(mw_cases)) {
  x <- mw_cases[[nm]][[1]]; y <- mw_cases[[nm]][[2]]
  case <- paste0("mw_", nm)
  sample_in(case, "x", x); sample_in(case, "y", y)
  r <- suppressWarnings(wilcox.test(x, y, correct = TRUE, exact = FALSE))
  put(case, "W", r$statistic); put(case, "p_normal_cc", r$p.value)
  r <- suppressWarnings(wilcox.test(x, y, correct = FALSE, exact = FALSE))
  put(case, "p_normal", r$p.value)
  if (!any(duplicated(c(x, y)))) {
    r <- wilcox.test(x, y, exact = TRUE)
    put(case, "p_exact", r$p.value)
  }
}

# ---- p.adjust(p, "BH") and p.adjust(p, "holm"), NA kept in place ----
set.seed(11)
pv <- c(runif(20)^3, 0.01, 0.01, 0.04, NA, 1, 0)
sample_in("padjust_seeded", "p", pv)
for (m in c("BH", "holm")) {
  a <- p.adjust(pv, m)
  for (i in seq_along(a)) put(paste0("padjust_seeded_", m), sprintf("%02d", i), a[i])
}
# ToothGrowth: t-test p-values of len by supp within each dose, as a small real family.
tg <- sapply(c(0.5, 1, 2), function(d) t.test(len ~ supp, data = ToothGrowth[ToothGrowth$dose == d, ])$p.value)
sample_in("padjust_toothgrowth", "p", tg)
for (m in c("BH", "holm")) {
  a <- p.adjust(tg, m)
  for (i in seq_along(a)) put(paste0("padjust_toothgrowth_", m), sprintf("%02d", i), a[i])
}

# ---- power.prop.test (two-sided, strict = FALSE), solved with tol = 1e-12 ----
pw <- list(c(0.50, 0.75, 0.05, 0.90), c(0.20, 0.30, 0.05, 0.80), c(0.10, 0.12, 0.01, 0.90), c(0.40, 0.25, 0.05, 0.80))
for (v in pw) {
  case <- sprintf("power_n_p1%g_p2%g_a%g_pow%g", v[1], v[2], v[3], v[4])
  put(case, "n", power.prop.test(p1 = v[1], p2 = v[2], sig.level = v[3], power = v[4], tol = 1e-12)$n)
}
for (v in list(c(50, 0.5, 0.75, 0.05), c(300, 0.2, 0.3, 0.05), c(1000, 0.1, 0.12, 0.01))) {
  case <- sprintf("power_power_n%g_p1%g_p2%g_a%g", v[1], v[2], v[3], v[4])
  put(case, "power", power.prop.test(n = v[1], p1 = v[2], p2 = v[3], sig.level = v[4], tol = 1e-12)$power)
}
for (v in list(c(50, 0.5, 0.05, 0.9), c(400, 0.2, 0.05, 0.8), c(2000, 0.1, 0.01, 0.9))) {
  case <- sprintf("power_p2_n%g_p1%g_a%g_pow%g", v[1], v[2], v[3], v[4])
  put(case, "p2", power.prop.test(n = v[1], p1 = v[2], sig.level = v[3], power = v[4], tol = 1e-12)$p2)
}

# ---- Empirical-Bayes beta-binomial: maximum marginal likelihood by optim(BFGS) ----
set.seed(2024)
segs <- 24
n <- c(3, 100, sample(5:400, segs - 2, replace = TRUE))
x <- c(3, 80, rbinom(segs - 2, n[-(1:2)], rbeta(segs - 2, 8, 24)))
sample_in("shrink_seeded", "successes", x); sample_in("shrink_seeded", "n", n)
nll <- function(th) { a <- exp(th[1]); b <- exp(th[2]); -sum(lbeta(x + a, n - x + b) - lbeta(a, b)) }
grad <- function(th) { a <- exp(th[1]); b <- exp(th[2])
  ga <- sum(digamma(x + a) - digamma(n + a + b) - digamma(a) + digamma(a + b))
  gb <- sum(digamma(n - x + b) - digamma(n + a + b) - digamma(b) + digamma(a + b))
  -c(ga * a, gb * b) }
fit <- optim(c(log(2), log(6)), nll, grad, method = "BFGS", control = list(reltol = 1e-16, maxit = 10000))
# Polish with Newton steps (Hessian from optimHess) until the gradient vanishes: the oracle must be tight.
for (i in 1:10) fit$par <- fit$par - solve(optimHess(fit$par, nll, grad), grad(fit$par))
cat("beta-binomial max abs gradient:", max(abs(grad(fit$par))), "\n")
stopifnot(fit$convergence == 0, max(abs(grad(fit$par))) < 1e-9)
a <- exp(fit$par[1]); b <- exp(fit$par[2])
put("shrink_seeded", "alpha", a); put("shrink_seeded", "beta", b)
for (i in seq_along(x)) {
  put("shrink_seeded", sprintf("shrunk_%02d", i), (x[i] + a) / (n[i] + a + b))
  put("shrink_seeded", sprintf("lower_%02d", i), qbeta(0.025, x[i] + a, n[i] - x[i] + b))
  put("shrink_seeded", sprintf("upper_%02d", i), qbeta(0.975, x[i] + a, n[i] - x[i] + b))
}

# ---- Segment scan: each segment against the rest, prop.test (correct = TRUE), then p.adjust(BH) ----
# Same segments as the shrinkage case. A segment is tested only when every expected count n*p, n*(1-p)
# (p pooled over segment and rest) is at least 5, the default guard; the others stay NA and are not counted.
X <- sum(x); N <- sum(n)
scan_p <- sapply(seq_along(x), function(i) {
  xi <- c(x[i], X - x[i]); ni <- c(n[i], N - n[i]); p <- X / N
  if (min(ni * p, ni * (1 - p)) < 5) return(NA)
  prop.test(xi, ni, correct = TRUE)$p.value
})
scan_adj <- p.adjust(scan_p, "BH")
for (i in seq_along(x)) {
  put("scan_seeded", sprintf("p_%02d", i), scan_p[i]); put("scan_seeded", sprintf("adjusted_%02d", i), scan_adj[i])
}

write.csv(do.call(rbind, out), "reference_r.csv", row.names = FALSE, quote = FALSE)
write.csv(do.call(rbind, inp), "inputs.csv", row.names = FALSE, quote = FALSE)
cat("wrote reference_r.csv and inputs.csv\n")
