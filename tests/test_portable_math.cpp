// The portable elementary functions against glibc's long double ones (64-bit
// significands, 11 bits more than double): within 1 ulp over their whole domains,
// and exact at the special values.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "kernels/portable_math.cuh"
#include "tests/ulps.hpp"

namespace {

namespace pm = rdp::portable;

using rdp::testing::ulps_off;
using rdp::testing::uniform_sample;

// Log-uniform magnitudes over [2^lo, 2^hi), signed as asked: every binade equally.
std::vector<double> binade_sample(int lo, int hi, bool negative, int count, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> exponent(lo, hi);
  std::vector<double> xs;
  for (int i = 0; i < count; ++i) xs.push_back((negative ? -1.0 : 1.0) * std::exp2(exponent(rng)));
  return xs;
}

template <class F, class Ref>
double worst_ulps(const std::vector<double>& xs, F f, Ref ref, double& worst_x) {
  double worst = 0.0;
  for (double x : xs) {
    const double e = ulps_off(f(x), ref(static_cast<long double>(x)));
    if (e > worst) worst = e, worst_x = x;
  }
  return worst;
}

constexpr int kPoints = 200000;

TEST(PortableMath, LogWithinOneUlp) {
  for (const auto& xs : {binade_sample(-1074, 1024, false, kPoints, 1), uniform_sample(0.5, 2.0, kPoints, 2),
                         uniform_sample(1.0 - 1e-6, 1.0 + 1e-6, kPoints, 3)}) {
    double at = 0.0;
    EXPECT_LE(worst_ulps(xs, pm::log, [](long double x) { return logl(x); }, at), 1.0) << "at x = " << at;
  }
}

TEST(PortableMath, Log1pWithinOneUlp) {
  for (const auto& xs : {binade_sample(-1074, 0, true, kPoints, 4), binade_sample(-1074, 1024, false, kPoints, 5),
                         uniform_sample(-0.5, 1.0, kPoints, 6), uniform_sample(-1.0, -0.999, kPoints, 7)}) {
    double at = 0.0;
    EXPECT_LE(worst_ulps(xs, pm::log1p, [](long double x) { return log1pl(x); }, at), 1.0) << "at x = " << at;
  }
}

TEST(PortableMath, Expm1WithinOneUlp) {
  for (const auto& xs : {binade_sample(-1074, 9, true, kPoints, 8), binade_sample(-1074, 9, false, kPoints, 9),
                         uniform_sample(-2.0, 2.0, kPoints, 10), uniform_sample(-45.0, 709.78, kPoints, 11)}) {
    double at = 0.0;
    EXPECT_LE(worst_ulps(xs, pm::expm1, [](long double x) { return expm1l(x); }, at), 1.0) << "at x = " << at;
  }
}

TEST(PortableMath, ExpWithinOneUlpDownToTheSubnormals) {
  for (const auto& xs : {uniform_sample(-708.0, 709.78, kPoints, 12), uniform_sample(-2.0, 2.0, kPoints, 13),
                         binade_sample(-1074, -20, true, kPoints, 14)}) {
    double at = 0.0;
    EXPECT_LE(worst_ulps(xs, pm::exp, [](long double x) { return expl(x); }, at), 1.0) << "at x = " << at;
  }
  // Subnormal results keep fewer bits: compare in absolute terms of the smallest subnormal.
  for (double x : uniform_sample(-745.0, -708.5, 10000, 15))
    EXPECT_LE(std::fabs(pm::exp(x) - static_cast<double>(expl(x))), 0x1p-1074) << x;
}

TEST(PortableMath, SpecialValues) {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(pm::log(1.0), 0.0);
  EXPECT_EQ(pm::log(0.0), -inf);
  EXPECT_EQ(pm::log(inf), inf);
  EXPECT_TRUE(std::isnan(pm::log(-1.0)));
  EXPECT_TRUE(std::isnan(pm::log(nan)));
  EXPECT_EQ(pm::log(0x1p-1074), -1074 * std::log(2.0));
  EXPECT_EQ(pm::log1p(-1.0), -inf);
  EXPECT_EQ(pm::log1p(inf), inf);
  EXPECT_TRUE(std::isnan(pm::log1p(-2.0)));
  EXPECT_TRUE(std::signbit(pm::log1p(-0.0)));
  EXPECT_EQ(pm::exp(0.0), 1.0);
  EXPECT_EQ(pm::exp(-inf), 0.0);
  EXPECT_EQ(pm::exp(inf), inf);
  EXPECT_EQ(pm::exp(710.0), inf);
  EXPECT_EQ(pm::exp(-746.0), 0.0);
  EXPECT_EQ(pm::exp(-0x1p-1074 * 3), 1.0);
  EXPECT_EQ(pm::expm1(-inf), -1.0);
  EXPECT_EQ(pm::expm1(inf), inf);
  EXPECT_TRUE(std::signbit(pm::expm1(-0.0)));
  EXPECT_TRUE(std::isnan(pm::expm1(nan)));
  EXPECT_TRUE(std::isnan(pm::exp(nan)));
}

}  // namespace
