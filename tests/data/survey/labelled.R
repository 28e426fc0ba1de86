# Makes labelled.sav and labelled.dta for tests/survey/readstat_reader_test.cc (R haven, Debian
# r-cran-haven). Run from this folder: Rscript labelled.R
suppressMessages(library(haven))
d <- data.frame(
  id = 1:6,
  sex = labelled(c(1, 2, 2, 1, 2, 1), c(Male = 1, Female = 2)),
  region = c("North", "South", "North", "East", "", "South"),
  wgt = c(1.5, 2, 0.5, 1, 1, 3))
# SPSS: 8 and 9 declared user-missing; 7 is an ordinary value.
d$item <- labelled_spss(c(1, 8, 2, 9, 7, 1), c(Yes = 1, No = 2, "Don't know" = 8), na_values = c(8, 9))
attr(d$sex, "label") <- "Sex of respondent"
write_sav(d, "labelled.sav")
# Stata: extended missing .a for the third row.
s <- d
s$item <- c(1, 8, tagged_na("a"), 9, 7, 1)
write_dta(s, "labelled.dta")
