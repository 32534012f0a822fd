// Dithered quantization (docs/theory.md §2.3, §6.2): dithered-raw's error is
// U[-Delta/2, Delta/2) whatever the source; post-processing phi restores the source's
// law and dithered-raw does not; on U[0,1] with Delta = 1/M, distortion and rates have
// closed forms, which `rdpsim exact` reproduces.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "tests/backend_param.hpp"
#include "host/exact/exact.hpp"

namespace {

using rdp::Job;
using rdp::SchemeKind;
using rdp::SourceKind;

constexpr SourceKind kLineSources[] = {SourceKind::uniform, SourceKind::exponential, SourceKind::gaussian,
                                       SourceKind::laplace};

class Dithered : public rdp::testing::BackendTest {
 protected:
  static Job dithered_job(SchemeKind scheme, SourceKind source, double step, uint32_t L = 0) {
    return rdp::make_job(scheme, source, 1, L, step, 1000000, 7);
  }
};

double entropy_bits(const std::vector<double>& p) {
  double h = 0.0;
  for (double q : p)
    if (q > 0.0) h -= q * std::log2(q);
  return h;
}

// First-order downward bias of a plug-in entropy: (occupied cells - groups) / (2 n ln 2).
// Its fluctuation is sqrt(2 dof) / (2 n ln 2), far below the bias for the dof here, so
// twice the bias bounds the bias term with room to spare.
double plugin_bias_bits(double cells, double groups, double n) { return (cells - groups) / (2.0 * n * std::log(2.0)); }

TEST_P(Dithered, RawErrorIsUniformOverTheCell) {
  for (SourceKind source : kLineSources) {
    for (double step : {0.3, 1.0}) {
      SCOPED_TRACE(testing::Message() << rdp::to_string(source) << " step " << step);
      const auto r = run(dithered_job(SchemeKind::dithered_raw, source, step));
      EXPECT_NEAR(r.distortion, step * step / 12.0, 5.0 * r.distortion_se);
      EXPECT_EQ(r.overflow, 0u);
    }
  }
}

TEST_P(Dithered, PostProcessingRestoresTheSourceLawAndRawDoesNot) {
  for (SourceKind source : kLineSources) {
    SCOPED_TRACE(rdp::to_string(source));
    const auto shaped = run(dithered_job(SchemeKind::dithered, source, 1.0));
    EXPECT_GT(shaped.perception.chi2_pvalue, 1e-4) << "phi(X + Z~) should have the source's law";
    const auto raw = run(dithered_job(SchemeKind::dithered_raw, source, 1.0));
    EXPECT_LT(raw.perception.chi2_pvalue, 1e-12) << "X + Z~ is smoother than X and must fail the test";
  }
}

// The binned H(k | Z) from `rdpsim exact` is a sum of (M + 1) B <= 576 entropy terms of
// at most 1/2 bit from interval masses in closed form (docs/theory.md §6.2): each term
// rounds to about 1e-16 relative, so the sum is off by at most ~3e-14; 1e-13 allows that.
constexpr double kBinnedRoundoff = 1e-13;
// Its limit H(k | Z) = (1/Delta) int H(k | z) dz by 8-point Gauss-Legendre on panels of
// Delta/64. On U[0,1] H(k | z) = log2 M + Delta h_b(s) with s the end piece's share, so
// the error is Delta times the rule's error on int_0^1 h_b(s) ds, limited by h_b's
// logarithmic singularities at s = 0 and 1 to 3.4e-8 (measured for M = 2..16); 1e-7 per
// unit of Delta leaves a factor of 3.
constexpr double kLimitQuadraturePerStep = 1e-7;

// U[0,1] with Delta = 1/M and t = z/Delta uniform on [-1/2, 1/2): k = 0 has mass
// (1/2 - t)/M, k = M has (1/2 + t)/M and k = 1..M-1 have 1/M each. Averaging t over a
// dither bin gives the binned H(k | Z); over all t, the marginal H(k) = log2 M + 1/M and
// H(k | Z) = log2 M + Delta / (2 ln 2), since E h_b(s) = 1/(2 ln 2) for s uniform
// (docs/theory.md §7.3).
TEST_P(Dithered, UniformSourceClosedForms) {
  for (uint32_t M : {4u, 8u}) {
    SCOPED_TRACE(M);
    const double step = 1.0 / M;
    const Job job = dithered_job(SchemeKind::dithered, SourceKind::uniform, step);
    const auto r = run(job);
    EXPECT_NEAR(r.distortion, step * step / 12.0 - step * step * step / 30.0, 5.0 * r.distortion_se);

    const double n = static_cast<double>(job.samples);
    const double marginal = std::log2(M) + 1.0 / M;
    EXPECT_NEAR(r.rate.bits, marginal, 5.0 * r.rate.se + 2.0 * plugin_bias_bits(M + 1, 1, n));

    const uint32_t B = job.dither_bins;
    double conditional = 0.0;
    for (uint32_t b = 0; b < B; ++b) {
      const double upper_mass = (b + 0.5) / B / M;  // mean of (1/2 + t)/M over the bin
      std::vector<double> p(M - 1, 1.0 / M);
      p.push_back(1.0 / M - upper_mass);
      p.push_back(upper_mass);
      conditional += entropy_bits(p) / B;
    }
    ASSERT_TRUE(r.rate_conditional.has_value());
    EXPECT_NEAR(r.rate_conditional->bits, conditional,
                5.0 * r.rate_conditional->se + 2.0 * plugin_bias_bits(B * (M + 1.0), B, n));
    // The exact evaluator gives the same binned value and the limit in closed form, and
    // binning loses information: binned > limit (by 1e-5..1e-4 bit here, far beyond both
    // tolerances).
    const auto exact = rdp::evaluate_exact(job);
    ASSERT_TRUE(exact.rate_conditional_bits && exact.rate_conditional_limit_bits);
    EXPECT_NEAR(*exact.rate_conditional_bits, conditional, kBinnedRoundoff);
    EXPECT_NEAR(*exact.rate_conditional_limit_bits, std::log2(M) + step / (2.0 * std::log(2.0)),
                kLimitQuadraturePerStep * step);
    EXPECT_GT(*exact.rate_conditional_bits, *exact.rate_conditional_limit_bits);
    EXPECT_LT(r.rate_conditional->bits, r.rate.bits);
  }
}

// On the circle theta + Z~ is already uniform: the raw reconstruction has perfect
// perception and the distortion 2 - 2 sinc(pi/L) of Zhou & Tian, Thm 3.3.
TEST_P(Dithered, CircleNeedsNoPostProcessing) {
  const auto raw = run(dithered_job(SchemeKind::dithered_raw, SourceKind::circle, 0.0, 4));
  const double pi = 3.14159265358979323846;
  EXPECT_NEAR(raw.distortion, 2.0 - 2.0 * std::sin(pi / 4) / (pi / 4), 5.0 * raw.distortion_se);
  EXPECT_GT(raw.perception.ks_pvalue, 1e-4);
  EXPECT_GT(raw.perception.chi2_pvalue, 1e-4);
}

RDPSIM_ON_EVERY_BACKEND(Dithered);

}  // namespace
