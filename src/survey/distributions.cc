#include "survey/distributions.h"

#include <cmath>
#include <limits>

namespace inspire::survey {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double Polynomial(const double* coefficients, int degree, double x) {
  double value = coefficients[degree];
  for (int i = degree - 1; i >= 0; --i) value = value * x + coefficients[i];
  return value;
}

// Continued fraction for the incomplete beta function (modified Lentz's method).
double BetaContinuedFraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  constexpr double kEpsilon = 1e-16;
  double c = 1.0;
  double d = 1.0 - (a + b) * x / (a + 1.0);
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 10000; ++m) {
    const double m2 = 2.0 * m;
    double numerator = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
    d = 1.0 + numerator * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + numerator / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    h *= d * c;
    numerator = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
    d = 1.0 + numerator * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + numerator / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < kEpsilon) break;
  }
  return h;
}

// Regularized incomplete beta I_x(a, b).
double IncompleteBeta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  if (x < (a + 1.0) / (a + b + 2.0)) {
    return std::exp(log_front) * BetaContinuedFraction(a, b, x) / a;
  }
  return 1.0 - std::exp(log_front) * BetaContinuedFraction(b, a, 1.0 - x) / b;
}

}  // namespace

double NormalQuantile(double p) {
  if (!(p > 0 && p < 1)) return kNaN;
  static const double a[] = {3.387132872796366608,  133.14166789178437745, 1971.5909503065514427,
                             13731.693765509461125, 45921.953931549871457, 67265.770927008700853,
                             33430.575583588128105, 2509.0809287301226727};
  static const double b[] = {1.0,
                             42.313330701600911252,
                             687.1870074920579083,
                             5394.1960214247511077,
                             21213.794301586595867,
                             39307.89580009271061,
                             28729.085735721942674,
                             5226.495278852545925};
  static const double c[] = {1.42343711074968357734,   4.6303378461565452959,
                             5.7694972214606914055,    3.64784832476320460504,
                             1.27045825245236838258,   0.24178072517745061177,
                             0.0227238449892691845833, 7.7454501427834140764e-4};
  static const double d[] = {1.0,
                             2.05319162663775882187,
                             1.6763848301838038494,
                             0.68976733498510000455,
                             0.14810397642748007459,
                             0.0151986665636164571966,
                             5.475938084995344946e-4,
                             1.05075007164441684324e-9};
  static const double e[] = {6.6579046435011037772,     5.4637849111641143699,
                             1.7848265399172913358,     0.29656057182850489123,
                             0.026532189526576123093,   0.0012426609473880784386,
                             2.71155556874348757815e-5, 2.01033439929228813265e-7};
  static const double f[] = {1.0,
                             0.59983220655588793769,
                             0.13692988092273580531,
                             0.0148753612908506148525,
                             7.868691311456132591e-4,
                             1.8463183175100546818e-5,
                             1.4215117583164458887e-7,
                             2.04426310338993978564e-15};
  const double q = p - 0.5;
  if (std::fabs(q) <= 0.425) {
    const double r = 0.180625 - q * q;
    return q * Polynomial(a, 7, r) / Polynomial(b, 7, r);
  }
  double r = q < 0 ? p : 1.0 - p;
  r = std::sqrt(-std::log(r));
  double value = 0;
  if (r <= 5.0) {
    r -= 1.6;
    value = Polynomial(c, 7, r) / Polynomial(d, 7, r);
  } else {
    r -= 5.0;
    value = Polynomial(e, 7, r) / Polynomial(f, 7, r);
  }
  return q < 0 ? -value : value;
}

double StudentTCdf(double t, double df) {
  if (!(df > 0) || std::isnan(t)) return kNaN;
  if (std::isinf(df)) return 0.5 * std::erfc(-t / std::sqrt(2.0));
  const double x = df / (df + t * t);
  const double tail = 0.5 * IncompleteBeta(df / 2.0, 0.5, x);
  return t > 0 ? 1.0 - tail : tail;
}

double StudentTQuantile(double p, double df) {
  if (!(p > 0 && p < 1) || !(df > 0)) return kNaN;
  if (std::isinf(df)) return NormalQuantile(p);
  if (p == 0.5) return 0;
  // Exact forms for 1 and 2 degrees of freedom; Newton steps from the normal quantile otherwise,
  // bracketed by bisection so the search cannot leave the root's interval.
  if (df == 1) return std::tan(M_PI * (p - 0.5));
  if (df == 2) {
    const double alpha = 4.0 * p * (1.0 - p);
    return 2.0 * (p - 0.5) * std::sqrt(2.0 / alpha);
  }
  const bool upper = p > 0.5;
  const double target = upper ? 1.0 - p : p;  // solve in the lower tail, where t < 0
  double low = -1e300;
  double high = 0.0;
  double t = std::min(-1e-3, NormalQuantile(target) * (1.0 + 1.0 / df));
  for (int iteration = 0; iteration < 200; ++iteration) {
    const double cdf = StudentTCdf(t, df);
    const double error = cdf - target;
    if (error > 0) {
      high = t;
    } else {
      low = t;
    }
    const double density = std::exp(std::lgamma((df + 1) / 2) - std::lgamma(df / 2)) /
                           std::sqrt(df * M_PI) * std::pow(1 + t * t / df, -(df + 1) / 2);
    double next = t - error / density;
    if (!(next > low && next < high)) next = low < -1e299 ? 2 * t : 0.5 * (low + high);
    if (std::fabs(next - t) <= 1e-15 * std::fabs(t)) {
      t = next;
      break;
    }
    t = next;
  }
  return upper ? -t : t;
}

double Expit(double x) { return 1 / (1 + std::exp(-x)); }

}  // namespace inspire::survey
