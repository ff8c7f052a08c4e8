# Reference values for IcpKit's competing-risks engine (cumulative incidence, Gray's test) and the won-deal
# cycle comparison, computed with R's cmprsk and survival packages.
# Run from this folder:  Rscript make_competing_reference.R   (R 4.2.2, cmprsk 2.2-11, survival 3.5.3)
# Writes the input data (cr_data_<name>.csv: time,cause,group with cause 0 = censored, 1 = won, 2 = lost) and
# result tables the C# tests read; the tests never need R. Numbers have 17 significant digits; NA stays "NA".
suppressMessages({ library(survival); library(cmprsk) })
options(digits = 17)
w <- function(df, file) write.csv(df, file, row.names = FALSE, quote = FALSE, na = "NA")
fmt <- function(x) sprintf("%.17g", x)

sets <- list()
# deals in whole days: many ties between wins, losses and open deals (censored at as_of)
set.seed(20261201)
n <- 300
g <- sample(c("icp", "rest"), n, replace = TRUE, prob = c(0.4, 0.6))
win <- ceiling(rgamma(n, shape = 3, rate = ifelse(g == "icp", 3 / 55, 3 / 85)))
lose <- ceiling(rexp(n, ifelse(g == "icp", 1 / 120, 1 / 60)))
open <- ceiling(runif(n, 5, 250))
t <- pmin(win, lose, open)
cause <- ifelse(t == open & open < pmin(win, lose), 0, ifelse(win <= lose, 1, 2))
sets$deals <- data.frame(time = t, cause = cause, group = g)
# three groups, continuous times (no ties)
set.seed(7)
n <- 240
g <- sample(c("a", "b", "c"), n, replace = TRUE)
e1 <- rexp(n, c(a = 0.02, b = 0.03, c = 0.015)[g])
e2 <- rexp(n, 0.015)
cz <- runif(n, 10, 150)
t <- round(pmin(e1, e2, cz), 6)  # written and read back exactly
sets$three <- data.frame(time = t, cause = ifelse(pmin(e1, e2, cz) == cz, 0, ifelse(e1 < e2, 1, 2)), group = g)
# tiny hand-checkable set: 8 subjects, one group
sets$tiny <- data.frame(time = c(2, 3, 3, 5, 6, 8, 9, 12), cause = c(1, 2, 0, 1, 1, 2, 0, 1), group = "all")

ci_rows <- list(); gray_rows <- list(); ms_rows <- list()
for (name in names(sets)) {
  d <- sets[[name]]
  w(d, paste0("cr_data_", name, ".csv"))
  ng <- length(unique(d$group))
  fit <- if (ng > 1) cuminc(d$time, d$cause, d$group, cencode = 0) else cuminc(d$time, d$cause, cencode = 0)
  tests <- if (ng > 1) fit$Tests else NULL
  for (nm in setdiff(names(fit), "Tests")) {
    # names are "<group> <cause>"; without groups cuminc names them "1 <cause>"
    parts <- strsplit(nm, " ")[[1]]
    grp <- if (ng > 1) parts[1] else "all"
    cz <- parts[2]
    f <- fit[[nm]]
    # the step corners: keep the value after each jump (even positions) and the last row
    k <- seq(3, length(f$time) - 1, by = 2)
    if (length(f$time) < 3) next
    # the pointwise 95% band on log(-log F), the transform IcpKit uses (limits stay inside (0, 1))
    se <- sqrt(f$var[k]) / (f$est[k] * log(f$est[k]))
    ci_rows[[length(ci_rows) + 1]] <- data.frame(dataset = name, group = grp, cause = cz,
      time = fmt(f$time[k]), est = fmt(f$est[k]), var = fmt(f$var[k]),
      lower = fmt(f$est[k]^exp(-qnorm(0.975) * se)), upper = fmt(f$est[k]^exp(qnorm(0.975) * se)))
  }
  if (!is.null(tests)) {
    for (cz in rownames(tests))
      gray_rows[[length(gray_rows) + 1]] <- data.frame(dataset = name, cause = cz,
        stat = fmt(tests[cz, "stat"]), p = fmt(tests[cz, "pv"]), df = tests[cz, "df"])
  }
  # Aalen-Johansen through survfit's multi-state status: the same estimates, a second oracle
  ms <- survfit(Surv(time, factor(cause, 0:2, c("censor", "won", "lost"))) ~ group, data = d)
  s <- summary(ms)
  grp <- if (is.null(s$strata)) "all" else sub("^group=", "", as.character(s$strata))
  ms_rows[[length(ms_rows) + 1]] <- data.frame(dataset = name, group = grp, time = fmt(s$time),
    won = fmt(s$pstate[, which(s$states == "won")]), lost = fmt(s$pstate[, which(s$states == "lost")]))
}
w(do.call(rbind, ci_rows), "cr_cuminc.csv")
w(do.call(rbind, gray_rows), "cr_gray.csv")
w(do.call(rbind, ms_rows), "cr_multistate.csv")

# won-deal days to close on the deals set: medians and Mann-Whitney (wilcox.test, normal with correction)
d <- sets$deals
won_icp <- d$time[d$cause == 1 & d$group == "icp"]
won_rest <- d$time[d$cause == 1 & d$group == "rest"]
wt <- suppressWarnings(wilcox.test(won_icp, won_rest))
w(data.frame(dataset = "deals", n_icp = length(won_icp), n_rest = length(won_rest),
  median_icp = fmt(median(won_icp)), median_rest = fmt(median(won_rest)),
  W = fmt(unname(wt$statistic)), p = fmt(wt$p.value)), "cr_won_days.csv")
