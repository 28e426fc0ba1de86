// Quantiles against R (qnorm, qt), printed with 17 significant digits.
#include "survey/distributions.h"

#include <gtest/gtest.h>

#include <cmath>

namespace inspire::survey {
namespace {

TEST(NormalQuantile, MatchesR) {
  EXPECT_NEAR(NormalQuantile(0.975), 1.959963984540054, 1e-15);
  EXPECT_NEAR(NormalQuantile(0.5), 0.0, 1e-15);
  EXPECT_NEAR(NormalQuantile(1e-10), -6.3613409024040557, 1e-12);
  EXPECT_NEAR(NormalQuantile(0.05), -1.6448536269514726, 1e-15);
  EXPECT_TRUE(std::isnan(NormalQuantile(0)));
}

TEST(StudentTQuantile, MatchesR) {
  // qt(0.975, c(1, 2, 3, 10, 30, 759)), qt(0.995, 5), qt(0.975, 2.5)
  EXPECT_NEAR(StudentTQuantile(0.975, 1), 12.706204736174707, 1e-11);
  EXPECT_NEAR(StudentTQuantile(0.975, 2), 4.3026527297494619, 1e-12);
  EXPECT_NEAR(StudentTQuantile(0.975, 3), 3.1824463052837078, 1e-12);
  EXPECT_NEAR(StudentTQuantile(0.975, 10), 2.2281388519862739, 1e-12);
  EXPECT_NEAR(StudentTQuantile(0.975, 30), 2.0422724563012378, 1e-12);
  EXPECT_NEAR(StudentTQuantile(0.975, 759), 1.9630944119149611, 1e-12);
  EXPECT_NEAR(StudentTQuantile(0.995, 5), 4.0321429835552287, 1e-12);
  EXPECT_NEAR(StudentTQuantile(0.025, 10), -2.2281388519862739, 1e-12);
  EXPECT_NEAR(StudentTQuantile(0.975, 2.5), 3.5746548420036919, 1e-11);
}

TEST(StudentTQuantile, IsNanWithoutDegreesOfFreedom) {
  EXPECT_TRUE(std::isnan(StudentTQuantile(0.975, 0)));
  EXPECT_TRUE(std::isnan(StudentTQuantile(1.5, 10)));
}

TEST(StudentTCdf, InvertsTheQuantile) {
  for (double df : {1.0, 2.0, 4.0, 17.0, 300.0}) {
    for (double p : {0.01, 0.2, 0.5, 0.9, 0.999}) {
      EXPECT_NEAR(StudentTCdf(StudentTQuantile(p, df), df), p, 1e-13) << df << " " << p;
    }
  }
}

}  // namespace
}  // namespace inspire::survey
