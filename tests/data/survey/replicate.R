# Reference values for replicate-weight designs (tests/survey/replicate_reference_test.cc), from
# R's survey package (Debian r-cran-survey 4.1-1): svrepdesign() of every type, svymean /
# svytotal with deff = "replace", svyciprop(method = "logit") and confint() under each df rule.
# The data: 1,050 people of R survey's own NHANES subset (35 per PSU, 15 strata x 2 PSUs, without
# stratum 86's third PSU; zero weights, HI_CHOL missing for some), with replicate weights made by as.svrepdesign():
#   jk1..jk30    JKn, combined with the sampling weight (weight x factor, 10 significant digits)
#   brr1..brr16  BRR factors (0 or 2), fay1..fay16 Fay factors (rho 0.5), bs1..bs20 bootstrap
#                counts, each to be multiplied by the sampling weight (combined.weights = FALSE)
# The other types reuse those columns with their own scale and rscales (R does not check which
# scheme made the weights). Run from this folder:  Rscript replicate.R
# (writes replicate.csv and replicate_reference.csv).
suppressMessages(library(survey))
data(nhanes)
nhanes$agecat <- as.integer(nhanes$agecat)
nhanes <- nhanes[nhanes$SDMVPSU != 3, ]  # stratum 86's third PSU: BRR needs two per stratum
set.seed(20261206)
psu_key <- paste(nhanes$SDMVSTRA, nhanes$SDMVPSU)
keep <- unlist(lapply(split(seq_len(nrow(nhanes)), psu_key), function(rows) sort(sample(rows, 35))))
d <- nhanes[sort(keep), ]
des <- svydesign(ids = ~SDMVPSU, strata = ~SDMVSTRA, weights = ~WTMEC2YR, data = d, nest = TRUE)
jkn <- as.svrepdesign(des, type = "JKn", compress = FALSE)
brr <- as.svrepdesign(des, type = "BRR", compress = FALSE)
fay <- as.svrepdesign(des, type = "Fay", fay.rho = 0.5, compress = FALSE)
boot <- as.svrepdesign(des, type = "bootstrap", replicates = 20, compress = FALSE)
add <- function(d, prefix, m) {
  m <- as.matrix(m)
  colnames(m) <- paste0(prefix, seq_len(ncol(m)))
  cbind(d, m)
}
out <- add(d, "jk", signif(unclass(jkn$repweights) * d$WTMEC2YR, 10))
out <- add(out, "brr", unclass(brr$repweights))
out <- add(out, "fay", unclass(fay$repweights))
out <- add(out, "bs", unclass(boot$repweights))
write.csv(out, "replicate.csv", row.names = FALSE, na = "")
d <- read.csv("replicate.csv")  # the numbers exactly as the test reads them
writeLines(format(jkn$rscales, digits = 17), "replicate_jkn_rscales.txt")
rep_design <- function(pattern, type, combined, ...) {
  suppressWarnings(svrepdesign(data = d, weights = ~WTMEC2YR, repweights = pattern, type = type,
                               combined.weights = combined, ...))
}
other_rscales <- seq(0.5, 1.5, length.out = 20)
designs <- list(
  JKn = rep_design("^jk[0-9]+$", "JKn", TRUE, rscales = jkn$rscales),
  JK1 = rep_design("^jk[0-9]+$", "JK1", TRUE, scale = 29 / 30),
  BRR = rep_design("^brr[0-9]+$", "BRR", FALSE),
  Fay = rep_design("^fay[0-9]+$", "Fay", FALSE, rho = 0.5),
  bootstrap = rep_design("^bs[0-9]+$", "bootstrap", FALSE),
  JK2 = rep_design("^brr[0-9]+$", "JK2", FALSE),
  sdr = rep_design("^fay[0-9]+$", "successive-difference", FALSE),
  other = rep_design("^bs[0-9]+$", "other", FALSE, scale = 0.07, rscales = other_rscales),
  BRR_mse = rep_design("^brr[0-9]+$", "BRR", FALSE, mse = TRUE))
d$race_agecat <- paste(d$race, d$agecat, sep = "*")
d$one <- 1
indicators <- list(
  list(id = "HI_CHOL", y = "HI_CHOL", statistic = "proportion",
       by = c("race", "agecat", "RIAGENDR", "race_agecat")),
  list(id = "AGE", y = "agecat", statistic = "mean", by = c("race")),
  list(id = "N_CHOL", y = "HI_CHOL", statistic = "total", by = c("race")))
rows <- list()
for (name in names(designs)) {
  des <- designs[[name]]
  for (ind in indicators) {
    doms <- list(list(name = "total", code = "", keep = rep(TRUE, nrow(d))))
    for (v in ind$by) {
      for (code in sort(unique(d[[v]]))) {
        doms[[length(doms) + 1]] <- list(name = sub("race_agecat", "race*agecat", v),
                                         code = as.character(code), keep = d[[v]] == code)
      }
    }
    y <- d[[ind$y]]
    f <- as.formula(paste0("~", ind$y))
    for (dom in doms) {
      for (rule in c("universe", "domain", "design")) {
        sub <- if (rule == "universe") subset(des, dom$keep) else subset(des, dom$keep & !is.na(y))
        df <- if (rule == "design") degf(des) else degf(sub)
        # A domain whose rows all weigh 0 has no estimate (R stops: every replicate is NA).
        m <- tryCatch(switch(ind$statistic,
                             total = svytotal(f, sub, na.rm = TRUE, deff = "replace"),
                             svymean(f, sub, na.rm = TRUE, deff = "replace")),
                      error = function(e) NULL)
        if (is.null(m)) {
          m <- structure(NA_real_, var = matrix(NA_real_), deff = NA_real_)
          class(m) <- "svrepstat"
          logit <- wald <- c(NA_real_, NA_real_)
        } else if (ind$statistic == "proportion") {
          # svyciprop(method = "logit")'s interval, called as it does (svyciprop itself stops
          # when the NAs stay in: its svymean without na.rm has every replicate NA).
          fit <- svyglm(as.formula(paste(ind$y, "~ 1")), sub, family = quasibinomial)
          logit <- as.numeric(plogis(confint(fit, 1, level = 0.95, method = "Wald", ddf = df)))
          wald <- confint(m, level = 0.95)
        } else {
          logit <- wald <- confint(m, level = 0.95, df = df)
        }
        ok <- !is.na(sub$variables[[ind$y]]) & weights(sub, "sampling") > 0
        rows[[length(rows) + 1]] <- data.frame(
          policy = name, df_rule = rule, indicator = ind$id, domain = dom$name, code = dom$code,
          n = sum(ok), n_weighted = sum(weights(sub, "sampling")[ok]),
          estimate = unname(coef(m)), se = unname(SE(m)), deff = unname(deff(m)), df = df,
          logit_low = logit[1], logit_high = logit[2], wald_low = wald[1], wald_high = wald[2])
      }
    }
  }
}
res <- do.call(rbind, rows)
text <- format(res, digits = 17)
text[is.na(res)] <- ""  # NA (no estimate) as an empty field
write.csv(text, "replicate_reference.csv", row.names = FALSE, quote = TRUE)
