# The R side of bench/meta-vs-metafor: the same analysis as `inspire meta FILE --measure OR
# --method REML --format json` (escalc, rma, predict, leave1out), printing the pooled estimate,
# tau2 and the first leave-one-out estimate for the comparison.
args <- commandArgs(trailingOnly = TRUE)
suppressPackageStartupMessages(library(metafor))
d <- read.csv(args[1])
e <- escalc(measure = "OR", ai = d$ai, n1i = d$n1i, ci = d$ci, n2i = d$n2i)
m <- rma(e$yi, e$vi, method = "REML",
         control = list(threshold = 1e-12, tol = 1e-12, maxiter = 10000))
p <- predict(m)
l <- leave1out(m)
cat(sprintf("%.15g %.15g %.15g\n", as.numeric(m$b), m$tau2, l$estimate[1]))
