// Threshold optimization (Zhou & Tian, Appendix D; docs/theory.md §8): descent never
// increases the exact Lagrangian; the gradient method ends at a stationary point of the
// exact Lagrangian, checked by differences of `rdpsim exact` itself; pseudo-Lloyd returns
// its best sweep and says when it drifted past it; optimized designs keep perfect
// perception; Monte Carlo of an optimized design agrees with `rdpsim exact` and confirms
// the improvement; bad threshold files and options are rejected.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string>

#include "tests/backend_param.hpp"
#include "tests/cli_runner.hpp"
#include "host/exact/exact.hpp"
#include "host/optimize/threshold_optimizer.hpp"
#include "host/schemes/multiquan_thresholds.hpp"

namespace {

using rdp::OptimizeMethod;
using rdp::SourceKind;

rdp::OptimizeOptions options(OptimizeMethod method, SourceKind source, uint32_t N, double step, double lambda) {
  rdp::OptimizeOptions o;
  o.method = method;
  o.source = source;
  o.N = N;
  o.step = step;
  o.lambda = lambda;
  o.max_iterations = 60;
  o.progress = false;
  return o;
}

TEST(Optimize, GradientStepsNeverIncreaseTheLagrangian) {
  for (auto [source, N, step] : {std::tuple{SourceKind::exponential, 4u, 0.5}, {SourceKind::uniform, 8u, 0.125},
                                 {SourceKind::gaussian, 2u, 0.4}}) {
    SCOPED_TRACE(rdp::to_string(source));
    // lambda = -dD/dR of the uniform-offset curve at high rate: 2 ln 2 D.
    const rdp::Job start = rdp::make_job(rdp::SchemeKind::multiquan, source, N, 0, step);
    const double lambda = 2.0 * std::log(2.0) * rdp::evaluate_exact(start).distortion;
    const auto r = rdp::optimize_thresholds(options(OptimizeMethod::gradient, source, N, step, lambda));
    ASSERT_FALSE(r.history.empty());
    EXPECT_LE(r.history.front(), r.before.lagrangian + 1e-15);
    for (size_t k = 1; k < r.history.size(); ++k) EXPECT_LE(r.history[k], r.history[k - 1]) << "step " << k;
    EXPECT_LT(r.after.lagrangian, r.before.lagrangian);
    // The reported figures are `rdpsim exact` of the thresholds written out.
    EXPECT_NEAR(r.after.lagrangian, r.history.back(), 1e-9 * r.after.lagrangian);
  }
}

// lambda = -dD/dR of the uniform-offset curve at high rate, 2 ln 2 D: the design stays near its rate.
double high_rate_lambda(SourceKind source, uint32_t N, double step) {
  return 2.0 * std::log(2.0) *
         rdp::evaluate_exact(rdp::make_job(rdp::SchemeKind::multiquan, source, N, 0, step)).distortion;
}

// The exact Lagrangian of the whole design c, by `rdpsim exact`'s evaluator (not the
// optimizer's window sums).
double lagrangian(const rdp::OptimizeOptions& o, const rdp::OptimizeResult& r, const std::vector<double>& c) {
  rdp::Job job = rdp::make_job(rdp::SchemeKind::multiquan, o.source, o.N, 0, o.step);
  job.thresholds = c;
  job.thresholds_first = r.first;
  return rdp::design_figures(job, o.lambda).lagrangian;
}

TEST(Optimize, GradientMethodEndsAtAStationaryPointOfTheExactLagrangian) {
  for (auto [source, N, step] : {std::tuple{SourceKind::exponential, 4u, 0.5}, {SourceKind::uniform, 8u, 0.125}}) {
    SCOPED_TRACE(rdp::to_string(source));
    auto o = options(OptimizeMethod::gradient, source, N, step, high_rate_lambda(source, N, step));
    o.max_iterations = 200;
    const auto r = rdp::optimize_thresholds(o);
    ASSERT_TRUE(r.converged) << r.stopped;
    EXPECT_LE(r.gradient_norm, r.gradient_tolerance);
    // The tolerance is 1e-6 (peak density) step^2, the density being the mean over the
    // densest row [(i - 1/2) step, (i + 1/2) step): 1 for the uniform source; for the
    // exponential, row 0 (mass 1 - e^(-step/2)) or row 1.
    const double peak = source == SourceKind::uniform
                            ? 1.0
                            : std::max(-std::expm1(-0.5 * step), std::exp(-0.5 * step) - std::exp(-1.5 * step)) / step;
    EXPECT_NEAR(r.gradient_tolerance, 1e-6 * peak * step * step, 1e-12 * r.gradient_tolerance);
    // Independently: central differences of the whole design's exact J, boundary by
    // boundary. Their own error (h^2 J'''/6 and eps J / h) is below 1e-3 of the
    // tolerance here, which the 1 % margin covers.
    const double h = 1e-4 * step;
    const double lo = 0.0, hi = source == SourceKind::uniform ? 1.0 : INFINITY;
    const double J = lagrangian(o, r, r.boundaries);
    size_t inside = 0;
    for (size_t k = 0; k < r.boundaries.size(); ++k) {
      std::vector<double> c = r.boundaries;
      const double x = c[k];
      if (x - h < lo || x + h > hi) {
        if (x > lo && x < hi) continue;  // within h of an edge: the kink would sit inside the stencil
        // On an edge of the support: moving inwards must not help.
        c[k] = x <= lo ? lo + h : hi - h;
        if (!rdp::first_disorder(c, r.first, N, step))
          EXPECT_GE((lagrangian(o, r, c) - J) / h, -1.01 * r.gradient_tolerance) << "boundary " << k << " at " << x;
        continue;
      }
      c[k] = x + h;
      if (rdp::first_disorder(c, r.first, N, step)) continue;
      const double up = lagrangian(o, r, c);
      c[k] = x - h;
      if (rdp::first_disorder(c, r.first, N, step)) continue;
      const double down = lagrangian(o, r, c);
      EXPECT_LE(std::fabs(up - down) / (2.0 * h), 1.01 * r.gradient_tolerance) << "boundary " << k << " at " << x;
      ++inside;
    }
    EXPECT_GT(inside, r.boundaries.size() / 4) << "most boundaries must have been checked";
  }
}

TEST(Optimize, IterationLimitIsReportedAsNotConverged) {
  auto o = options(OptimizeMethod::gradient, SourceKind::exponential, 8, 0.5,
                   high_rate_lambda(SourceKind::exponential, 8, 0.5));
  o.max_iterations = 1;
  const auto r = rdp::optimize_thresholds(o);
  EXPECT_FALSE(r.converged);
  EXPECT_EQ(r.stopped, "iteration limit");
  EXPECT_GT(r.gradient_norm, r.gradient_tolerance);
}

// Zhou & Tian's setting for gradient descent (20 fixed steps of 0.001) moves the design
// a little way from its start; the Newton method's optimum gains far more.
TEST(Optimize, FixedStepDescentStopsFarShortOfTheConvergedOptimum) {
  auto o = options(OptimizeMethod::gradient, SourceKind::exponential, 4, 0.5, 0.028);
  const auto converged = rdp::optimize_thresholds(o);
  o.fixed_step = 0.001;
  o.max_iterations = 20;
  const auto fixed = rdp::optimize_thresholds(o);
  EXPECT_EQ(fixed.iterations, 20);
  EXPECT_FALSE(fixed.converged);
  const double gain_fixed = fixed.before.lagrangian - fixed.after.lagrangian;
  const double gain_converged = converged.before.lagrangian - converged.after.lagrangian;
  EXPECT_GT(gain_fixed, 0.0);
  EXPECT_LT(gain_fixed, 0.1 * gain_converged);
}

TEST(Optimize, PseudoLloydReturnsItsBestSweepAndSaysWhichItWas) {
  const auto r = rdp::optimize_thresholds(options(OptimizeMethod::lloyd, SourceKind::exponential, 4, 0.5, 0.028));
  ASSERT_FALSE(r.history.empty());
  const auto best = std::min_element(r.history.begin(), r.history.end());
  EXPECT_NEAR(r.after.lagrangian, std::min(*best, r.before.lagrangian), 1e-9 * r.after.lagrangian);
  if (*best < r.before.lagrangian) EXPECT_EQ(r.best_iteration, best - r.history.begin() + 1);
  // Here the sweeps after the best one raise J: the case the report must flag.
  EXPECT_LT(r.best_iteration, r.iterations);
}

TEST(OptimizeCli, ReportsConvergenceAndLloydsDrift) {
  const auto gradient = rdp::testing::run_cli(
      "optimize --method gradient --source exponential --N 4 --step 0.5 --lambda 0.028 --quiet", "2>/dev/null");
  ASSERT_EQ(gradient.status, 0) << gradient.out;
  EXPECT_NE(gradient.out.find("\"converged\":true"), std::string::npos) << gradient.out;
  EXPECT_NE(gradient.out.find("\"gradient_norm\""), std::string::npos) << gradient.out;
  const auto lloyd = rdp::testing::run_cli(
      "optimize --method lloyd --source exponential --N 4 --step 0.5 --lambda 0.028 --iterations 30");
  ASSERT_EQ(lloyd.status, 0) << lloyd.out;
  EXPECT_NE(lloyd.out.find("had the lowest Lagrangian"), std::string::npos) << lloyd.out;
  EXPECT_NE(lloyd.out.find("\"drifted_past_best\":true"), std::string::npos) << lloyd.out;
}

TEST(OptimizeCli, RejectsBadOptionsWithExitTwo) {
  for (const std::string bad : {"--method gradient --gradient-tolerance 0", "--method gradient --fixed-step -1",
                                "--method lloyd --fixed-step 0.001"}) {
    const auto r = rdp::testing::run_cli("optimize --source exponential --N 4 --step 0.5 --lambda 0.028 --quiet " + bad);
    EXPECT_EQ(r.status, 2) << bad << ": " << r.out;
  }
}

class OptimizedDesign : public rdp::testing::BackendTest {};

TEST_P(OptimizedDesign, MonteCarloConfirmsTheExactImprovementAndPerfectPerception) {
  for (uint32_t N : {2u, 4u}) {
    SCOPED_TRACE(N);
    const double lambda = 0.028;
    const auto r = rdp::optimize_thresholds(options(OptimizeMethod::gradient, SourceKind::exponential, N, 0.5, lambda));
    rdp::Job job = rdp::make_job(rdp::SchemeKind::multiquan, SourceKind::exponential, N, 0, 0.5, 4000000, 17);
    const auto uniform = run(job);
    job.thresholds = r.boundaries;
    job.thresholds_first = r.first;
    const auto optimized = run(job);

    EXPECT_NEAR(optimized.distortion, r.after.distortion, 5.0 * optimized.distortion_se);
    // The plug-in H(i | n) falls short by about |bias| (EntropyEstimate::bias, tested in
    // test_entropy.cpp); allowed twice on top of 5 standard errors (docs/theory.md §7.4).
    EXPECT_NEAR(optimized.rate.bits, r.after.rate_bits, 5.0 * optimized.rate.se + 2.0 * std::fabs(optimized.rate.bias));
    EXPECT_GT(optimized.perception.ks_pvalue, 1e-4) << "optimized thresholds must keep X^ ~ X";
    EXPECT_EQ(optimized.overflow, 0u);
    // The improvement, measured: L = D + lambda R of both designs, with the standard
    // error of the difference taken as if the runs were independent (they share their
    // source draws, which only makes the difference less noisy).
    auto L = [&](const rdp::Result& x) { return x.distortion + lambda * x.rate.bits; };
    auto var = [&](const rdp::Result& x) {
      return x.distortion_se * x.distortion_se + lambda * lambda * x.rate.se * x.rate.se;
    };
    EXPECT_GT(L(uniform) - L(optimized), 5.0 * std::sqrt(var(uniform) + var(optimized)));
  }
}

RDPSIM_ON_EVERY_BACKEND(OptimizedDesign);

struct BadThresholds {
  const char* json;
  const char* names;
};

class ThresholdsFileRejected : public ::testing::TestWithParam<BadThresholds> {};

TEST_P(ThresholdsFileRejected, WithExitTwoAndTheReason) {
  const std::string path = rdp::testing::scratch_path("bad_thresholds.json");
  std::ofstream(path) << GetParam().json;
  const auto r = rdp::testing::run_cli(
      "run --scheme multiquan --source uniform --N 2 --step 0.5 --samples 1e3 --backend cpu --thresholds " + path);
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find(GetParam().names), std::string::npos) << r.out;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ThresholdsFileRejected,
    ::testing::Values(
        BadThresholds{R"({"source":"uniform","N":2,"step":0.5,"first":0,"boundaries":[-0.25,0.3,0.2,0.6]})",
                      "must not decrease"},
        BadThresholds{R"({"source":"uniform","N":2,"step":0.5,"first":0,"boundaries":[-0.25,0.0,0.25]})",
                      "whole rows"},
        BadThresholds{R"({"source":"uniform","N":2,"step":0.5,"first":0,"boundaries":[-0.25,null,0.25,0.5]})",
                      "not a finite number"},
        BadThresholds{R"({"source":"uniform","N":4,"step":0.5,"first":0,"boundaries":[0,0.1,0.2,0.3]})",
                      "was made for --source uniform --N 4"},
        BadThresholds{R"({"source":"uniform","N":2,"step":0.5,"first":0,"boundaries":[-0.6,0.0,0.25,0.5]})",
                      "the uniform grid outside the file"},
        BadThresholds{R"({"source":"uniform","N":2,"step":0.5})", "has no \"first\""},
        BadThresholds{"{not json", "is not JSON"}));

}  // namespace
