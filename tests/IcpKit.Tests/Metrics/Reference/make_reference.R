# Restricted mean survival (R's print(survfit(...), rmean = tau)) of ltv_customers.csv, per group and pooled, at the
# lifetime-value horizons of 24 and 36 months (tau = months x 365.25 / 12 days). R 4.2.2, survival 3.5.3.
# Rscript make_reference.R   (writes rmst_reference.csv)
library(survival)
d <- read.csv("ltv_customers.csv", colClasses = c(churned_on = "character"))
as_of <- as.Date("2026-09-30")
since <- as.Date(d$customer_since)
churned <- ifelse(d$churned_on == "", NA, d$churned_on)
end <- as.Date(ifelse(is.na(churned), as.character(as_of), churned))
d$days <- as.numeric(end - since)
d$event <- as.integer(!is.na(churned))
out <- data.frame()
for (months in c(24, 36)) {
  tau <- months * 365.25 / 12
  for (g in c("all", "ICP", "non-ICP")) {
    sub <- if (g == "all") d else d[d$group == g, ]
    fit <- survfit(Surv(days, event) ~ 1, data = sub)
    tab <- summary(fit, rmean = tau)$table
    out <- rbind(out, data.frame(group = g, months = months, tau = tau, n = nrow(sub),
                                 mean_mrr = mean(sub$mrr), rmean = unname(tab["rmean"]), se = unname(tab["se(rmean)"])))
  }
}
write.csv(out, "rmst_reference.csv", row.names = FALSE, quote = FALSE)
print(format(out, digits = 12))
