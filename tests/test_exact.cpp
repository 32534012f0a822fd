// `rdpsim exact` against the closed forms of SPEC section 4, and Monte Carlo against
// `rdpsim exact` for every scheme x source, within 5 standard errors.
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

TEST(Exact, UniformMultiquanRatesOfSpec) {
  EXPECT_NEAR(rdp::evaluate_exact(make_job(SchemeKind::multiquan, SourceKind::uniform, 1, 0.25)).rate_bits, 2.25, 1e-12);
  EXPECT_NEAR(rdp::evaluate_exact(make_job(SchemeKind::multiquan, SourceKind::uniform, 2, 0.25)).rate_bits, 2.125, 1e-12);
  // N=1, step 1/4: interior cells give 2 Var(U[0,1/4]) and the two half cells 2 Var(U[0,1/8]).
  EXPECT_NEAR(rdp::evaluate_exact(make_job(SchemeKind::multiquan, SourceKind::uniform, 1, 0.25)).distortion,
              13.0 / 1536.0, 1e-12);
}

TEST(Exact, UniformDitheredClosedForms) {
  for (uint32_t M : {2u, 4u, 16u}) {
    SCOPED_TRACE(M);
    const double d = 1.0 / M;
    const auto r = rdp::evaluate_exact(make_job(SchemeKind::dithered, SourceKind::uniform, 1, d));
    EXPECT_NEAR(r.distortion, d * d / 12.0 - d * d * d / 30.0, 1e-6 * d * d);
    EXPECT_NEAR(r.rate_bits, std::log2(M) + 1.0 / M, 1e-9);
    ASSERT_TRUE(r.rate_conditional_limit_bits && r.rate_conditional_bits);
    EXPECT_NEAR(*r.rate_conditional_limit_bits, std::log2(M) + d / (2.0 * std::log(2.0)), 1e-6);
    EXPECT_GE(*r.rate_conditional_bits, *r.rate_conditional_limit_bits);  // binning only loses information
  }
  EXPECT_EQ(rdp::evaluate_exact(make_job(SchemeKind::dithered_raw, SourceKind::gaussian, 1, 0.3)).distortion,
            0.3 * 0.3 / 12.0);
}

TEST(Exact, CircleClosedForms) {
  const double pi = 3.14159265358979323846;
  auto r = rdp::evaluate_exact(make_job(SchemeKind::multiquan, SourceKind::circle, 1, 0.0, 2));
  EXPECT_NEAR(r.distortion, 2.0 - 8.0 / (pi * pi), 1e-14);
  EXPECT_EQ(r.rate_bits, 1.0);
  r = rdp::evaluate_exact(make_job(SchemeKind::dithered, SourceKind::circle, 1, 0.0, 2));
  EXPECT_NEAR(r.distortion, 2.0 - 4.0 / pi, 1e-14);
}

TEST(Exact, TheoremThreeTwoCurveLiesBelowTheOneShotSchemes) {
  // R(D, 0) of the von Mises family: rate 0 at D = 2, and below the scalar bound.
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

// First-order downward bias of a plug-in entropy, (occupied cells - groups)/(2 n ln 2),
// read off the histogram: bin = index * groups + group. The checks allow twice it.
double plugin_bias(const rdp::Tally& t, uint32_t groups, bool marginal) {
  std::vector<uint64_t> cells;
  if (marginal) {
    cells.assign(t.index_hist.size() / groups, 0);
    for (size_t b = 0; b < t.index_hist.size(); ++b) cells[b / groups] += t.index_hist[b];
    groups = 1;
  } else {
    cells = t.index_hist;
  }
  double occupied = 0.0;
  for (uint64_t c : cells) occupied += c > 0;
  return (occupied - groups) / (2.0 * static_cast<double>(t.samples) * std::log(2.0));
}

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
      // The histogram's groups: offsets n, dither bins, or none.
      const uint32_t groups = scheme == SchemeKind::multiquan ? N : (rdp::is_dithered(scheme) ? job.dither_bins : 1);
      const double marginal_bias = plugin_bias(mc.tally, groups, true);
      const double conditional_bias = plugin_bias(mc.tally, groups, false);
      const double rate_bias = scheme == SchemeKind::multiquan ? conditional_bias : marginal_bias;
      EXPECT_NEAR(mc.rate.bits, exact.rate_bits, 5.0 * mc.rate.se + 2.0 * rate_bias);
      EXPECT_NEAR(mc.rate_marginal.bits, exact.rate_marginal_bits, 5.0 * mc.rate_marginal.se + 2.0 * marginal_bias);
      if (exact.rate_conditional_bits)
        EXPECT_NEAR(mc.rate_conditional->bits, *exact.rate_conditional_bits,
                    5.0 * mc.rate_conditional->se + 2.0 * conditional_bias);
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
