// The unit circle (Zhou & Tian, §3; docs/theory.md §2.5, §6.4, §7.1): Zhou & Tian,
// Thm 3.1 for MultiQuan, Thm 3.3's extreme points for dithered quantization, and the
// centroid decoder's 1 - sinc^2(pi/L).
#include <gtest/gtest.h>

#include <boost/math/distributions/chi_squared.hpp>
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
    return rdp::make_job(scheme, SourceKind::circle, N, L, 0.0, 1000000, 20261123);
  }
};

// Every quantizer's L cells are equiprobable (docs/theory.md §6.4), so the plug-in
// entropy's deficit is a G statistic: a group of m samples gives 2 m ln 2 (log2 L - H^_g)
// = 2 sum_c k_c ln(k_c L / m) ~ chi^2_{L-1}, and the groups' statistics add, so for
// `groups` groups sharing n samples 2 n ln 2 (log2 L - H^) ~ chi^2_{groups (L-1)}
// (Miller's bias of docs/theory.md §5.3 is this law's mean). The deficit must lie between
// that law's quantiles at the one-sided tail probability of 5 normal standard deviations:
// the chi-square's own quantiles rather than mean -+ 5 sd, whose lower end is below 0
// for every dof here and would leave only H^ <= log2 L, which any plug-in entropy of L
// cells satisfies.
void expect_uniform_cells_deficit(double bits, uint32_t L, uint32_t groups, uint64_t n) {
  const boost::math::chi_squared deficit_law(static_cast<double>(groups) * (L - 1));
  const double tail = 0.5 * std::erfc(5.0 / std::sqrt(2.0));  // P(Z > 5) for Z standard normal
  const double scale = 2.0 * static_cast<double>(n) * std::log(2.0);
  const double deficit = std::log2(static_cast<double>(L)) - bits;
  EXPECT_GE(deficit, boost::math::quantile(deficit_law, tail) / scale) << "H^ = " << bits;
  EXPECT_LE(deficit, boost::math::quantile(complement(deficit_law, tail)) / scale) << "H^ = " << bits;
}

TEST_P(Circle, MultiquanMatchesTheorem31) {
  for (auto [L, N] : {std::pair{2u, 1u}, {2u, 4u}, {3u, 2u}, {4u, 8u}}) {
    SCOPED_TRACE(testing::Message() << "L=" << L << " N=" << N);
    const auto r = run(circle_job(SchemeKind::multiquan, L, N));
    const double d = 2.0 - 2.0 * sinc(kPi / (L * N)) * sinc(kPi / L);
    EXPECT_NEAR(r.distortion, d, 5.0 * r.distortion_se);
    expect_uniform_cells_deficit(r.rate.bits, L, N, r.job.samples);
    EXPECT_GT(r.perception.chi2_pvalue, 1e-4) << "X^ should be uniform on the circle";
    EXPECT_EQ(r.overflow, 0u);
  }
}

// Zhou & Tian's one-bit values (docs/theory.md §7.1).
TEST_P(Circle, OneBitValuesOfZhouTian) {
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
    expect_uniform_cells_deficit(r.rate.bits, L, 1, r.job.samples);
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
