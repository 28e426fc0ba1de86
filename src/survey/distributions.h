// Quantiles of the normal and Student t distributions, for confidence intervals
// (docs/statistics.md, "Confidence intervals"). Accurate to about 1e-14 relative.
#ifndef INSPIRE_SURVEY_DISTRIBUTIONS_H_
#define INSPIRE_SURVEY_DISTRIBUTIONS_H_

namespace inspire::survey {

// The p-quantile of the standard normal distribution (Wichura 1988, algorithm AS 241).
// Precondition: 0 < p < 1; returns NaN otherwise.
double NormalQuantile(double p);

// The logistic function 1 / (1 + e^-x), the inverse of the logit.
double Expit(double x);

// P(T <= t) for Student's t with `df` > 0 degrees of freedom (regularized incomplete beta).
double StudentTCdf(double t, double df);

// The p-quantile of Student's t with `df` degrees of freedom (df may be fractional).
// Returns NaN if df <= 0 or p is outside (0, 1); the normal quantile for df = infinity.
double StudentTQuantile(double p, double df);

}  // namespace inspire::survey

#endif  // INSPIRE_SURVEY_DISTRIBUTIONS_H_
