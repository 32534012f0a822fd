// Perception estimators: the binned W1/W2/KS against values computed independently
// for small known histograms, and the discrimination test: at 1e7 samples a
// correct decoder sits at the Monte Carlo noise floor (W1 of pure source samples of
// the same size) while dithered-raw and the seed's literal eq. (6) decoder do not.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "tests/backend_param.hpp"
#include "host/estimators/perception.hpp"
#include "kernels/sources.cuh"

namespace {

using rdp::Job;
using rdp::SchemeKind;
using rdp::SourceKind;

double uniform_quantile(double u) { return u; }

TEST(PerceptionEstimators, AllMassInTheFirstQuarterOfUniform) {
  // 16 bins, every sample in bin 0: the binned empirical law is U[0, 1/16], whose
  // quantile is s/16; so W1 = int |s/16 - s| = 15/32, W2^2 = (15/16)^2 / 3, KS = 15/16.
  std::vector<uint64_t> hist(16, 0);
  hist[0] = 1000;
  const auto p = rdp::line_perception(hist, uniform_quantile);
  ASSERT_TRUE(p.w1 && p.w2);
  EXPECT_NEAR(*p.w1, 15.0 / 32.0, 1e-12);
  EXPECT_NEAR(*p.w2, 15.0 / 16.0 / std::sqrt(3.0), 1e-12);
  EXPECT_NEAR(p.ks, 15.0 / 16.0, 1e-15);
  EXPECT_LT(p.ks_pvalue, 1e-100);
}

TEST(PerceptionEstimators, FlatHistogramIsAtZeroDistance) {
  std::vector<uint64_t> hist(1024, 37);
  const auto p = rdp::line_perception(hist, rdp::sample_source<rdp::GaussianSource>);
  EXPECT_NEAR(*p.w1, 0.0, 1e-12);
  EXPECT_NEAR(p.ks, 0.0, 1e-15);
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
  const auto p = rdp::line_perception(hist, rdp::sample_source<rdp::ExponentialSource>);
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
  EXPECT_NEAR(*rdp::circle_perception(flat).w1, 0.0, 1e-12);
  EXPECT_NEAR(*rdp::circle_perception(flat).w2, 0.0, 1e-7);
}

TEST(PerceptionEstimators, KolmogorovAndKuiperPvaluesMatchReferenceQuantiles) {
  // Asymptotic critical values: KS 1.3581/sqrt(n) at 5%, Kuiper 1.7473/sqrt(n) at 5%.
  const double n = 1e8;
  EXPECT_NEAR(rdp::kolmogorov_pvalue(1.3581 / std::sqrt(n), n), 0.05, 1e-4);
  EXPECT_NEAR(rdp::kuiper_pvalue(1.7473 / std::sqrt(n), n), 0.05, 2e-4);
}

// PIT histogram of n pure source draws from the test's own generator and CDF.
std::vector<uint64_t> gaussian_pit_histogram(uint64_t n, uint64_t seed, size_t bins) {
  std::mt19937_64 gen(seed);
  std::normal_distribution<double> normal;
  std::vector<uint64_t> hist(bins, 0);
  for (uint64_t k = 0; k < n; ++k) {
    const double u = 0.5 * std::erfc(-normal(gen) / std::sqrt(2.0));
    ++hist[std::min<size_t>(static_cast<size_t>(u * bins), bins - 1)];
  }
  return hist;
}

class PerceptionFloor : public rdp::testing::BackendTest {};

TEST_P(PerceptionFloor, CorrectDecodersSitAtTheNoiseFloorAndBrokenOnesDoNot) {
  constexpr uint64_t n = 10000000;
  constexpr size_t bins = 65536;
  // The floor: W1 of pure N(0,1) samples of the same size, over independent replicates.
  std::vector<double> floor;
  for (uint64_t rep = 0; rep < 6; ++rep)
    floor.push_back(*rdp::line_perception(gaussian_pit_histogram(n, 1000 + rep, bins),
                                          rdp::sample_source<rdp::GaussianSource>).w1);
  double mean = 0.0, var = 0.0;
  for (double w : floor) mean += w / floor.size();
  for (double w : floor) var += (w - mean) * (w - mean) / (floor.size() - 1);
  const double sd = std::sqrt(var);
  // The first-order theory of the floor agrees with the replicates.
  EXPECT_NEAR(mean, rdp::w1_noise_floor(n, rdp::sample_source<rdp::GaussianSource>), 5.0 * sd);

  Job job;
  job.source = SourceKind::gaussian;
  job.step = 0.5;
  job.samples = n;
  job.seed = 3;
  for (SchemeKind scheme : {SchemeKind::multiquan, SchemeKind::dithered}) {
    job.scheme = scheme;
    job.N = scheme == SchemeKind::multiquan ? 4 : 1;
    const auto r = run(job);
    SCOPED_TRACE(rdp::to_string(scheme));
    EXPECT_LT(*r.perception.w1, mean + 5.0 * sd);
    EXPECT_GT(r.perception.ks_pvalue, 1e-4);
  }
  for (SchemeKind scheme : {SchemeKind::dithered_raw, SchemeKind::multiquan_eq6}) {
    job.scheme = scheme;
    job.N = scheme == SchemeKind::multiquan_eq6 ? 4 : 1;
    const auto r = run(job);
    SCOPED_TRACE(rdp::to_string(scheme));
    EXPECT_GT(*r.perception.w1, mean + 20.0 * sd);
    EXPECT_LT(r.perception.ks_pvalue, 1e-12);
  }
}

RDPSIM_ON_EVERY_BACKEND(PerceptionFloor);

}  // namespace
