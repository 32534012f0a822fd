// The unit circle (seed Section 3): Theorem 3.1 for MultiQuan, Theorem 3.3's extreme
// points for dithered quantization, and the centroid decoder's 1 - sinc^2(pi/L).
#include <gtest/gtest.h>

#include <cmath>

#include "tests/backend_param.hpp"

namespace {

using rdp::Job;
using rdp::SchemeKind;
using rdp::SourceKind;

constexpr double kPi = 3.14159265358979323846;
double sinc(double t) { return std::sin(t) / t; }

class Circle : public rdp::testing::BackendTest {
 protected:
  static Job circle_job(SchemeKind scheme, uint32_t L, uint32_t N = 1) {
    Job job;
    job.scheme = scheme;
    job.source = SourceKind::circle;
    job.L = L;
    job.N = N;
    job.samples = 1000000;
    job.seed = 20261123;
    return job;
  }
};

// Every quantizer's L cells are equiprobable, so the plug-in H(i | n) of N groups of
// n/N samples falls below log2 L by chi^2_{N(L-1)} / (2 n ln 2) to first order; the
// bound is that chi-square's mean plus 5 of its standard deviations.
double uniform_cells_rate_tolerance(uint32_t cells_minus_one_total, uint64_t n) {
  const double dof = cells_minus_one_total;
  return (dof + 5.0 * std::sqrt(2.0 * dof)) / (2.0 * static_cast<double>(n) * std::log(2.0));
}

TEST_P(Circle, MultiquanMatchesTheorem31) {
  for (auto [L, N] : {std::pair{2u, 1u}, {2u, 4u}, {3u, 2u}, {4u, 8u}}) {
    SCOPED_TRACE(testing::Message() << "L=" << L << " N=" << N);
    const auto r = run(circle_job(SchemeKind::multiquan, L, N));
    const double d = 2.0 - 2.0 * sinc(kPi / (L * N)) * sinc(kPi / L);
    EXPECT_NEAR(r.distortion, d, 5.0 * r.distortion_se);
    EXPECT_LE(r.rate.bits, std::log2(L) + 1e-12);
    EXPECT_NEAR(r.rate.bits, std::log2(L), uniform_cells_rate_tolerance(N * (L - 1), r.job.samples));
    EXPECT_GT(r.perception.chi2_pvalue, 1e-4) << "X^ should be uniform on the circle";
    EXPECT_EQ(r.overflow, 0u);
  }
}

TEST_P(Circle, OneBitValuesOfTheSeedPaper) {
  const auto private_only = run(circle_job(SchemeKind::multiquan, 2, 1));
  EXPECT_NEAR(private_only.distortion, 2.0 - 8.0 / (kPi * kPi), 5.0 * private_only.distortion_se);
  const auto dithered = run(circle_job(SchemeKind::dithered, 2));
  EXPECT_NEAR(dithered.distortion, 2.0 - 4.0 / kPi, 5.0 * dithered.distortion_se);
}

TEST_P(Circle, DitheredReachesTheorem33ExtremePoints) {
  for (uint32_t L : {2u, 3u, 8u}) {
    SCOPED_TRACE(L);
    const auto r = run(circle_job(SchemeKind::dithered, L));
    EXPECT_NEAR(r.distortion, 2.0 - 2.0 * sinc(kPi / L), 5.0 * r.distortion_se);
    EXPECT_NEAR(r.rate.bits, std::log2(L), uniform_cells_rate_tolerance(L - 1, r.job.samples));
    EXPECT_GT(r.perception.chi2_pvalue, 1e-4);
  }
}

TEST_P(Circle, CentroidDecoderLiesInsideTheDisc) {
  for (uint32_t L : {2u, 5u}) {
    SCOPED_TRACE(L);
    const auto r = run(circle_job(SchemeKind::deterministic, L));
    const double s = sinc(kPi / L);
    EXPECT_NEAR(r.distortion, 1.0 - s * s, 5.0 * r.distortion_se);
    EXPECT_LT(r.perception.chi2_pvalue, 1e-12) << "L reconstruction points cannot pass for a uniform law";
  }
}

RDPSIM_ON_EVERY_BACKEND(Circle);

}  // namespace
