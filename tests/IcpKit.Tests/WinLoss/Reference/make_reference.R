# Reference numbers for tests/IcpKit.Tests/WinLoss (R 4.2.2). Run: Rscript make_reference.R > reference.txt
# The tests embed these numbers; this script and its output are committed beside them.
options(digits = 15)

# Loss reasons by segment: rows = segments, columns = reasons (including "(blank)" and "other").
loss <- matrix(c(
  12, 30,  7,  9, 4,
  25, 11, 14,  6, 3,
   5,  8, 20, 10, 2,
  40, 35, 30, 22, 9), nrow = 4, byrow = TRUE,
  dimnames = list(c("fintech", "software", "education", "retail"),
                  c("no_budget", "competitor", "missing_feature", "(blank)", "other")))
t <- suppressWarnings(chisq.test(loss, correct = FALSE))
cat("chisq_loss_statistic", t$statistic, "\n")
cat("chisq_loss_df", t$parameter, "\n")
cat("chisq_loss_p", t$p.value, "\n")
cat("chisq_loss_small_expected_share", mean(t$expected < 5), "\n")

# 2x2 example of the ChiSquareTest remarks.
t2 <- chisq.test(matrix(c(10, 20, 30, 40), nrow = 2, byrow = TRUE), correct = FALSE)
cat("chisq_2x2_statistic", t2$statistic, "\n")
cat("chisq_2x2_p", t2$p.value, "\n")

# Win rate trend over quarters with a gap (score 3 has no deals).
won    <- c(3, 5, 9, 12, 15)
closed <- c(30, 32, 35, 33, 31)
score  <- c(0, 1, 2, 4, 5)
tt <- prop.trend.test(won, closed, score)
cat("trend_statistic", tt$statistic, "\n")
cat("trend_p", tt$p.value, "\n")
freq <- won / closed; p <- sum(won) / sum(closed)
fit <- lm(freq ~ score, weights = closed / p / (1 - p))
cat("trend_slope", coef(fit)[["score"]], "\n")

# A flat series: no trend.
tf <- prop.trend.test(c(10, 11, 9, 10), c(40, 41, 39, 40))
cat("flat_trend_statistic", tf$statistic, "\n")
cat("flat_trend_p", tf$p.value, "\n")
