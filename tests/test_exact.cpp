// `rdpsim exact` against the closed forms of docs/theory.md §6 and §7.3, and Monte Carlo
// against `rdpsim exact` for every scheme x source, within 5 standard errors (§7.4).
#include <gtest/gtest.h>

#include <cmath>

#include "tests/backend_param.hpp"
#include "host/exact/circle_theory.hpp"
#include "host/exact/exact.hpp"

namespace {

using rdp::Job;
using rdp::SchemeKind;
using rdp::SourceKind;

Job make_job(SchemeKind scheme, SourceKind source, uint32_t N, double step, uint32_t L = 0) {
  return rdp::make_job(scheme, source, N, L, step, 400000, 11);
}

// Values that `rdpsim exact` computes with no quadrature error, only rounding: on U[0,1]
// the masses are closed forms and the moments polynomials, which 8-point Gauss-Legendre
// integrates exactly (docs/theory.md §6), and the circle's are closed forms (§6.4). They
// are sums of a few dozen doubles of at most a few units, rounded to ~1e-16 relative:
// measured at most 7e-18 absolute (3e-15 relative for the dithered D ~ 3e-4).
constexpr double kRoundoff = 1e-14;          // absolute, for values of order 1: 20 ulps of 2
constexpr double kRelativeRoundoff = 1e-13;  // for the small distortions: 30 times the measured
// The limit H(k | Z) is a quadrature whose error is Delta times that of 8-point
// Gauss-Legendre on 64 panels of int_0^1 h_b(s) ds, limited by h_b's logarithmic
// singularities to 3.4e-8 (measured; see test_dithered.cpp): 1e-7 per unit of Delta.
constexpr double kLimitQuadraturePerStep = 1e-7;

// docs/theory.md §6.1 and §7.3.
TEST(Exact, UniformMultiquanClosedForms) {
  EXPECT_NEAR(rdp::evaluate_exact(make_job(SchemeKind::multiquan, SourceKind::uniform, 1, 0.25)).rate_bits, 2.25,
              kRoundoff);
  EXPECT_NEAR(rdp::evaluate_exact(make_job(SchemeKind::multiquan, SourceKind::uniform, 2, 0.25)).rate_bits, 2.125,
              kRoundoff);
  // N=1, step 1/4: interior cells give 2 Var(U[0,1/4]) and the two half cells 2 Var(U[0,1/8]).
  EXPECT_NEAR(rdp::evaluate_exact(make_job(SchemeKind::multiquan, SourceKind::uniform, 1, 0.25)).distortion,
              13.0 / 1536.0, kRelativeRoundoff * 13.0 / 1536.0);
}

TEST(Exact, UniformDitheredClosedForms) {
  for (uint32_t M : {2u, 4u, 16u}) {
    SCOPED_TRACE(M);
    const double d = 1.0 / M;
    const auto r = rdp::evaluate_exact(make_job(SchemeKind::dithered, SourceKind::uniform, 1, d));
    const double distortion = d * d / 12.0 - d * d * d / 30.0;
    EXPECT_NEAR(r.distortion, distortion, kRelativeRoundoff * distortion);
    EXPECT_NEAR(r.rate_bits, std::log2(M) + 1.0 / M, kRoundoff);
    ASSERT_TRUE(r.rate_conditional_limit_bits && r.rate_conditional_bits);
    EXPECT_NEAR(*r.rate_conditional_limit_bits, std::log2(M) + d / (2.0 * std::log(2.0)), kLimitQuadraturePerStep * d);
    EXPECT_GT(*r.rate_conditional_bits, *r.rate_conditional_limit_bits);  // binning only loses information
  }
  EXPECT_EQ(rdp::evaluate_exact(make_job(SchemeKind::dithered_raw, SourceKind::gaussian, 1, 0.3)).distortion,
            0.3 * 0.3 / 12.0);
}

TEST(Exact, CircleClosedForms) {
  const double pi = 3.14159265358979323846;
  auto r = rdp::evaluate_exact(make_job(SchemeKind::multiquan, SourceKind::circle, 1, 0.0, 2));
  EXPECT_NEAR(r.distortion, 2.0 - 8.0 / (pi * pi), kRoundoff);
  EXPECT_EQ(r.rate_bits, 1.0);
  r = rdp::evaluate_exact(make_job(SchemeKind::dithered, SourceKind::circle, 1, 0.0, 2));
  EXPECT_NEAR(r.distortion, 2.0 - 4.0 / pi, kRoundoff);
}

TEST(Exact, TheoremThreeTwoCurveLiesBelowTheOneShotSchemes) {
  // Zhou & Tian, Thm 3.2 (docs/theory.md §7.1): R(D, 0) of the von Mises family, rate 0
  // at D = 2, and below the scalar bound of Thm 3.3.
  const auto flat = rdp::circle::perfect_perception_rd(1e-9);
  EXPECT_NEAR(flat.rate_bits, 0.0, 1e-9);
  EXPECT_NEAR(flat.distortion, 2.0, 1e-8);
  for (double rate : {0.5, 1.0, 2.0, 3.0}) {
    const double d_scalar = rdp::circle::scalar_distortion_bound(rate);
    EXPECT_LT(rdp::circle::perfect_perception_rate(d_scalar), rate);
  }
  // High rate: Z ~ N(0, 1/lambda), so R = 0.5 log2(2 pi lambda / e) and D = 1/lambda.
  const auto sharp = rdp::circle::perfect_perception_rd(1e4);
  EXPECT_NEAR(sharp.rate_bits, 0.5 * std::log2(2.0 * 3.14159265358979323846 * 1e4 / std::exp(1.0)), 1e-3);
  EXPECT_NEAR(sharp.distortion, 1e-4, 1e-7);
}

class ExactVersusMonteCarlo : public rdp::testing::BackendTest {};

TEST_P(ExactVersusMonteCarlo, EverySchemeOnEverySource) {
  const SourceKind sources[] = {SourceKind::uniform, SourceKind::exponential, SourceKind::gaussian, SourceKind::laplace};
  const SchemeKind schemes[] = {SchemeKind::multiquan, SchemeKind::dithered, SchemeKind::dithered_raw,
                                SchemeKind::deterministic};
  for (SourceKind source : sources)
    for (SchemeKind scheme : schemes) {
      const uint32_t N = scheme == SchemeKind::multiquan ? 3 : 1;
      const Job job = make_job(scheme, source, N, source == SourceKind::uniform ? 0.2 : 0.7);
      SCOPED_TRACE(testing::Message() << rdp::to_string(scheme) << " on " << rdp::to_string(source));
      const auto exact = rdp::evaluate_exact(job);
      const auto mc = run(job);
      EXPECT_NEAR(mc.distortion, exact.distortion, 5.0 * mc.distortion_se);
      // Plug-in entropies fall short by about |bias| (EntropyEstimate::bias, itself tested
      // in test_entropy.cpp); the checks allow twice it on top of 5 standard errors.
      EXPECT_NEAR(mc.rate.bits, exact.rate_bits, 5.0 * mc.rate.se + 2.0 * std::fabs(mc.rate.bias));
      EXPECT_NEAR(mc.rate_marginal.bits, exact.rate_marginal_bits,
                  5.0 * mc.rate_marginal.se + 2.0 * std::fabs(mc.rate_marginal.bias));
      if (exact.rate_conditional_bits)
        EXPECT_NEAR(mc.rate_conditional->bits, *exact.rate_conditional_bits,
                    5.0 * mc.rate_conditional->se + 2.0 * std::fabs(mc.rate_conditional->bias));
    }
  for (SchemeKind scheme : {SchemeKind::multiquan, SchemeKind::dithered, SchemeKind::deterministic}) {
    const Job job = make_job(scheme, SourceKind::circle, scheme == SchemeKind::multiquan ? 3 : 1, 0.0, 5);
    SCOPED_TRACE(rdp::to_string(scheme));
    const auto mc = run(job);
    EXPECT_NEAR(mc.distortion, rdp::evaluate_exact(job).distortion, 5.0 * mc.distortion_se);
  }
}

// A step far beyond the source's scale (the largest accepted): nearly all mass in one
// cell, X^ nearly independent of X, D close to 2 for N(0,1). The fixed-point bound must follow the source's span, not the step, or the
// squared errors underflow and the standard error collapses to zero.
TEST_P(ExactVersusMonteCarlo, StepsFarBeyondTheSourceScale) {
  for (SchemeKind scheme : {SchemeKind::multiquan, SchemeKind::dithered, SchemeKind::deterministic}) {
    SCOPED_TRACE(rdp::to_string(scheme));
    const Job job = make_job(scheme, SourceKind::gaussian, 1, 100.0);
    const auto mc = run(job);
    EXPECT_GT(mc.distortion_se, 0.0);
    EXPECT_NEAR(mc.distortion, rdp::evaluate_exact(job).distortion, 5.0 * mc.distortion_se);
    EXPECT_EQ(mc.saturated, 0u);
  }
}

RDPSIM_ON_EVERY_BACKEND(ExactVersusMonteCarlo);

}  // namespace
