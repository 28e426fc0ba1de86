# The benchmark recipe (bench/bench_recipe.yaml) in R's survey package, for bench/estimate-vs-r
# and bench/replicate-vs-r (with SCALE: a bootstrap replicate design on repw1..repwR, as
# `inspire replicate --type bootstrap` writes it, instead of strata and PSUs).
# Usage: Rscript estimate_r.R DATA.csv OUT.csv [SCALE]   (prints read and total seconds)
suppressMessages({library(survey); library(data.table)})
args <- commandArgs(trailingOnly = TRUE)
t0 <- Sys.time()
d <- as.data.frame(fread(args[1]))
t_read <- as.numeric(Sys.time() - t0, units = "secs")
na8 <- function(x) { x[x %in% c(8, 9)] <- NA; x }
for (v in c(grep("^cd_", names(d), value = TRUE), "attitude", "sv18", "sv12m", "pv12m", "ipv12m",
            "told", "sought", "received", "bullied", "fight", "safe_school", "enrolled", "cash"))
  d[[v]] <- na8(d[[v]])
d$agegrp <- cut(d$age, c(0, 5, 10, 15, 18, 25), right = FALSE, labels = FALSE)
b <- function(x) as.numeric(x)
viol <- with(d, cd_c == 1 | cd_d == 1 | cd_f == 1 | cd_g == 1 | cd_h == 1 | cd_i == 1 | cd_j == 1 | cd_k == 1)
ind <- list(
  "1.1" = list(u = d$age >= 1 & d$age <= 14, y = b(viol)),
  SEVERE = list(u = d$age >= 1 & d$age <= 14, y = b(d$cd_i == 1 | d$cd_k == 1)),
  NONVIOLENT = list(u = d$age >= 1 & d$age <= 14,
                    y = b((d$cd_a == 1 | d$cd_b == 1 | d$cd_e == 1) & !viol)),
  "OUT-N2a" = list(u = d$age >= 15, y = b(d$attitude == 1)),
  "1.3" = list(u = d$age >= 18 & d$age <= 24, y = b(d$sv18 == 1)),
  "1.4" = list(u = d$age >= 13 & d$age <= 17, y = b(d$sv12m == 1)),
  "IMP-10" = list(u = d$age >= 13, y = b(d$pv12m == 1)),
  "IMP-06" = list(u = d$partnered == 1, y = b(d$ipv12m == 1)),
  "HELP-TOLD" = list(u = d$pv12m == 1, y = b(d$told == 1)),
  "HELP-RECEIVED" = list(u = d$pv12m == 1, y = b(ifelse(d$sought == 2, 0, d$received == 1))),
  "IMP-07" = list(u = d$age >= 10 & d$age <= 19, y = b(d$bullied == 1)),
  "IMP-08" = list(u = d$age >= 10 & d$age <= 19, y = b(d$fight == 1)),
  "OUT-E7" = list(u = d$age >= 5 & d$age <= 17, y = b(d$enrolled == 1)))
for (k in names(ind)) d[[paste0("y_", make.names(k))]] <- ind[[k]]$y
d$sex_urban <- paste(d$sex, d$urban, sep = "*")
options(survey.lonely.psu = "adjust")
des <- if (length(args) >= 3) {
  svrepdesign(data = d, weights = ~weight, repweights = "^repw[0-9]+$", type = "bootstrap",
              scale = as.numeric(args[3]), rscales = 1, combined.weights = TRUE)
} else {
  svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, data = d, nest = TRUE)
}
rows <- list()
for (k in names(ind)) {
  u <- ind[[k]]$u; u[is.na(u)] <- FALSE
  sub <- subset(des, u)
  f <- as.formula(paste0("~y_", make.names(k)))
  m <- svymean(f, sub, na.rm = TRUE, deff = "replace")
  rows[[length(rows) + 1]] <- data.frame(indicator = k, domain = "total", code = "",
                                         estimate = coef(m)[[1]], se = SE(m)[[1]])
  for (v in c("sex", "region", "urban", "wealth", "educ", "agegrp", "sex_urban")) {
    r <- svyby(f, as.formula(paste0("~", v)), sub, svymean, na.rm = TRUE, deff = "replace")
    rows[[length(rows) + 1]] <- data.frame(indicator = k, domain = sub("sex_urban", "sex*urban", v),
                                           code = as.character(r[[v]]), estimate = r[[2]],
                                           se = r[[3]])
  }
}
out <- do.call(rbind, rows)
write.csv(format(out, digits = 17), args[2], row.names = FALSE)
cat(sprintf("read_seconds %.3f\ntotal_seconds %.3f\nestimates %d\n", t_read,
            as.numeric(Sys.time() - t0, units = "secs"), nrow(out)))
