// Perception estimators (docs/theory.md §5.5, §5.6): the binned W1/W2/KS against values
// computed independently for small known histograms, and a discrimination test: at 1e7
// samples a correct decoder sits at the Monte Carlo noise floor (W1 of pure source
// samples of the same size) while dithered-raw and the literal eq. (6) decoder of Zhou &
// Tian (docs/theory.md §2.6) do not.
#include <gtest/gtest.h>

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <random>
#include <tuple>
#include <utility>
#include <vector>

#include "tests/backend_param.hpp"
#include "host/estimators/perception.hpp"
#include "kernels/sources.cuh"

namespace {

using rdp::SchemeKind;
using rdp::SourceKind;

double uniform_quantile(double u) { return u; }

// W1 and W2 of a binned law are sums over at most 2P pieces on which both maps are
// linear, integrated by 4-point Gauss-Legendre; with the uniform's linear quantile the
// rule is exact and only rounding is left: at most ~2P * 1e-16 ~ 2e-13 for P = 1024
// (measured at most 2e-16).
constexpr double kPieceSumRoundoff = 1e-12;
// KS compares counts over their total with b/P, exact binary fractions here: one
// rounding at most.
constexpr double kFractionRoundoff = 1e-15;

TEST(PerceptionEstimators, AllMassInTheFirstQuarterOfUniform) {
  // 16 bins, every sample in bin 0: the binned empirical law is U[0, 1/16], whose
  // quantile is s/16; so W1 = int |s/16 - s| = 15/32, W2^2 = (15/16)^2 / 3, KS = 15/16.
  std::vector<uint64_t> hist(16, 0);
  hist[0] = 1000;
  const auto p = rdp::line_perception(hist, uniform_quantile);
  ASSERT_TRUE(p.w1 && p.w2);
  EXPECT_NEAR(*p.w1, 15.0 / 32.0, kPieceSumRoundoff);
  EXPECT_NEAR(*p.w2, 15.0 / 16.0 / std::sqrt(3.0), kPieceSumRoundoff);
  EXPECT_NEAR(p.ks, 15.0 / 16.0, kFractionRoundoff);
  EXPECT_LT(p.ks_pvalue, 1e-100);
}

TEST(PerceptionEstimators, FlatHistogramIsAtZeroDistance) {
  std::vector<uint64_t> hist(1024, 37);
  const auto p = rdp::line_perception(hist, rdp::quantile<rdp::GaussianSource>);
  EXPECT_NEAR(*p.w1, 0.0, kPieceSumRoundoff);
  EXPECT_NEAR(p.ks, 0.0, kFractionRoundoff);
  EXPECT_EQ(p.ks_pvalue, 1.0);
  EXPECT_NEAR(p.chi2, 0.0, 1e-9);
}

TEST(PerceptionEstimators, ShiftedExponentialHasW1EqualToTheShift) {
  // X^ = X + 0.25 for exponential X: W1 = W2 = 0.25 exactly. Bin F(X^) = 1 - e^{-(x+0.25)}
  // by its exact mass per bin, with many samples so that counts follow the law.
  const size_t P = 4096;
  const double n = 1e12;
  std::vector<uint64_t> hist(P);
  auto mass_below = [](double u) { return u <= 1.0 - std::exp(-0.25) ? 0.0 : 1.0 - (1.0 - u) * std::exp(0.25); };
  for (size_t b = 0; b < P; ++b)
    hist[b] = static_cast<uint64_t>(std::llround(n * (mass_below((b + 1.0) / P) - mass_below(static_cast<double>(b) / P))));
  const auto p = rdp::line_perception(hist, rdp::quantile<rdp::ExponentialSource>);
  EXPECT_NEAR(*p.w1, 0.25, 2e-3);  // resolution: probability 1/P of smearing in the lowest occupied bin
  EXPECT_NEAR(*p.w2, 0.25, 2e-3);
  EXPECT_NEAR(p.ks, 1.0 - std::exp(-0.25), 1.0 / P);
}

TEST(PerceptionEstimators, CircularW1OfAPointMassIsAQuarterTurn) {
  // All mass at angle ~0 (one bin of 1/1024 turn): the arc distance from a point to a
  // uniform angle is U[0, pi], so W1 = pi/2 up to the bin's width; Kuiper's V -> 1.
  std::vector<uint64_t> hist(1024, 0);
  hist[0] = 5000;
  const auto p = rdp::circle_perception(hist);
  ASSERT_TRUE(p.w1.has_value());
  EXPECT_NEAR(*p.w1, 3.14159265358979 / 2.0, 2.0 * 3.14159265358979 / 1024);
  // E[d^2] for the same arc distance is pi^2/3.
  ASSERT_TRUE(p.w2.has_value());
  EXPECT_NEAR(*p.w2, 3.14159265358979 / std::sqrt(3.0), 2.0 * 3.14159265358979 / 1024);
  EXPECT_NEAR(p.ks, 1.0, 1.0 / 1024);
  EXPECT_STREQ(p.ks_test, "kuiper");
  // A uniform histogram, rotated or not, is at distance zero.
  std::vector<uint64_t> flat(1024, 9);
  EXPECT_NEAR(*rdp::circle_perception(flat).w1, 0.0, kPieceSumRoundoff);
  // W2 is the square root of a variance (docs/theory.md §5.6): a rounding of 1e-16 in
  // W2^2 near 0 is 1e-8 in W2.
  EXPECT_NEAR(*rdp::circle_perception(flat).w2, 0.0, 1e-7);
}

TEST(PerceptionEstimators, KolmogorovAndKuiperPvaluesMatchReferenceQuantiles) {
  // Asymptotic critical values: KS 1.3581/sqrt(n) at 5%, Kuiper 1.7473/sqrt(n) at 5%.
  const double n = 1e8;
  EXPECT_NEAR(rdp::kolmogorov_pvalue(1.3581 / std::sqrt(n), n), 0.05, 1e-4);
  EXPECT_NEAR(rdp::kuiper_pvalue(1.7473 / std::sqrt(n), n), 0.05, 2e-4);
}

// PIT histogram of n pure source draws. F(X) of an exact draw X is uniform, so n uniform
// u from the test's own generator give exactly the law of the source's PIT histogram.
std::vector<uint64_t> pure_source_pit_histogram(uint64_t n, uint64_t seed, size_t bins) {
  std::mt19937_64 gen(seed);
  std::vector<uint64_t> hist(bins, 0);
  for (uint64_t k = 0; k < n; ++k) {
    const double u = std::ldexp(static_cast<double>(gen() >> 11), -53);  // uniform on [0, 1), 53 bits
    ++hist[static_cast<size_t>(u * static_cast<double>(bins))];
  }
  return hist;
}

class PerceptionFloor : public rdp::testing::BackendTest {};

TEST_P(PerceptionFloor, CorrectDecodersSitAtTheNoiseFloorAndBrokenOnesDoNot) {
  constexpr uint64_t n = 10000000;
  constexpr size_t bins = 65536;
  constexpr int replicates = 30;
  // The floor: W1 of pure N(0,1) samples of the same size, over independent replicates.
  std::vector<double> floor, log_floor;
  for (uint64_t rep = 0; rep < replicates; ++rep) {
    floor.push_back(*rdp::line_perception(pure_source_pit_histogram(n, 1000 + rep, bins),
                                          rdp::quantile<rdp::GaussianSource>).w1);
    log_floor.push_back(std::log(floor.back()));
  }
  const auto mean_and_sd = [](const std::vector<double>& x) {
    double mean = 0.0, var = 0.0;
    for (double v : x) mean += v / x.size();
    for (double v : x) var += (v - mean) * (v - mean) / (x.size() - 1);
    return std::pair{mean, std::sqrt(var)};
  };
  const auto [mean, sd] = mean_and_sd(floor);
  // The first-order theory of the floor agrees with the replicates (docs/theory.md §5.5).
  EXPECT_NEAR(mean, rdp::w1_noise_floor(n, rdp::quantile<rdp::GaussianSource>), 5.0 * sd);

  // A correct decoder's X^ are i.i.d. with the source's exact law, so its W1 is one more
  // draw from the replicates' law. The bounds are Student-t prediction bounds: for a new
  // draw Y from a normal law sampled k times with mean m and sd s, (Y - m) / (s sqrt(1 +
  // 1/k)) ~ t_{k-1}, so Y < m + t_{k-1, 1-alpha} s sqrt(1 + 1/k) with probability
  // 1 - alpha. W1 itself is right-skewed (measured over 2000 replicates of 1e6 draws:
  // skewness 1.2, kurtosis 5, the 1e-3 quantile 5 sd above the mean where a normal law
  // has 3.1), so the bounds are taken on log W1, whose skewness there is 0.25. Replicates
  // cost little, so there are 30: with 6, t_5 at alpha = 1e-9 is 99 and the bound would be
  // too loose to catch dithered-raw.
  // Correct decoders must lie below the alpha = 1e-4 bound (4.3 sd of log W1 above its
  // mean: 3 times the floor's geometric mean with these replicates, whose sd of log W1 is
  // 0.26); broken ones must exceed the alpha = 1e-9 bound (8.7 sd: 10 times).
  const auto [log_mean, log_sd] = mean_and_sd(log_floor);
  const boost::math::students_t t(replicates - 1);
  const auto bound = [&, log_mean = log_mean, log_sd = log_sd](double alpha) {
    const double spread = log_sd * std::sqrt(1.0 + 1.0 / replicates);
    return std::exp(log_mean + boost::math::quantile(complement(t, alpha)) * spread);
  };
  const double correct_bound = bound(1e-4), broken_bound = bound(1e-9);

  const auto gaussian_job = [](SchemeKind scheme, uint32_t N, double step) {
    return rdp::make_job(scheme, SourceKind::gaussian, N, 0, step, n, 3);
  };
  for (auto [scheme, N] : {std::pair{SchemeKind::multiquan, 4u}, {SchemeKind::dithered, 1u}}) {
    const auto r = run(gaussian_job(scheme, N, 0.5));
    SCOPED_TRACE(rdp::to_string(scheme));
    EXPECT_LT(*r.perception.w1, correct_bound) << "floor " << mean << " sd " << sd;
    EXPECT_GT(r.perception.ks_pvalue, 1e-4);
  }
  // dithered-raw at Delta = 1 (as in docs/theory.md §7.4): X + Z~ has variance 1 + 1/12
  // and W1 = 0.03, 80 times the floor. At Delta = 1/2 it is 20 times, which replicates
  // with an sd of log W1 of 0.35 (no rarity) would put below the bound. The literal
  // eq. (6) decoder is off by a cell (W1 = 0.5).
  for (auto [scheme, N, step] : {std::tuple{SchemeKind::dithered_raw, 1u, 1.0}, {SchemeKind::multiquan_eq6, 4u, 0.5}}) {
    const auto r = run(gaussian_job(scheme, N, step));
    SCOPED_TRACE(rdp::to_string(scheme));
    EXPECT_GT(*r.perception.w1, broken_bound) << "floor " << mean << " sd " << sd;
    EXPECT_LT(r.perception.ks_pvalue, 1e-12);
  }
}

RDPSIM_ON_EVERY_BACKEND(PerceptionFloor);

}  // namespace
