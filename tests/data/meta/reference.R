# Reference values for the meta-analysis tests (tests/meta/meta_reference_test.cc), computed with
# R's metafor. Run from this directory:  Rscript reference.R  (writes reference.json).
# Every case: effect sizes (escalc with its defaults), the pooled model (rma with the given
# method and test, tight convergence), percent weights, prediction interval (predict),
# leave-one-out (leave1out) when k >= 3, and subgroups by a descriptor column, with the test of
# subgroup differences as a fixed-effect model of the subgroup estimates.
suppressPackageStartupMessages({
  library(metafor)
  library(jsonlite)
})

control <- list(threshold = 1e-12, tol = 1e-12, maxiter = 10000)

read_effects <- function(file, measure) {
  d <- read.csv(file, check.names = FALSE, stringsAsFactors = FALSE)
  if (measure %in% c("OR", "RR", "RD")) {
    e <- escalc(measure = measure, ai = d$ai, n1i = d$n1i, ci = d$ci, n2i = d$n2i)
  } else if (measure %in% c("SMD", "MD")) {
    e <- escalc(measure = measure, m1i = d$m1i, sd1i = d$sd1i, n1i = d$n1i,
                m2i = d$m2i, sd2i = d$sd2i, n2i = d$n2i)
  } else if ("sei" %in% names(d)) {
    e <- escalc(measure = "GEN", yi = d$yi, sei = d$sei)
  } else {
    e <- escalc(measure = "GEN", yi = d$yi, vi = d$vi)
  }
  list(data = d, yi = as.numeric(e$yi), vi = as.numeric(e$vi))
}

fit <- function(yi, vi, method, test, level) {
  rma(yi, vi, method = method, test = test, level = level * 100, control = control)
}

pooled <- function(m) {
  p <- predict(m)
  # metafor gives no prediction interval for a fixed-effect model: null in the JSON.
  list(k = m$k, estimate = as.numeric(m$b), se = m$se, zval = m$zval, pval = m$pval,
       ci_low = m$ci.lb, ci_high = m$ci.ub, tau2 = m$tau2, i2 = m$I2, h2 = m$H2,
       q = m$QE, q_p = m$QEp, pi_low = if (is.null(p$pi.lb)) NA else p$pi.lb,
       pi_high = if (is.null(p$pi.ub)) NA else p$pi.ub)
}

single <- function(yi, vi, level) {
  crit <- qnorm((1 - level) / 2, lower.tail = FALSE)
  list(k = 1, estimate = yi, se = sqrt(vi), ci_low = yi - crit * sqrt(vi),
       ci_high = yi + crit * sqrt(vi))
}

make_case <- function(file, measure, method, test, level = 0.95, by = NULL) {
  e <- read_effects(file, measure)
  m <- fit(e$yi, e$vi, method, test, level)
  out <- list(file = file, measure = measure, method = method, test = test, level = level,
              yi = e$yi, vi = e$vi, pooled = pooled(m), weights = as.numeric(weights(m)))
  if (m$k >= 3) {
    l <- leave1out(m)  # a fixed-effect model's has no tau2 column: 0 by definition
    out$leave_one_out <- lapply(seq_len(m$k), function(i)
      list(estimate = l$estimate[i], se = l$se[i], ci_low = l$ci.lb[i], ci_high = l$ci.ub[i],
           tau2 = if (is.null(l$tau2)) 0 else l$tau2[i], i2 = l$I2[i], h2 = l$H2[i], q = l$Q[i], q_p = l$Qp[i]))
  }
  if (!is.null(by)) {
    groups <- e$data[[by]]
    levels <- unique(groups)
    est <- c(); se <- c()
    out$subgroups <- list(column = by, groups = lapply(levels, function(g) {
      in_g <- groups == g
      if (sum(in_g) == 1) {
        r <- single(e$yi[in_g], e$vi[in_g], level)
      } else {
        r <- pooled(fit(e$yi[in_g], e$vi[in_g], method, test, level))
      }
      est <<- c(est, r$estimate); se <<- c(se, r$se)
      c(list(level = g), r)
    }))
    b <- rma(est, sei = se, method = "FE")
    out$subgroups$between <- list(q = b$QE, df = length(est) - 1, q_p = b$QEp)
  }
  out
}

cases <- list()
add <- function(...) cases[[length(cases) + 1]] <<- make_case(...)
for (method in c("FE", "DL", "REML", "PM")) {
  for (test in c("z", "knha")) {
    add("parenting_events.csv", "OR", method, test, by = "design")
    add("parenting_events.csv", "RR", method, test)
    add("parenting_events.csv", "RD", method, test)
    add("parenting_means.csv", "SMD", method, test, by = "design")
    add("parenting_means.csv", "MD", method, test)
    add("generic_sei.csv", "GEN", method, test, by = "design")
    add("homogeneous.csv", "GEN", method, test)
    add("two_studies.csv", "OR", method, test)
  }
}
add("parenting_events.csv", "OR", "REML", "z", level = 0.90)
add("parenting_means.csv", "SMD", "PM", "knha", level = 0.99)

writeLines(toJSON(list(metafor = as.character(packageVersion("metafor")), cases = cases),
                  auto_unbox = TRUE, digits = NA, na = "null", pretty = TRUE),
           "reference.json")
