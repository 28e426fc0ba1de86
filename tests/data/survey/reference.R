# Reference values for tests/survey/reference_test.cc from R's survey package (Debian
# r-cran-survey 4.1-1). Run from this folder:  Rscript reference.R  (writes reference.csv).
# vacs_small.csv was made by: make-survey --layout vacs --rows 1500 --seed 7
suppressMessages(library(survey))
d <- read.csv("vacs_small.csv")
na_codes <- function(x, codes) { x[x %in% codes] <- NA; x }
for (v in grep("^sv_|^pv", names(d), value = TRUE)) d[[v]] <- na_codes(d[[v]], c(8, 9))
for (v in c("sought_help", "received_help")) d[[v]] <- na_codes(d[[v]], c(8, 9))
d$age <- na_codes(d$age, c(98, 99))
# R's | and & follow the same three-valued logic as the recipe language.
d$A_u <- d$age >= 18 & d$age <= 24
d$A_y <- as.numeric(d$sv_touch18 == 1 | d$sv_attempt18 == 1 | d$sv_forced18 == 1 |
                    d$sv_coerced18 == 1)
d$B_u <- d$age >= 13 & d$age <= 17
d$B_y <- as.numeric(d$sv_any12m == 1)
d$C_u <- d$age >= 13 & d$age <= 17 & (d$pv12m == 1 | d$sv_any12m == 1)
d$C_y <- as.numeric(ifelse(d$sought_help == 2, 0, d$received_help == 1))
d$sex_urban <- paste(d$sex, d$urban, sep = "*")
des <- svydesign(ids = ~cluster, strata = ~strata, weights = ~sampleweight, data = d, nest = TRUE)
domains <- list(A = c("sex", "region", "sex_urban"), B = c("sex", "region"), C = c("sex", "urban"))
# The three df rules (docs/statistics.md, "Degrees of freedom"): "universe" keeps the rows whose
# numerator is missing in the subset, "domain" drops them, "design" uses the whole design's df.
rows <- list()
for (policy in c("adjust", "remove", "certainty", "average")) {
  options(survey.lonely.psu = policy)
  for (ind in names(domains)) {
    u <- d[[paste0(ind, "_u")]]
    u[is.na(u)] <- FALSE
    y <- paste0(ind, "_y")
    doms <- list(list(name = "total", code = "", keep = rep(TRUE, nrow(d))))
    for (v in domains[[ind]]) {
      for (code in sort(unique(d[[v]][!is.na(d[[v]])]))) {
        doms[[length(doms) + 1]] <- list(name = sub("sex_urban", "sex*urban", v),
                                         code = as.character(code), keep = d[[v]] == code)
      }
    }
    for (dom in doms) {
      keep <- u & dom$keep
      keep[is.na(keep)] <- FALSE
      f <- as.formula(paste0("~", y))
      for (rule in c("universe", "domain", "design")) {
        sub <- if (rule == "universe") subset(des, keep) else subset(des, keep & !is.na(d[[y]]))
        df <- if (rule == "design") degf(des) else degf(sub)
        m <- svymean(f, sub, na.rm = TRUE, deff = "replace")
        ci_logit <- svyciprop(f, sub, method = "logit", level = 0.95, df = df)
        ci_wald <- confint(m, level = 0.95)
        ok <- !is.na(sub$variables[[y]])
        rows[[length(rows) + 1]] <- data.frame(
          policy = policy, df_rule = rule, indicator = ind, domain = dom$name, code = dom$code,
          n = sum(ok), n_weighted = sum(weights(sub)[ok]),
          estimate = unname(coef(m)), se = unname(SE(m)), deff = unname(deff(m)), df = df,
          logit_low = attr(ci_logit, "ci")[1], logit_high = attr(ci_logit, "ci")[2],
          wald_low = ci_wald[1], wald_high = ci_wald[2])
      }
    }
  }
}
out <- do.call(rbind, rows)
write.csv(format(out, digits = 17), "reference.csv", row.names = FALSE, quote = TRUE)
