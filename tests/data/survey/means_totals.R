# Reference values of means and totals for tests/survey/reference_test.cc from R's survey package
# (Debian r-cran-survey 4.1-1): svymean / svytotal with deff = "replace" and confint() on the df
# of each rule. Run from this folder:  Rscript means_totals.R  (writes means_totals.csv).
suppressMessages(library(survey))
d <- read.csv("vacs_small.csv")
na_codes <- function(x, codes) { x[x %in% codes] <- NA; x }
for (v in grep("^sv_", names(d), value = TRUE)) d[[v]] <- na_codes(d[[v]], c(8, 9))
d$age <- na_codes(d$age, c(98, 99))
d$M1_u <- d$sv_any12m == 1
d$M1_y <- d$age
d$T1_u <- d$age >= 13 & d$age <= 17
d$T1_y <- as.numeric(d$sv_any12m == 1)
d$T2_u <- d$sex == 2
d$T2_y <- d$age
des <- svydesign(ids = ~cluster, strata = ~strata, weights = ~sampleweight, data = d, nest = TRUE)
domains <- list(M1 = c("sex", "region"), T1 = c("sex", "region"), T2 = c("region"))
statistic <- c(M1 = "mean", T1 = "total", T2 = "total")
rows <- list()
options(survey.lonely.psu = "adjust")
for (ind in names(domains)) {
  u <- d[[paste0(ind, "_u")]]
  u[is.na(u)] <- FALSE
  y <- paste0(ind, "_y")
  f <- as.formula(paste0("~", y))
  doms <- list(list(name = "total", code = "", keep = rep(TRUE, nrow(d))))
  for (v in domains[[ind]]) {
    for (code in sort(unique(d[[v]][!is.na(d[[v]])]))) {
      doms[[length(doms) + 1]] <- list(name = v, code = as.character(code), keep = d[[v]] == code)
    }
  }
  for (dom in doms) {
    keep <- u & dom$keep
    keep[is.na(keep)] <- FALSE
    if (!any(keep)) next
    for (rule in c("universe", "domain", "design")) {
      sub <- if (rule == "universe") subset(des, keep) else subset(des, keep & !is.na(d[[y]]))
      df <- if (rule == "design") degf(des) else degf(sub)
      m <- if (statistic[[ind]] == "mean") svymean(f, sub, na.rm = TRUE, deff = "replace")
           else svytotal(f, sub, na.rm = TRUE, deff = "replace")
      ci <- confint(m, level = 0.95, df = df)
      ok <- !is.na(sub$variables[[y]])
      rows[[length(rows) + 1]] <- data.frame(
        policy = "adjust", df_rule = rule, indicator = ind, domain = dom$name, code = dom$code,
        n = sum(ok), n_weighted = sum(weights(sub)[ok]),
        estimate = unname(coef(m)), se = unname(SE(m)), deff = unname(deff(m)), df = df,
        logit_low = ci[1], logit_high = ci[2], wald_low = ci[1], wald_high = ci[2])
    }
  }
}
out <- do.call(rbind, rows)
write.csv(format(out, digits = 17), "means_totals.csv", row.names = FALSE, quote = TRUE)
