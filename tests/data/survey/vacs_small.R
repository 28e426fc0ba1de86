# Makes vacs_small.sav, the same survey as vacs_small.csv as an SPSS file, for
# tests/survey/reference_test.cc: estimates from it must equal R survey's reference values
# (reference.csv), which reference.R computes from the CSV. Here the don't-know/refused codes
# 8 and 9 of the sv_*, pv*, sought_help and received_help items and 98/99 of age are declared
# user-missing in the file (SPSS's own way), and sex, region and urban carry value labels.
# Run from this folder with R haven (Debian r-cran-haven): Rscript vacs_small.R
suppressMessages(library(haven))
d <- read.csv("vacs_small.csv")
for (v in c(grep("^sv_|^pv", names(d), value = TRUE), "sought_help", "received_help")) {
  d[[v]] <- labelled_spss(d[[v]], c(Yes = 1, No = 2, "Don't know" = 8, Refused = 9),
                          na_values = c(8, 9))
}
d$age <- labelled_spss(d$age, c("Don't know" = 98), na_values = c(98, 99))
d$sex <- labelled(d$sex, c(Male = 1, Female = 2))
d$urban <- labelled(d$urban, c(Urban = 1, Rural = 2))
attr(d$sex, "label") <- "Sex of respondent"
write_sav(d, "vacs_small.sav")
