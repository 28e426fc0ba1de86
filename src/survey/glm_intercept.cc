#include "survey/glm_intercept.h"

#include <cfloat>
#include <cmath>
#include <limits>

namespace inspire::survey {
namespace {

constexpr double kLinkThreshold = 30;  // R's THRESH in family.c

// The binomial deviance of an intercept-only fit with mean mu: -2 sum w (y log mu + (1 - y)
// log(1 - mu)), from the weighted counts of y = 1 and y = 0.
double Deviance(double y1, double y0, double mu) {
  double deviance = 0;
  if (y1 > 0) deviance -= 2 * y1 * std::log(mu);
  if (y0 > 0) deviance -= 2 * y0 * std::log(1 - mu);
  return deviance;
}

// One IRLS step: z = eta + (y - mu) / mu.eta, w = mu.eta^2 / (mu (1 - mu)); every row has the
// same eta, so the weighted mean of z is this.
double Step(double beta, double p) { return beta + (p - LogitInverse(beta)) / LogitMuEta(beta); }

}  // namespace

double LogitInverse(double eta) {
  const double e = eta < -kLinkThreshold  ? DBL_EPSILON
                   : eta > kLinkThreshold ? 1 / DBL_EPSILON
                                          : std::exp(eta);
  return e / (1 + e);
}

double LogitMuEta(double eta) {
  if (eta > kLinkThreshold || eta < -kLinkThreshold) return DBL_EPSILON;
  const double e = std::exp(eta);
  return e / ((1 + e) * (1 + e));
}

double GlmIntercept(double p, double total, double beta, double previous) {
  if (std::isnan(p)) return std::numeric_limits<double>::quiet_NaN();
  constexpr double kEpsilon = 1e-8;
  constexpr int kMaxIterations = 25;  // glm.control()$maxit, the first included
  const double y1 = p * total;
  const double y0 = total - y1;
  for (int iteration = 2;; ++iteration) {
    const double current = Deviance(y1, y0, LogitInverse(beta));
    if (std::fabs(current - previous) / (std::fabs(current) + 0.1) < kEpsilon) break;
    if (iteration > kMaxIterations) break;
    previous = current;
    beta = Step(beta, p);
  }
  return beta;
}

double GlmInterceptFrom(double start, double p) {
  if (std::isnan(p)) return std::numeric_limits<double>::quiet_NaN();
  return GlmIntercept(p, 1, Step(start, p), Deviance(p, 1 - p, LogitInverse(start)));
}

}  // namespace inspire::survey
