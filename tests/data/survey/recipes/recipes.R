# Reference values for the built-in recipes (tests/survey/builtin_recipes_test.cc) from R's
# survey package (Debian r-cran-survey 4.1-1): each recipe of data/recipes/ written out in R by
# hand, on a file in its layout, every indicator and domain with svymean(deff = "replace"),
# svyciprop(method = "logit") and confint() on the df of the rows that make the estimate (the
# "domain" rule), strata with one PSU under "adjust".
# The files were made with  make-survey --layout LAYOUT --rows 1500 --seed 11 --out LAYOUT.csv
# Run from this folder:  Rscript recipes.R  (writes recipes_reference.csv).
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
read <- function(layout) read.csv(paste0(layout, ".csv"))
na_codes <- function(x, codes) { x[x %in% codes] <- NA; x }
cut_codes <- function(x, breaks) cut(x, breaks, right = FALSE, labels = FALSE)
either <- function(...) Reduce(`|`, list(...))  # the recipe's any(): three-valued
num <- function(x) as.numeric(x)
# The attitude questions (reasons a husband may hit his wife, 8 and 9 missing): true if any
# reason is accepted, as the recipes' any().
justifies_any <- function(d, vars) {
  Reduce(`|`, lapply(vars, function(v) na_codes(d[[v]], c(8, 9)) == 1))
}

# One recipe: `ind` is a list of indicators (id, u, y, by: names of variables, "a*b" crossed).
estimate <- function(recipe, d, weight, strata, psu, ind) {
  des <- svydesign(ids = as.formula(paste0("~", psu)), strata = as.formula(paste0("~", strata)),
                   weights = as.formula(paste0("~", weight)), data = d, nest = TRUE)
  rows <- list()
  for (i in ind) {
    u <- i$u
    u[is.na(u)] <- FALSE
    des$variables$y_ <- num(i$y)
    doms <- list(list(name = "total", code = "", keep = rep(TRUE, nrow(d))))
    for (v in i$by) {
      parts <- strsplit(v, "*", fixed = TRUE)[[1]]
      key <- do.call(paste, c(lapply(parts, function(p) d[[p]]), sep = "*"))
      complete <- Reduce(`&`, lapply(parts, function(p) !is.na(d[[p]])))
      codes <- unique(key[complete])
      ord <- do.call(order, lapply(parts, function(p) d[[p]][complete][match(codes, key[complete])]))
      for (code in codes[ord]) {
        doms[[length(doms) + 1]] <- list(name = v, code = code, keep = complete & key == code)
      }
    }
    for (dom in doms) {
      keep <- u & dom$keep
      if (!any(keep)) next
      sub <- subset(des, keep & !is.na(des$variables$y_))
      ok <- weights(sub) > 0
      n <- sum(ok)
      out <- data.frame(policy = recipe, df_rule = "domain", indicator = i$id, domain = dom$name,
                        code = dom$code, n = n, n_weighted = sum(weights(sub)[ok]),
                        estimate = NA, se = NA, deff = NA, df = NA, logit_low = NA,
                        logit_high = NA, wald_low = NA, wald_high = NA)
      if (n > 0) {
        df <- degf(sub)
        m <- svymean(~y_, sub, deff = "replace")
        p <- coef(m)[[1]]
        logit <- if (p > 0 && p < 1) attr(svyciprop(~y_, sub, method = "logit", df = df), "ci")
                 else c(NA, NA)
        wald <- confint(m)
        out[1, c("estimate", "se", "deff", "df", "logit_low", "logit_high", "wald_low",
                 "wald_high")] <- c(p, SE(m)[[1]], deff(m)[[1]], df, logit, wald)
      }
      rows[[length(rows) + 1]] <- out
    }
  }
  do.call(rbind, rows)
}

results <- list()

# mics6-wm
d <- read("mics6-wm")
d$WAGEM <- na_codes(d$WAGEM, c(97, 98, 99))
d$WB4 <- na_codes(d$WB4, c(98, 99))
d$agegrp <- cut_codes(d$WB4, c(15, 20, 25, 30, 40, 50))
justifies <- justifies_any(d, c("DV1A", "DV1B", "DV1C", "DV1D", "DV1E"))
w2024 <- d$WM17 == 1 & d$WB4 >= 20 & d$WB4 <= 24
results[[1]] <- estimate("mics6-wm", d, "wmweight", "stratum", "PSU", list(
  list(id = "OUT-N2c", u = w2024, y = ifelse(d$MSTATUS == 3, 0, d$WAGEM < 18),
       by = c("HH6", "HH7", "windex5")),
  list(id = "OUT-N2c-15", u = w2024, y = ifelse(d$MSTATUS == 3, 0, d$WAGEM < 15),
       by = c("HH6", "HH7", "windex5")),
  list(id = "OUT-N2b", u = d$WM17 == 1 & d$WB4 >= 15 & d$WB4 <= 19, y = justifies,
       by = c("HH6", "windex5")),
  list(id = "OUT-N2b-women-15-49", u = d$WM17 == 1, y = justifies,
       by = c("agegrp", "HH6", "HH7", "windex5"))))

# dhs-ir-women
d <- read("dhs-ir")
d$v511 <- na_codes(d$v511, c(97, 98, 99))
d$agegrp <- cut_codes(d$v012, c(15, 20, 25, 30, 40, 50))
justifies <- justifies_any(d, c("v744a", "v744b", "v744c", "v744d", "v744e"))
a2024 <- d$v012 >= 20 & d$v012 <= 24
results[[2]] <- estimate("dhs-ir-women", d, "v005", "v022", "v021", list(
  list(id = "OUT-N2c", u = a2024, y = ifelse(d$v501 == 0, 0, d$v511 < 18),
       by = c("v025", "v024", "v190")),
  list(id = "OUT-N2c-15", u = a2024, y = ifelse(d$v501 == 0, 0, d$v511 < 15),
       by = c("v025", "v024", "v190")),
  list(id = "OUT-N2b", u = d$v012 >= 15 & d$v012 <= 19, y = justifies, by = c("v025", "v190")),
  list(id = "OUT-N2b-women-15-49", u = d$v012 >= 15 & d$v012 <= 49, y = justifies,
       by = c("agegrp", "v025", "v024", "v190"))))

# dhs-mr
d <- read("dhs-mr")
d$mv511 <- na_codes(d$mv511, c(97, 98, 99))
d$agegrp <- cut_codes(d$mv012, c(15, 20, 25, 30, 40, 50))
justifies <- justifies_any(d, c("mv744a", "mv744b", "mv744c", "mv744d", "mv744e"))
results[[3]] <- estimate("dhs-mr", d, "mv005", "mv022", "mv021", list(
  list(id = "OUT-N2b", u = d$mv012 >= 15 & d$mv012 <= 19, y = justifies,
       by = c("mv025", "mv190")),
  list(id = "OUT-N2b-men-15-49", u = d$mv012 >= 15 & d$mv012 <= 49, y = justifies,
       by = c("agegrp", "mv025", "mv024", "mv190")),
  list(id = "OUT-N2c-men", u = d$mv012 >= 20 & d$mv012 <= 24,
       y = ifelse(d$mv501 == 0, 0, d$mv511 < 18), by = c("mv025", "mv190"))))

# gshs
d <- read("gshs")
d$age <- d$q1 + 10
d$agegrp <- cut_codes(d$age, c(13, 16, 18))
u <- d$age >= 13 & d$age <= 17
results[[4]] <- estimate("gshs", d, "weight", "stratum", "psu", list(
  list(id = "IMP-07", u = u, y = d$q24 > 1, by = c("q2", "agegrp", "q3")),
  list(id = "IMP-08", u = u, y = d$q22 > 1, by = c("q2", "agegrp", "q3")),
  list(id = "IMP-08-attacked", u = u, y = d$q21 > 1, by = c("q2", "agegrp", "q3"))))

# vacs
d <- read("vacs")
for (v in c(grep("^sv_", names(d), value = TRUE), grep("^pv", names(d), value = TRUE), "ev18",
            "ever_sex", "first_sex_forced", "told_anyone", "knew_where", "sought_help",
            "received_help")) d[[v]] <- na_codes(d[[v]], c(8, 9))
d$age <- na_codes(d$age, c(98, 99))
d$sex_urban <- paste(d$sex, d$urban, sep = "*")
victim <- with(d, either(pv12m == 1, sv_any12m == 1))
a1824 <- d$age >= 18 & d$age <= 24
a1317 <- d$age >= 13 & d$age <= 17
helped <- a1317 & victim
results[[5]] <- estimate("vacs", d, "sampleweight", "strata", "cluster", list(
  list(id = "1.3", u = a1824,
       y = with(d, either(sv_touch18 == 1, sv_attempt18 == 1, sv_forced18 == 1, sv_coerced18 == 1)),
       by = c("sex", "region", "urban", "sex*urban")),
  list(id = "1.4", u = a1317, y = d$sv_any12m == 1, by = c("sex", "region", "urban")),
  list(id = "OUT-R6-told", u = helped, y = d$told_anyone == 1, by = "sex"),
  list(id = "OUT-R6-knew", u = helped, y = d$knew_where == 1, by = "sex"),
  list(id = "OUT-R6-sought", u = helped, y = d$sought_help == 1, by = "sex"),
  list(id = "OUT-R6-received", u = helped,
       y = ifelse(d$sought_help == 2, 0, d$received_help == 1), by = "sex"),
  list(id = "IMP-10", u = a1824, y = d$pv18 == 1, by = c("sex", "region", "urban")),
  list(id = "IMP-11", u = a1824, y = d$ev18 == 1, by = c("sex", "region", "urban")),
  list(id = "1.3-first-forced", u = a1824 & d$ever_sex == 1, y = d$first_sex_forced == 1,
       by = "sex")))

# mics6-discipline: the ch and fs files stacked (a column a file lacks is NA on its rows)
ch <- read("mics6-ch")
fs <- read("mics6-fs")
for (v in setdiff(names(fs), names(ch))) ch[[v]] <- NA
for (v in setdiff(names(ch), names(fs))) fs[[v]] <- NA
d <- rbind(fs[, union(names(fs), names(ch))], ch[, union(names(fs), names(ch))])  # fs, then ch
for (v in grep("^(UCD2|FCD2)", names(d), value = TRUE)) d[[v]] <- na_codes(d[[v]], c(8, 9))
d$CB3 <- na_codes(d$CB3, c(98, 99))
co <- function(a, b) ifelse(is.na(a), b, a)
d$weight <- co(d$chweight, d$fsweight)
d$age <- co(d$UB2, d$CB3)
item <- function(l) co(d[[paste0("UCD2", l)]], d[[paste0("FCD2", l)]]) == 1
d$agegrp <- cut_codes(d$age, c(1, 3, 5, 10, 15))
d$HL4_agegrp <- paste(d$HL4, d$agegrp, sep = "*")
u <- co(d$UF17, d$FS17) == 1 & d$age >= 1 & d$age <= 14
physical <- either(item("C"), item("F"), item("G"), item("I"), item("J"), item("K"))
results[[6]] <- estimate("mics6-discipline", d, "weight", "stratum", "PSU", list(
  list(id = "1.1", u = u, y = either(item("D"), item("H"), physical),
       by = c("HL4", "agegrp", "HH6", "HH7", "windex5", "HL4*agegrp")),
  list(id = "MICS-PHYSICAL", u = u, y = physical, by = c("HL4", "agegrp")),
  list(id = "MICS-SEVERE", u = u, y = either(item("I"), item("K")), by = c("HL4", "agegrp"))))

res <- do.call(rbind, results)
text <- format(res, digits = 17)
text[is.na(res)] <- ""
write.csv(text, "recipes_reference.csv", row.names = FALSE, quote = TRUE)
