# Reference values for tests/survey/reference_test.cc on data nobody here made: the NHANES subset
# shipped with R's survey package (data(nhanes): 8,591 people, 15 strata x 2 PSUs, examination
# weights of 0 for those not examined, HI_CHOL missing for many). Debian r-cran-survey 4.1-1.
# Run from this folder:  Rscript nhanes.R  (writes nhanes.csv and nhanes_reference.csv).
suppressMessages(library(survey))
data(nhanes)
nhanes$agecat <- as.integer(nhanes$agecat)  # 1 (0,19], 2 (19,39], 3 (39,59], 4 (59,Inf]
write.csv(nhanes, "nhanes.csv", row.names = FALSE, na = "")
d <- read.csv("nhanes.csv")  # the numbers exactly as the test reads them
d$race_agecat <- paste(d$race, d$agecat, sep = "*")
des <- svydesign(ids = ~SDMVPSU, strata = ~SDMVSTRA, weights = ~WTMEC2YR, data = d, nest = TRUE)
doms <- list(list(name = "total", code = "", keep = rep(TRUE, nrow(d))))
for (v in c("race", "agecat", "RIAGENDR", "race_agecat")) {
  for (code in sort(unique(d[[v]]))) {
    doms[[length(doms) + 1]] <- list(name = sub("race_agecat", "race*agecat", v),
                                     code = as.character(code), keep = d[[v]] == code)
  }
}
rows <- list()
for (dom in doms) {
  for (rule in c("universe", "domain", "design")) {
    sub <- if (rule == "universe") subset(des, dom$keep) else subset(des, dom$keep & !is.na(d$HI_CHOL))
    df <- if (rule == "design") degf(des) else degf(sub)
    m <- svymean(~HI_CHOL, sub, na.rm = TRUE, deff = "replace")
    ci_logit <- svyciprop(~HI_CHOL, sub, method = "logit", level = 0.95, df = df)
    ci_wald <- confint(m, level = 0.95)
    ok <- !is.na(sub$variables$HI_CHOL) & weights(sub) > 0
    rows[[length(rows) + 1]] <- data.frame(
      policy = "fail", df_rule = rule, indicator = "HI_CHOL", domain = dom$name, code = dom$code,
      n = sum(ok), n_weighted = sum(weights(sub)[ok]),
      estimate = unname(coef(m)), se = unname(SE(m)), deff = unname(deff(m)), df = df,
      logit_low = attr(ci_logit, "ci")[1], logit_high = attr(ci_logit, "ci")[2],
      wald_low = ci_wald[1], wald_high = ci_wald[2])
  }
}
out <- do.call(rbind, rows)
write.csv(format(out, digits = 17), "nhanes_reference.csv", row.names = FALSE, quote = TRUE)
