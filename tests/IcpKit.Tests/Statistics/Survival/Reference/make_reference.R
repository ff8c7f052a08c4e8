# Reference values for IcpKit's survival engine, computed with R's survival package.
# Run from this folder:  Rscript make_reference.R   (R 4.2.2, survival 3.5.3)
# Writes the input data (data_<name>.csv: time,event,group) and long-format result tables that the
# C# tests read; the tests never need R. Numbers are written with 17 significant digits; NA stays "NA".
suppressMessages(library(survival))
options(digits = 17)

w <- function(df, file) write.csv(df, file, row.names = FALSE, quote = FALSE, na = "NA")
fmt <- function(x) sprintf("%.17g", x)  # per value, full precision; NA -> "NA"

# --- datasets: public ones from survival, plus seeded generated data with many ties -------------
sets <- list()
sets$lung <- data.frame(time = lung$time, event = lung$status == 2,
                        group = ifelse(lung$sex == 1, "male", "female"))
sets$aml <- data.frame(time = aml$time, event = aml$status == 1, group = as.character(aml$x))
sets$veteran <- data.frame(time = veteran$time, event = veteran$status == 1,
                           group = as.character(veteran$celltype))
sets$ovarian <- data.frame(time = ovarian$futime, event = ovarian$fustat == 1,
                           group = paste0("rx", ovarian$rx))
set.seed(20261126)
n <- 400
g <- sample(c("a", "b", "c"), n, replace = TRUE)
rate <- c(a = 0.10, b = 0.14, c = 0.07)[g]
ev <- ceiling(rexp(n, rate))          # whole days: many ties between events
cens <- ceiling(runif(n, 1, 30))      # and ties between events and censorings
sets$generated <- data.frame(time = pmin(ev, cens), event = ev <= cens, group = g)
# tiny hand-made data where S sits exactly at 0.5 (pooled: after 5 of 10 deaths), so the median is the
# midpoint of that time and the next drop, print.survfit's rule
sets$halfway <- data.frame(time = 1:10, event = c(rep(TRUE, 8), FALSE, FALSE),
                           group = rep(c("a", "b"), 5))

# larger continuous data (no ties) to catch drift in the running products and sums; its step table is
# not written (it would be thousands of rows), everything else is
set.seed(4)
n <- 3000
g <- sample(c("x", "y"), n, replace = TRUE)
ev <- rweibull(n, shape = 1.3, scale = ifelse(g == "x", 400, 520))
cens <- runif(n, 50, 900)
sets$large <- data.frame(time = pmin(ev, cens), event = ev <= cens, group = g)

# horizon for restricted mean survival: at most the smallest per-group last time (survRM2's rule)
taus <- c(lung = 365, aml = 40, veteran = 180, ovarian = 700, generated = 20, halfway = 8, large = 600)
# times for summary(fit, times = ...) and the at-risk table
at_times <- list(lung = c(0, 100, 200, 365, 500, 730, 1100), aml = c(0, 5, 10, 20, 30, 48, 200),
                 veteran = c(0, 30, 90, 180, 365, 999, 2000), ovarian = c(0, 100, 365, 500, 1000, 1300),
                 generated = c(0, 1, 5, 10, 15, 30, 40), halfway = c(0, 3, 5, 8, 12),
                 large = c(0, 100, 250.5, 400, 800, 1000))

km <- list(); med <- list(); at <- list(); sd_rows <- list(); sd_var <- list()
rm <- list(); rmd <- list(); pw <- list()

steps <- function(fit, name, ct, grp) {
  s <- summary(fit, censored = TRUE)
  data.frame(dataset = name, group = grp, conf_type = ct, time = fmt(s$time), n_risk = s$n.risk,
             n_event = s$n.event, n_censor = s$n.censor, surv = fmt(s$surv), std_err = fmt(s$std.err),
             lower = fmt(s$lower), upper = fmt(s$upper))
}

for (name in names(sets)) {
  d <- sets[[name]]
  w(data.frame(time = fmt(d$time), event = ifelse(d$event, 1, 0), group = d$group),
    paste0("data_", name, ".csv"))
  groups <- sort(unique(d$group))
  for (ct in c("log-log", "plain", "log")) {
    # one fit per group (and "*" for everyone pooled): survfit(Surv(time, event) ~ 1, conf.type = ct)
    for (grp in c("*", groups)) {
      sub <- if (grp == "*") d else d[d$group == grp, ]
      fit <- survfit(Surv(time, event) ~ 1, data = sub, conf.type = ct)
      if (name != "large") km[[length(km) + 1]] <- steps(fit, name, ct, grp)
      # print(fit) columns: median, 0.95LCL, 0.95UCL
      tab <- summary(fit)$table
      med[[length(med) + 1]] <- data.frame(dataset = name, group = grp, conf_type = ct,
        n = tab[["records"]], events = tab[["events"]], median = fmt(tab[["median"]]),
        lower = fmt(tab[["0.95LCL"]]), upper = fmt(tab[["0.95UCL"]]))
      if (ct == "log-log") {
        s <- summary(fit, times = at_times[[name]], extend = TRUE)
        at[[length(at) + 1]] <- data.frame(dataset = name, group = grp, time = fmt(s$time),
          n_risk = s$n.risk, n_event = s$n.event, n_censor = s$n.censor, surv = fmt(s$surv),
          std_err = fmt(s$std.err), lower = fmt(s$lower), upper = fmt(s$upper))
        # print(fit, rmean = tau): restricted mean and its standard error
        rt <- summary(fit, rmean = taus[[name]])$table
        rm[[length(rm) + 1]] <- data.frame(dataset = name, group = grp, tau = taus[[name]],
          rmean = fmt(rt[["rmean"]]), se = fmt(rt[["se(rmean)"]]))
      }
    }
  }
  # survdiff(Surv(time, event) ~ group): chi-square on k-1 df from the variance matrix
  sdf <- survdiff(Surv(time, event) ~ group, data = d)
  lv <- sub("^group=", "", names(sdf$n))
  sd_rows[[length(sd_rows) + 1]] <- data.frame(dataset = name, group = lv, n = as.vector(sdf$n),
    observed = fmt(sdf$obs), expected = fmt(sdf$exp), chisq = fmt(sdf$chisq),
    df = length(lv) - 1, p = fmt(sdf$pvalue))
  for (i in seq_along(lv)) for (j in seq_along(lv))
    sd_var[[length(sd_var) + 1]] <- data.frame(dataset = name, group_i = lv[i], group_j = lv[j],
                                               v = fmt(sdf$var[i, j]))
  # pairwise log-rank (survminer::pairwise_survdiff's approach): survdiff on each pair's subset,
  # then p.adjust over all pairs with Holm and BH
  if (length(lv) > 2) {
    pr <- combn(lv, 2)
    ps <- apply(pr, 2, function(p) {
      s <- survdiff(Surv(time, event) ~ group, data = d[d$group %in% p, ])
      c(s$chisq, s$pvalue)
    })
    pw[[length(pw) + 1]] <- data.frame(dataset = name, group_a = pr[1, ], group_b = pr[2, ],
      chisq = fmt(ps[1, ]), p = fmt(ps[2, ]), p_holm = fmt(p.adjust(ps[2, ], "holm")),
      p_bh = fmt(p.adjust(ps[2, ], "BH")))
  }
  # RMST difference between the first two groups (survRM2::rmst2's definition:
  # diff = rmst_b - rmst_a, se = sqrt(var_a + var_b), 95% normal CI, two-sided normal p)
  ra <- summary(survfit(Surv(time, event) ~ 1, data = d[d$group == groups[1], ]), rmean = taus[[name]])$table
  rb <- summary(survfit(Surv(time, event) ~ 1, data = d[d$group == groups[2], ]), rmean = taus[[name]])$table
  diff <- rb[["rmean"]] - ra[["rmean"]]
  se <- sqrt(ra[["se(rmean)"]]^2 + rb[["se(rmean)"]]^2)
  z <- qnorm(0.975)
  rmd[[length(rmd) + 1]] <- data.frame(dataset = name, group_a = groups[1], group_b = groups[2],
    tau = taus[[name]], diff = fmt(diff), se = fmt(se), lower = fmt(diff - z * se),
    upper = fmt(diff + z * se), p = fmt(2 * pnorm(-abs(diff / se))))
}

w(do.call(rbind, km), "km_steps.csv")
w(do.call(rbind, med), "km_median.csv")
w(do.call(rbind, at), "km_at_times.csv")
w(do.call(rbind, sd_rows), "survdiff.csv")
w(do.call(rbind, sd_var), "survdiff_var.csv")
w(do.call(rbind, pw), "pairwise_survdiff.csv")
w(do.call(rbind, rm), "rmst.csv")
w(do.call(rbind, rmd), "rmst_diff.csv")

# --- events and subjects for a log-rank comparison (Hmisc/survRM2/powerSurvEpi are not installed, so
# the published formulas are computed here directly) -------------------------------------------------
# Schoenfeld (1983): D = (z_{1-a/2} + z_{power})^2 / (p (1-p) log(HR)^2), p = share in treatment arm.
# Freedman (1982), as powerSurvEpi::ssizeCT.default: D = ((k HR + 1) / (HR - 1))^2 (z_a + z_b)^2 / k,
#   k = n_treatment / n_control. Subjects: n_control = D / (k pE + pC), n_treatment = k n_control.
grid <- expand.grid(hr = c(0.5, 0.7, 0.8, 1.5), alpha = c(0.05, 0.01), power = c(0.8, 0.9),
                    k = c(1, 2, 0.5), pC = c(0.3, 0.6))
grid$pE <- pmin(1, 1 - (1 - grid$pC)^grid$hr)  # event probability under proportional hazards
za <- qnorm(1 - grid$alpha / 2); zb <- qnorm(grid$power)
p <- grid$k / (1 + grid$k)
grid$events_schoenfeld <- (za + zb)^2 / (p * (1 - p) * log(grid$hr)^2)
grid$events_freedman <- ((grid$k * grid$hr + 1) / (grid$hr - 1))^2 * (za + zb)^2 / grid$k
w(data.frame(hr = grid$hr, alpha = grid$alpha, power = grid$power, k = grid$k, p_control = fmt(grid$pC),
             p_treatment = fmt(grid$pE), events_schoenfeld = fmt(grid$events_schoenfeld),
             events_freedman = fmt(grid$events_freedman)), "logrank_power.csv")
