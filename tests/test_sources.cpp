// Source laws against independent truth: round trips through the quantiles across
// 300 decades of tail, the integrated CDFs against quadrature of the CDFs, and
// reference values of the Gaussian tail.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "kernels/rng.cuh"
#include "kernels/sources.cuh"

namespace {

using namespace rdp;

// Composite 5-point Gauss–Legendre on [a, b].
template <class F>
double integrate(F f, double a, double b, int panels = 2000) {
  static const double nodes[5] = {0.0, -0.5384693101056831, 0.5384693101056831, -0.9061798459386640, 0.9061798459386640};
  static const double weights[5] = {0.5688888888888889, 0.4786286704993665, 0.4786286704993665, 0.2369268850561891,
                                    0.2369268850561891};
  const double h = (b - a) / panels;
  double sum = 0.0;
  for (int k = 0; k < panels; ++k) {
    const double mid = a + (k + 0.5) * h;
    for (int q = 0; q < 5; ++q) sum += weights[q] * f(mid + 0.5 * h * nodes[q]);
  }
  return 0.5 * h * sum;
}

template <class Source>
void expect_quantiles_invert_tails() {
  // Beyond 1e-12, a round trip may lose only what rounding the quantile x to a double
  // costs: pdf(x) * ulp(x) / p (all of U[0,1]'s upper tail below 2^-53, since 1 - q rounds).
  auto tolerance = [](double x, double p) { return 1e-12 + Source::pdf(x) * std::fabs(x) * 0x1p-52 / p; };
  for (double p = 1e-300; p < 0.5; p *= 7.3) {
    SCOPED_TRACE(p);
    const double lower = Source::icdf(p), upper = Source::isf(p);
    EXPECT_NEAR(Source::cdf(lower) / p, 1.0, tolerance(lower, p));
    EXPECT_NEAR(Source::sf(upper) / p, 1.0, tolerance(upper, p));
  }
}

template <class Source>
void expect_integrated_laws_match_quadrature(double lo, double hi, std::vector<double> kinks) {
  for (double t : {lo + 0.3, -0.7, 0.0, 0.4, 1.3, hi - 0.5}) {
    SCOPED_TRACE(t);
    // G(t) = G(lo) + int_lo^t F and H(t) = H(hi) + int_t^hi S, split at the kinks of
    // the density so that the quadrature is exact to rounding.
    std::vector<double> cuts{lo};
    for (double k : kinks)
      if (k > lo && k < t) cuts.push_back(k);
    cuts.push_back(t);
    double g = Source::integrated_cdf(lo);
    for (size_t c = 0; c + 1 < cuts.size(); ++c) g += integrate(Source::cdf, cuts[c], cuts[c + 1]);
    std::vector<double> up{t};
    for (double k : kinks)
      if (k > t && k < hi) up.push_back(k);
    up.push_back(hi);
    double h = Source::integrated_sf(hi);
    for (size_t c = 0; c + 1 < up.size(); ++c) h += integrate(Source::sf, up[c], up[c + 1]);
    // Relative: in the far tails G and H are tiny, and that is where they must not lose
    // digits; where the quadrature gives exactly 0 (no mass), so must they.
    auto expect_relative = [&](double value, double truth, const char* what) {
      if (truth == 0.0)
        EXPECT_EQ(value, 0.0) << what << "(" << t << ")";
      else
        EXPECT_NEAR(value / truth, 1.0, 1e-9) << what << "(" << t << ") = " << value << ", quadrature " << truth;
    };
    expect_relative(Source::integrated_cdf(t), g, "G");
    expect_relative(Source::integrated_sf(t), h, "H");
  }
}

TEST(Sources, QuantilesInvertTheCdfAcrossTheTails) {
  expect_quantiles_invert_tails<UniformSource>();
  expect_quantiles_invert_tails<ExponentialSource>();
  expect_quantiles_invert_tails<GaussianSource>();
  expect_quantiles_invert_tails<LaplaceSource>();
}

TEST(Sources, IntegratedCdfsMatchQuadrature) {
  expect_integrated_laws_match_quadrature<UniformSource>(-2.0, 3.0, {0.0, 1.0});
  expect_integrated_laws_match_quadrature<ExponentialSource>(-2.0, 40.0, {0.0});
  expect_integrated_laws_match_quadrature<GaussianSource>(-12.0, 12.0, {});
  expect_integrated_laws_match_quadrature<LaplaceSource>(-40.0, 40.0, {0.0});
}

// G(t) - H(t) = t - E[X]: the identity that ties the left-tail and right-tail forms.
TEST(Sources, IntegratedCdfMinusSurvivalIsTheShiftedIdentity) {
  const double means[4] = {0.5, 1.0, 0.0, 0.0};
  const double t = 0.37;
  EXPECT_NEAR(UniformSource::integrated_cdf(t) - UniformSource::integrated_sf(t), t - means[0], 1e-15);
  EXPECT_NEAR(ExponentialSource::integrated_cdf(t) - ExponentialSource::integrated_sf(t), t - means[1], 1e-15);
  EXPECT_NEAR(GaussianSource::integrated_cdf(t) - GaussianSource::integrated_sf(t), t - means[2], 1e-15);
  EXPECT_NEAR(LaplaceSource::integrated_cdf(t) - LaplaceSource::integrated_sf(t), t - means[3], 1e-15);
}

TEST(Sources, GaussianTailReferenceValues) {
  // Q(x) = P(X > x) for N(0,1), reference values to 16 digits (Abramowitz–Stegun / mpmath).
  EXPECT_NEAR(GaussianSource::sf(5.0) / 2.866515718791939e-07, 1.0, 1e-13);
  EXPECT_NEAR(GaussianSource::sf(10.0) / 7.619853024160527e-24, 1.0, 1e-13);
  EXPECT_NEAR(GaussianSource::isf(1e-10) / 6.361340902404056, 1.0, 1e-14);
  EXPECT_NEAR(GaussianSource::icdf(0.975), 1.959963984540054, 1e-14);
}

TEST(Sources, SamplingReachesTheFarTailsWithoutRoundingToInfinity) {
  EXPECT_NEAR(ExponentialSource::tail_quantile(kMinSourceU, true), 54.0 * std::log(2.0), 1e-12);
  EXPECT_TRUE(std::isfinite(GaussianSource::tail_quantile(kMinSourceU, false)));
  EXPECT_LT(GaussianSource::tail_quantile(kMinSourceU, false), -8.0);
  EXPECT_GT(GaussianSource::tail_quantile(kMinSourceU, true), 8.0);
  EXPECT_NEAR(LaplaceSource::tail_quantile(kMinSourceU, false), -53.0 * std::log(2.0), 1e-12);
}

// Each source's one-evaluation tail_quantile gives the bits of its definition, icdf(t)
// or isf(t), over the whole of (0, 1): both ends to 2^-54 and the middle densely.
template <class Source>
void expect_tail_quantile_is_icdf_or_isf() {
  std::vector<double> ts;
  for (double t = kMinSourceU; t < 0.5; t = t * 1.37 + 0x1p-60) ts.push_back(t), ts.push_back(1.0 - t);
  for (int k = 1; k < 4096; ++k) ts.push_back(k / 4096.0 + 0x1p-20);
  for (double end : {0.0, 0.5, 1.0}) ts.push_back(end);
  for (double t : ts) {
    SCOPED_TRACE(t);
    EXPECT_EQ(Source::tail_quantile(t, false), Source::icdf(t));
    EXPECT_EQ(Source::tail_quantile(t, true), Source::isf(t));
  }
}

TEST(Sources, TailQuantileIsIcdfOrIsf) {
  expect_tail_quantile_is_icdf_or_isf<UniformSource>();
  expect_tail_quantile_is_icdf_or_isf<ExponentialSource>();
  expect_tail_quantile_is_icdf_or_isf<GaussianSource>();
  expect_tail_quantile_is_icdf_or_isf<LaplaceSource>();
}

// The draw's U: 52 bits of Philox output and a half-ulp offset, exact, strictly inside
// (0, 1/2), and the half from the remaining bit of the first word.
TEST(Sources, TailUniformIsExactAndNeverReachesTheEnds) {
  const uint64_t seed = 0x5eed;
  for (uint64_t s : {uint64_t{0}, uint64_t{1}, uint64_t{123456789}, ~uint64_t{0}}) {
    for (uint64_t k = s; k != s + 20000; ++k) {
      const SampleRandoms r = draw_randoms(seed, k);
      const Philox4x32Words counter{static_cast<uint32_t>(k), static_cast<uint32_t>(k >> 32), 0u, 0u};
      const Philox4x32Words words = philox4x32_10(counter, Philox4x32Key{static_cast<uint32_t>(seed), 0u});
      const uint64_t bits52 = (uint64_t{words.x & 0x7fffffffu} << 21) | (words.y >> 11);
      ASSERT_EQ(r.tail_u, std::ldexp(static_cast<long double>(bits52) + 0.5L, -53));
      ASSERT_EQ(r.upper, words.x >> 31);
      ASSERT_EQ(r.common, words.z);
      ASSERT_EQ(r.priv, words.w);
    }
  }
  EXPECT_EQ((0x1p52 - 0.5) * 0x1p-53, 0.5 - kMinSourceU);  // the largest tail_u is exact, below 1/2
}

}  // namespace
