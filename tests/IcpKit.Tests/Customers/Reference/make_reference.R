# Reference numbers for the revenue-concentration tests (RevenueConcentrationTests).
# Run from this folder: Rscript make_reference.R   (then /usr/bin/python3 make_reference.py cross-checks with numpy)
# ineq is not installed here, so Gini is ineq::Gini's own formula (corr = FALSE):
#   Gini(x) = sum((2 * seq_len(n) - n - 1) * sort(x)) / (n * sum(x))
# and the top shares are read off the Lorenz curve (0,0), (i/n, cumsum(sort(x))/sum(x)) with approx().
gini <- function(x) { x <- sort(x); n <- length(x); sum((2 * seq_len(n) - n - 1) * x) / (n * sum(x)) }
top_share <- function(x, f) {
  x <- sort(x); n <- length(x)
  1 - approx(c(0, seq_len(n) / n), c(0, cumsum(x) / sum(x)), xout = 1 - f)$y
}
accounts <- read.csv("../../../../data-samples/2026Q3/accounts.csv", stringsAsFactors = FALSE, na.strings = "")
as_of <- as.Date("2026-09-30")
since <- as.Date(accounts$customer_since); churned <- as.Date(accounts$churned_on)
active <- !is.na(since) & since <= as_of & (is.na(churned) | churned > as_of) & !is.na(accounts$mrr)
cases <- list(
  sample_2026Q3_active_mrr = accounts$mrr[active],
  equal_four = c(1, 1, 1, 1),
  one_pays_all_four = c(0, 0, 0, 10),
  ten_accounts = c(10, 20, 30, 40, 50, 60, 70, 80, 90, 1000),
  fifteen_accounts = c(5, 1, 4, 2, 3, 8, 6, 7, 9, 10, 12, 11, 15, 14, 13)
)
out <- do.call(rbind, lapply(names(cases), function(k) {
  x <- cases[[k]]
  data.frame(case = k, n = length(x), total = sum(x), gini = gini(x), top10 = top_share(x, 0.1), top20 = top_share(x, 0.2))
}))
write.csv(out, "concentration_r.csv", row.names = FALSE, quote = FALSE)
print(format(out, digits = 15))
