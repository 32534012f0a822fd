// The portable erfc (kernels/portable_erf.cuh) against glibc's long double erfcl (64-bit
// significands, 11 bits more than double): within 1 ulp over its whole range, from the
// large negative arguments where it rounds to 2 to the subnormal tail beyond x = 26.55
// and its underflow to 0 at x = 27.226 (largest seen 0.78 ulp); exact at the special
// values. An ulp is that of the double nearest the reference, 2^-1074 for subnormals.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "kernels/portable_erf.cuh"
#include "tests/ulps.hpp"

namespace {

constexpr double kBound = 1.0;  // ulps

using rdp::testing::ulps_off;
using rdp::testing::uniform_sample;

struct Worst {
  double ulps = 0.0, at = 0.0;
};

Worst worst_over(const std::vector<double>& xs) {
  Worst w;
  for (double x : xs) {
    const double e = ulps_off(rdp::portable::erfc(x), erfcl(static_cast<long double>(x)));
    if (!(e <= w.ulps)) w = {e, x};  // NaN counts as worst
  }
  return w;
}

std::vector<double> grid(double lo, double hi, double step) {
  std::vector<double> xs;
  for (double x = lo; x <= hi; x += step) xs.push_back(x);
  return xs;
}

// Log-uniform magnitudes over [2^lo, 2^hi), both signs: every binade near 0 equally.
std::vector<double> binade_sample(int lo, int hi, int count, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> exponent(lo, hi);
  std::vector<double> xs;
  for (int i = 0; i < count; ++i) xs.push_back((i % 2 ? -1.0 : 1.0) * std::exp2(exponent(rng)));
  return xs;
}

// The 2000 doubles on either side of t, and a wider band sampled around it.
std::vector<double> around(double t, uint64_t seed) {
  std::vector<double> xs = uniform_sample(t - 1e-3, t + 1e-3, 20000, seed);
  double below = t, above = t;
  for (int i = 0; i < 2000; ++i) {
    xs.push_back(below = std::nextafter(below, -INFINITY));
    xs.push_back(above = std::nextafter(above, INFINITY));
  }
  xs.push_back(t);
  return xs;
}

void expect_within_bound(const std::vector<double>& xs, const char* what) {
  const Worst w = worst_over(xs);
  EXPECT_LE(w.ulps, kBound) << what << ": at x = " << w.at;
}

TEST(PortableErfc, DenseGridFromMinus6To27) {
  expect_within_bound(grid(-6.0, 27.3, 1.0 / 8192), "grid of step 2^-13");
}

TEST(PortableErfc, RandomPoints) {
  expect_within_bound(uniform_sample(-6.0, 27.3, 400000, 1), "[-6, 27.3]");
  expect_within_bound(uniform_sample(-1.0, 3.0, 400000, 2), "[-1, 3]");
}

TEST(PortableErfc, Tails) {
  expect_within_bound(uniform_sample(4.0, 26.5, 200000, 3), "upper tail [4, 26.5]");
  // erfc < 2^-1022 from x = 26.55 on: subnormal results, compared in units of 2^-1074.
  expect_within_bound(uniform_sample(26.5, 27.3, 200000, 4), "subnormal tail [26.5, 27.3]");
  expect_within_bound(uniform_sample(-6.5, -2.0, 200000, 5), "lower tail [-6.5, -2], where erfc nears 2");
}

TEST(PortableErfc, NearZero) {
  expect_within_bound(binade_sample(-1074, 0, 200000, 6), "|x| in [2^-1074, 1)");
}

// Where the result changes regime: erfc(x) = 2 - erfc(-x) begins at 0; 2 - erfc rounds to
// 2 near -5.86; results turn subnormal at 26.55 and round to 0 beyond 27.226.
TEST(PortableErfc, NearTheChangesOfRegime) {
  for (double t : {0.0, -5.86, 26.55, 27.226}) expect_within_bound(around(t, 7), "around a change of regime");
}

TEST(PortableErfc, SpecialValues) {
  namespace pm = rdp::portable;
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(pm::erfc(0.0), 1.0);
  EXPECT_EQ(pm::erfc(-0.0), 1.0);
  EXPECT_EQ(pm::erfc(inf), 0.0);
  EXPECT_EQ(pm::erfc(-inf), 2.0);
  EXPECT_TRUE(std::isnan(pm::erfc(std::numeric_limits<double>::quiet_NaN())));
  for (double x : {-5.93, -6.0, -10.0, -27.0, -30.0, -1e300}) EXPECT_EQ(pm::erfc(x), 2.0) << x;
  // erfc(x) < 2^-1075 beyond x = 27.2260171: rounds to 0. Just before, the least subnormals.
  for (double x : {27.2261, 27.25, 27.3, 27.31, 30.0, 1e300}) EXPECT_EQ(pm::erfc(x), 0.0) << x;
  EXPECT_EQ(pm::erfc(27.2), 0x1p-1073);  // erfcl: 2.06 * 2^-1074
  EXPECT_EQ(pm::erfc(0x1p-1074), 1.0);
}

}  // namespace
