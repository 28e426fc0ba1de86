// The intercept of R's glm(y ~ 1, family = quasibinomial) as glm.fit's IRLS loop reaches it,
// for the logit confidence interval of a proportion (svyciprop(method = "logit")): the full
// sample's fit and each replicate's (docs/statistics.md, "Confidence intervals").
#ifndef INSPIRE_SURVEY_GLM_INTERCEPT_H_
#define INSPIRE_SURVEY_GLM_INTERCEPT_H_

namespace inspire::survey {

// R's inverse logit link (binomial()$linkinv): eta beyond +-30 is held there, so mu stays
// within DBL_EPSILON of 0 and 1.
double LogitInverse(double eta);

// R's d mu / d eta for the logit link (binomial()$mu.eta), never below DBL_EPSILON.
double LogitMuEta(double eta);

// glm.fit's iterations after its first, for a sample whose prior weights sum to `total` and whose
// weighted share of y = 1 is `p`: `beta` is the intercept the first iteration gave and `previous`
// the deviance before it. Newton steps until the relative change in deviance,
// |dev - dev_old| / (|dev| + 0.1), is below 1e-8, at most 25 iterations in all. The test is not
// free of the deviance's scale, so `total` must be the one R's weights have. NaN for a NaN `p`.
double GlmIntercept(double p, double total, double beta, double previous);

// The intercept from `start` for weights summing to 1 (R's replicate fits in svyglm start at
// the full-sample intercept): the first iteration is a Newton step from `start`.
double GlmInterceptFrom(double start, double p);

}  // namespace inspire::survey

#endif  // INSPIRE_SURVEY_GLM_INTERCEPT_H_
