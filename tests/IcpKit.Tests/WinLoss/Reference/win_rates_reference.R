# Reference values for WinRatesTests.By_Rates_MatchR: the hand-made deals of WinRatesTests.Sample() by industry.
# Segments (won / closed): fintech 17/60 (A1 12/30 + A2 5/30), software 20/40, education 0/15, (missing) 1/1.
# Run: Rscript win_rates_reference.R   (R 4.x, base stats only). Output pasted into WinRatesTests with its digits.
x <- c(fintech = 17, software = 20, education = 0, missing = 1)
n <- c(fintech = 60, software = 40, education = 15, missing = 1)
options(digits = 15)
cat("# Wilson 95% (prop.test, no continuity correction)\n")
for (s in names(x)) { ci <- prop.test(x[s], n[s], correct = FALSE)$conf.int; cat(s, ci[1], ci[2], "\n") }
cat("# Each segment vs the rest, prop.test with continuity correction; tested only when every expected count >= 5\n")
p <- c()
for (s in names(x)) {
  rx <- sum(x) - x[s]; rn <- sum(n) - n[s]; pooled <- sum(x) / sum(n)
  e <- c(n[s] * pooled, n[s] * (1 - pooled), rn * pooled, rn * (1 - pooled))
  if (all(e >= 5)) p[s] <- prop.test(c(x[s], rx), c(n[s], rn), correct = TRUE)$p.value
}
print(p); cat("# BH\n"); print(p.adjust(p, "BH"))
cat("# Beta-binomial shrinkage by maximum marginal likelihood (as Statistics/Reference/make_reference.R)\n")
nll <- function(th) { a <- exp(th[1]); b <- exp(th[2]); -sum(lbeta(x + a, n - x + b) - lbeta(a, b)) }
grad <- function(th) { a <- exp(th[1]); b <- exp(th[2])
  da <- sum(digamma(x + a) - digamma(n + a + b) - digamma(a) + digamma(a + b))
  db <- sum(digamma(n - x + b) - digamma(n + a + b) - digamma(b) + digamma(a + b))
  -c(da * a, db * b) }
fit <- optim(c(log(2), log(6)), nll, grad, method = "BFGS", control = list(reltol = 1e-16, maxit = 10000))
for (i in 1:10) fit$par <- fit$par - solve(optimHess(fit$par, nll, grad), grad(fit$par))
a <- exp(fit$par[1]); b <- exp(fit$par[2]); cat("alpha", a, "beta", b, "\n")
print((x + a) / (n + a + b))
