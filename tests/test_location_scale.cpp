// Sources X = loc + scale * Z (docs/theory.md §1.1): the laws are the documented ones;
// loc = 0, scale = 1 is the standard law bit for bit; `exact` is equivariant (scale s
// with step s Delta: the same rates, s^2 times the distortion); shifts by whole cells are
// symmetries of the uniform-offset quantizers while other shifts change the rate (against
// an independent closed form); Monte Carlo meets `exact` and X^ has the moved law;
// thread counts change no bit; and the command line, sweeps and thresholds files carry
// loc and scale.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "host/estimators/perception.hpp"
#include "host/exact/exact.hpp"
#include "host/exact/step_solver.hpp"
#include "host/optimize/threshold_optimizer.hpp"
#include "host/plan/thresholds_file.hpp"
#include "host/sweep/grid.hpp"
#include "kernels/dispatch.cuh"
#include "kernels/sources.cuh"
#include "tests/backend_param.hpp"
#include "tests/cli_runner.hpp"
#include "tests/independent_laws.hpp"

namespace {

using rdp::Job;
using rdp::SchemeKind;
using rdp::SourceKind;

constexpr double kPi = 3.14159265358979323846;

const SourceKind kLineSources[] = {SourceKind::uniform, SourceKind::exponential, SourceKind::gaussian,
                                   SourceKind::laplace};
const SchemeKind kLineSchemes[] = {SchemeKind::multiquan, SchemeKind::dithered, SchemeKind::dithered_raw,
                                   SchemeKind::deterministic};

Job law_job(SchemeKind scheme, SourceKind source, double step, double loc = 0.0, double scale = 1.0,
            uint64_t samples = 400000, uint64_t seed = 17) {
  Job job = rdp::make_job(scheme, source, scheme == SchemeKind::multiquan ? 4 : 1, 0, step, samples, seed);
  job.loc = loc;
  job.scale = scale;
  return job;
}

double relative(double a, double b) { return std::fabs(a - b) / std::max(std::fabs(b), 1e-300); }

// ---------------------------------------------------------------------------------------
// The laws themselves, against the formulas of docs/theory.md §1.1 written out here.

TEST(LocationScaleLaw, MembersAreTheDocumentedLaws) {
  const double loc = 0.3, s = 1.7;
  const rdp::LocationScale<rdp::UniformSource> uniform{loc, s};
  const rdp::LocationScale<rdp::ExponentialSource> exponential{loc, s};
  const rdp::LocationScale<rdp::GaussianSource> gaussian{loc, s};
  const rdp::LocationScale<rdp::LaplaceSource> laplace{loc, s};
  for (double x : {-3.1, -0.4, 0.3, 0.9, 1.95, 4.2, 9.0}) {
    SCOPED_TRACE(x);
    const double z = (x - loc) / s;
    // U[loc, loc + scale]
    EXPECT_NEAR(uniform.cdf(x), std::clamp(z, 0.0, 1.0), 1e-15);
    EXPECT_EQ(uniform.pdf(x), (z >= 0.0 && z <= 1.0) ? 1.0 / s : 0.0);
    // density exp(-(x - loc)/scale)/scale on x >= loc
    EXPECT_NEAR(exponential.pdf(x), x >= loc ? std::exp(-(x - loc) / s) / s : 0.0, 1e-15);
    EXPECT_NEAR(exponential.sf(x), x >= loc ? std::exp(-(x - loc) / s) : 1.0, 1e-15);
    // N(loc, scale^2)
    EXPECT_NEAR(gaussian.cdf(x), 0.5 * std::erfc(-(x - loc) / (s * std::sqrt(2.0))), 1e-15);
    EXPECT_NEAR(gaussian.pdf(x), std::exp(-0.5 * z * z) / (s * std::sqrt(2.0 * kPi)), 1e-15);
    // density exp(-|x - loc|/scale)/(2 scale)
    EXPECT_NEAR(laplace.pdf(x), std::exp(-std::fabs(x - loc) / s) / (2.0 * s), 1e-15);
    // G(t) = E[(t - X)+] = scale * G_Z((t - loc)/scale), checked for the gaussian by its
    // own closed form scale * (phi(z) + z Phi(z)).
    EXPECT_NEAR(gaussian.integrated_cdf(x),
                s * (std::exp(-0.5 * z * z) / std::sqrt(2.0 * kPi) + z * 0.5 * std::erfc(-z / std::sqrt(2.0))),
                1e-14 * std::max(1.0, std::fabs(x)));
  }
  for (double p : {1e-12, 0.01, 0.3, 0.5, 0.8, 0.999}) {
    SCOPED_TRACE(p);
    EXPECT_NEAR(gaussian.cdf(gaussian.icdf(p)) / p, 1.0, 1e-13);
    EXPECT_NEAR(laplace.sf(laplace.isf(p)) / p, 1.0, 1e-13);
    EXPECT_NEAR(exponential.icdf(p), loc - s * std::log1p(-p), 1e-14 * (loc + s));
    EXPECT_NEAR(uniform.quantile(p), loc + s * p, 1e-15);
  }
  EXPECT_EQ(gaussian.median(), loc);
  EXPECT_NEAR(exponential.median(), loc + s * std::log(2.0), 1e-15);
  // Laplace variance 2 scale^2 and exponential mean loc + scale, from G - H = t - E X and
  // a quadrature of the density.
  EXPECT_NEAR(laplace.integrated_cdf(2.0) - laplace.integrated_sf(2.0), 2.0 - loc, 1e-14);
  EXPECT_NEAR(exponential.integrated_cdf(2.0) - exponential.integrated_sf(2.0), 2.0 - (loc + s), 1e-14);
  double second = 0.0;
  const double h = 1e-3 * s;
  for (double x = loc - 60.0 * s + 0.5 * h; x < loc + 60.0 * s; x += h) second += (x - loc) * (x - loc) * laplace.pdf(x) * h;
  EXPECT_NEAR(second / (2.0 * s * s), 1.0, 1e-6);
}

// loc = 0, scale = 1: every member returns the standard law's value (the sign of a zero
// aside, which no caller can see).
template <class Standard>
void expect_standard_bits() {
  const rdp::LocationScale<Standard> law{};
  auto same = [](double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); };
  for (double x = -40.0; x <= 40.0; x += 0.013) {
    for (double v : {x, std::ldexp(x, -30)}) {
      EXPECT_TRUE(same(law.pdf(v), Standard::pdf(v))) << v;
      EXPECT_TRUE(same(law.cdf(v), Standard::cdf(v))) << v;
      EXPECT_TRUE(same(law.sf(v), Standard::sf(v))) << v;
      EXPECT_TRUE(same(law.integrated_cdf(v), Standard::integrated_cdf(v))) << v;
      EXPECT_TRUE(same(law.integrated_sf(v), Standard::integrated_sf(v))) << v;
    }
  }
  for (double t = 0x1p-54; t < 0.5; t *= 1.37) {
    EXPECT_TRUE(same(law.icdf(t), Standard::icdf(t))) << t;
    EXPECT_TRUE(same(law.isf(t), Standard::isf(t))) << t;
    EXPECT_TRUE(same(law.tail_quantile(t, true), Standard::tail_quantile(t, true))) << t;
    EXPECT_TRUE(same(law.tail_quantile(t, false), Standard::tail_quantile(t, false))) << t;
  }
  EXPECT_EQ(law.median(), Standard::median());
}

TEST(LocationScaleLaw, TheDefaultLawIsTheStandardOneBitForBit) {
  expect_standard_bits<rdp::UniformSource>();
  expect_standard_bits<rdp::ExponentialSource>();
  expect_standard_bits<rdp::GaussianSource>();
  expect_standard_bits<rdp::LaplaceSource>();
}

// ---------------------------------------------------------------------------------------
// (1) Equivariance of `exact`: X -> s X with Delta -> s Delta maps every cell onto the
// scaled cell, so the index laws (rates) are unchanged and squared errors scale by s^2.
// Only rounding separates the two evaluations: 1e-12 relative.

TEST(LocationScaleExact, ScalingTheSourceAndTheStepKeepsRatesAndScalesDistortion) {
  constexpr double kRelative = 1e-12;
  for (SourceKind source : kLineSources)
    for (SchemeKind scheme : kLineSchemes) {
      const double step = source == SourceKind::uniform ? 0.2 : 0.5;
      const auto base = rdp::evaluate_exact(law_job(scheme, source, step));
      for (double s : {0.37, 3.0}) {
        SCOPED_TRACE(testing::Message() << rdp::to_string(scheme) << " on " << rdp::to_string(source) << ", scale " << s);
        const auto scaled = rdp::evaluate_exact(law_job(scheme, source, s * step, 0.0, s));
        EXPECT_LT(relative(scaled.rate_bits, base.rate_bits), kRelative);
        EXPECT_LT(relative(scaled.rate_marginal_bits, base.rate_marginal_bits), kRelative);
        EXPECT_LT(relative(scaled.distortion, s * s * base.distortion), kRelative);
        if (base.rate_conditional_bits) {
          ASSERT_TRUE(scaled.rate_conditional_bits && scaled.rate_conditional_limit_bits);
          EXPECT_LT(relative(*scaled.rate_conditional_bits, *base.rate_conditional_bits), kRelative);
          EXPECT_LT(relative(*scaled.rate_conditional_limit_bits, *base.rate_conditional_limit_bits), kRelative);
        }
      }
    }
}

// The step solver's bracket follows the scale: the step for a rate target is s times the
// standard law's.
TEST(LocationScaleExact, SolvedStepsScaleWithTheSource) {
  for (SourceKind source : {SourceKind::gaussian, SourceKind::laplace}) {
    SCOPED_TRACE(rdp::to_string(source));
    Job standard = law_job(SchemeKind::multiquan, source, 0.5);
    standard.target_rate = 2.0;
    rdp::solve_step(standard);
    for (double s : {1e-3, 250.0}) {
      Job scaled = law_job(SchemeKind::multiquan, source, 0.5, 0.0, s);  // 0.5 is outside the steps of scale 1e-3
      scaled.target_rate = 2.0;
      const auto e = rdp::solve_step(scaled);
      EXPECT_NEAR(e.rate_bits, 2.0, 1e-11);
      EXPECT_NEAR(scaled.step / (s * standard.step), 1.0, 1e-9);
    }
  }
}

// ---------------------------------------------------------------------------------------
// (2) Location. The uniform-offset multiquan and the deterministic quantizer are periodic
// in x with period Delta (multiquan: Delta/N, which moves quantizer n onto n + 1), so
// such shifts change no figure. Dithered quantization subtracts its dither: Y = X + Z~
// whatever the grid, so its distortion ignores every shift; its marginal rate does not.
// Other shifts change the rates by an amount that decays with the smoothness of the
// density: polynomially in Delta where it has a kink (uniform, exponential, laplace), as
// exp(-2 pi^2 scale^2 / Delta^2) for the gaussian, where it is seen at coarse steps only
// (the midrise test below).

TEST(LocationScaleExact, ShiftsByWholeCellsChangeNothing) {
  constexpr double kRelative = 1e-12;
  const double step = 0.5;
  for (SourceKind source : kLineSources) {
    for (SchemeKind scheme : {SchemeKind::multiquan, SchemeKind::deterministic}) {
      const auto base = rdp::evaluate_exact(law_job(scheme, source, step));
      std::vector<double> shifts = {3.0 * step, -2.0 * step};
      if (scheme == SchemeKind::multiquan) shifts.push_back(step / 4.0);  // one offset: N = 4
      for (double loc : shifts) {
        SCOPED_TRACE(testing::Message() << rdp::to_string(scheme) << " on " << rdp::to_string(source) << ", loc " << loc);
        const auto moved = rdp::evaluate_exact(law_job(scheme, source, step, loc));
        EXPECT_LT(relative(moved.rate_bits, base.rate_bits), kRelative);
        EXPECT_LT(relative(moved.distortion, base.distortion), kRelative);
        if (scheme == SchemeKind::deterministic) EXPECT_LT(relative(moved.rate_marginal_bits, base.rate_marginal_bits), kRelative);
      }
      // A shift that is not a symmetry changes the rate, by far more than the rounding
      // that the symmetric shifts leave (multiquan's N offsets average most of it out:
      // 4.5e-6 bits on the laplace source).
      if (source == SourceKind::gaussian) continue;
      const auto off = rdp::evaluate_exact(law_job(scheme, source, step, 0.3 * step));
      EXPECT_GT(std::fabs(off.rate_bits - base.rate_bits), 1e-8)
          << rdp::to_string(scheme) << " on " << rdp::to_string(source);
    }
    SCOPED_TRACE(rdp::to_string(source));
    const auto dithered = rdp::evaluate_exact(law_job(SchemeKind::dithered, source, step));
    const auto shifted = rdp::evaluate_exact(law_job(SchemeKind::dithered, source, step, 0.3 * step));
    EXPECT_LT(relative(shifted.distortion, dithered.distortion), 1e-9);
    if (source != SourceKind::gaussian)
      EXPECT_GT(std::fabs(shifted.rate_marginal_bits - dithered.rate_marginal_bits), 1e-4);
  }
}

// The deterministic quantizer's cells [(i - 1/2) Delta, (i + 1/2) Delta) on N(Delta/2, 1)
// are [(i - 1) Delta, i Delta) around the mean: a midrise quantizer, whose cell
// probabilities and conditional variances are computed here from erfc and the tests' own
// quadrature (tests/independent_laws.hpp), not from the library.
TEST(LocationScaleExact, DeterministicOnAShiftedGaussianIsTheMidriseQuantizer) {
  const double step = 2.0, loc = step / 2.0;  // coarse enough for the shift to show (above)
  const rdp::testing::truth::ExactLaw standard{SourceKind::gaussian};
  double rate = 0.0, distortion = 0.0;
  for (int i = -14; i <= 15; ++i) {
    const double a = (i - 1) * step, b = i * step;  // in units of x - loc
    const double p = b <= 0.0 ? 0.5 * std::erfc(-b / std::sqrt(2.0)) - 0.5 * std::erfc(-a / std::sqrt(2.0))
                              : 0.5 * std::erfc(a / std::sqrt(2.0)) - 0.5 * std::erfc(b / std::sqrt(2.0));
    if (!(p > 0.0)) continue;
    rate -= p * std::log2(p);
    distortion += p * rdp::testing::truth::conditional(standard, a, b).var;
  }
  const auto e = rdp::evaluate_exact(law_job(SchemeKind::deterministic, SourceKind::gaussian, step, loc));
  EXPECT_NEAR(e.rate_bits, rate, 1e-13);
  EXPECT_NEAR(e.distortion, distortion, 1e-12 * distortion);
  // ... and not the midtread quantizer of N(0, 1).
  const auto centred = rdp::evaluate_exact(law_job(SchemeKind::deterministic, SourceKind::gaussian, step));
  EXPECT_GT(std::fabs(centred.rate_bits - rate), 1e-2);
}

// A source far from the grid's origin and narrow: gaussian with loc 100, scale 0.01.
TEST(LocationScaleExact, ADistantNarrowSourceIsTheStandardOneScaled) {
  const double s = 0.01, step = 0.5;
  for (SchemeKind scheme : kLineSchemes) {
    SCOPED_TRACE(rdp::to_string(scheme));
    const auto base = rdp::evaluate_exact(law_job(scheme, SourceKind::gaussian, step));
    // 100 is 20000 steps of 0.005 (not exact in binary): the shift is a whole number of
    // cells up to a rounding of 1e-12 in units of the scale.
    const auto far = rdp::evaluate_exact(law_job(scheme, SourceKind::gaussian, s * step, 100.0, s));
    EXPECT_LT(relative(far.rate_bits, base.rate_bits), 1e-9);
    EXPECT_LT(relative(far.rate_marginal_bits, base.rate_marginal_bits), 1e-9);
    EXPECT_LT(relative(far.distortion, s * s * base.distortion), 1e-9);
  }
}

// ---------------------------------------------------------------------------------------
// (3) Monte Carlo against `exact` with loc and scale set, within 4 standard errors (and
// twice the plug-in entropies' estimated bias, as test_exact.cpp); X^ of multiquan passes
// the perception tests against the moved law, and the eq. (6) decoder, one cell off,
// fails them.

struct LawCase {
  SchemeKind scheme;
  SourceKind source;
  double step, loc, scale;
};

class LocationScaleMonteCarlo : public rdp::testing::BackendTest {};

TEST_P(LocationScaleMonteCarlo, AgreesWithExact) {
  const LawCase cases[] = {
      {SchemeKind::multiquan, SourceKind::gaussian, 0.9, 0.3, 2.0},
      {SchemeKind::multiquan, SourceKind::exponential, 0.2, -1.1, 0.4},
      {SchemeKind::dithered, SourceKind::laplace, 0.4, -1.7, 1.0 / std::sqrt(2.0)},
      {SchemeKind::dithered_raw, SourceKind::uniform, 0.5, -3.0, 4.0},
      {SchemeKind::deterministic, SourceKind::exponential, 0.3, 2.5, 0.5},
      {SchemeKind::deterministic, SourceKind::gaussian, 0.004, 100.0, 0.01},
  };
  for (const LawCase& c : cases) {
    SCOPED_TRACE(testing::Message() << rdp::to_string(c.scheme) << " on " << rdp::to_string(c.source) << " loc "
                                    << c.loc << " scale " << c.scale);
    const Job job = law_job(c.scheme, c.source, c.step, c.loc, c.scale);
    const auto exact = rdp::evaluate_exact(job);
    const auto mc = run(job);
    EXPECT_EQ(mc.overflow, 0u);
    EXPECT_EQ(mc.saturated, 0u);
    EXPECT_NEAR(mc.distortion, exact.distortion, 4.0 * mc.distortion_se);
    EXPECT_NEAR(mc.rate.bits, exact.rate_bits, 4.0 * mc.rate.se + 2.0 * std::fabs(mc.rate.bias));
    EXPECT_NEAR(mc.rate_marginal.bits, exact.rate_marginal_bits,
                4.0 * mc.rate_marginal.se + 2.0 * std::fabs(mc.rate_marginal.bias));
  }
}

TEST_P(LocationScaleMonteCarlo, MultiquanReconstructionsHaveTheMovedLaw) {
  for (SourceKind source : kLineSources) {
    SCOPED_TRACE(rdp::to_string(source));
    const double loc = -2.3, s = 3.0;
    const Job job = law_job(SchemeKind::multiquan, source, s * 0.3, loc, s);
    const auto mc = run(job);
    // The first-order mean W1 of n exact draws from the moved law (docs/theory.md §5.5).
    const double floor = rdp::visit_line_law(source, loc, s, [&](const auto& law) {
      return rdp::w1_noise_floor(static_cast<double>(job.samples), [&](double u) { return law.quantile(u); });
    });
    ASSERT_TRUE(mc.perception.w1);
    EXPECT_GT(mc.perception.ks_pvalue, 1e-3);
    EXPECT_GT(mc.perception.chi2_pvalue, 1e-3);
    EXPECT_LT(*mc.perception.w1, 4.0 * floor);
    // Negative control: the eq. (6) decoder's X^ is one cell off, which the same
    // estimators see at once.
    Job broken = job;
    broken.scheme = SchemeKind::multiquan_eq6;
    const auto bad = run(broken);
    EXPECT_LT(bad.perception.ks_pvalue, 1e-6);
    EXPECT_GT(*bad.perception.w1, 10.0 * floor);
  }
}

RDPSIM_ON_EVERY_BACKEND(LocationScaleMonteCarlo);

// ---------------------------------------------------------------------------------------
// (4) Reproducibility with loc and scale set: the thread count changes no bit, and the
// CPU and the GPU run the same per-sample code, with only the portable exp, log and erfc
// (test_determinism.cpp): bit for bit.

std::vector<Job> reproducibility_jobs() {
  return {law_job(SchemeKind::multiquan, SourceKind::exponential, 0.25, 0.7, 0.5, 300007, 99),
          law_job(SchemeKind::dithered, SourceKind::gaussian, 0.6, -0.3, 2.0, 300007, 99),
          law_job(SchemeKind::deterministic, SourceKind::laplace, 0.7, 1.9, 1.3, 300007, 99),
          law_job(SchemeKind::dithered_raw, SourceKind::uniform, 0.1, 5.0, 0.8, 300007, 99),
          law_job(SchemeKind::dithered, SourceKind::laplace, 0.02, -40.0, 3.0, 300007, 99)};
}

rdp::Result run_on(rdp::BackendKind backend, const Job& job, int threads) {
  rdp::RunOptions o;
  o.backend = backend;
  o.threads = threads;
  o.progress = false;
  return rdp::run_job(job, o);
}

TEST(LocationScaleDeterminism, CpuResultDoesNotDependOnThreadCount) {
  for (const Job& job : reproducibility_jobs()) {
    SCOPED_TRACE(testing::Message() << rdp::to_string(job.scheme) << " on " << rdp::to_string(job.source));
    const auto one = run_on(rdp::BackendKind::cpu, job, 1);
    const auto two = run_on(rdp::BackendKind::cpu, job, 2);
    const auto three = run_on(rdp::BackendKind::cpu, job, 3);
    EXPECT_EQ(one.tally, two.tally);
    EXPECT_EQ(one.tally, three.tally);
    EXPECT_EQ(one.distortion, three.distortion);
  }
}

TEST(LocationScaleDeterminism, CpuAndCudaAgree) {
  RDPSIM_CUDA_OR_SKIP(rdp::cuda_unavailable_reason());
  for (const Job& job : reproducibility_jobs()) {
    SCOPED_TRACE(testing::Message() << rdp::to_string(job.scheme) << " on " << rdp::to_string(job.source));
    const auto cpu = run_on(rdp::BackendKind::cpu, job, 0);
    const auto gpu = run_on(rdp::BackendKind::cuda, job, 0);
    EXPECT_EQ(cpu.tally, gpu.tally);
  }
}

// ---------------------------------------------------------------------------------------
// The threshold optimizer works on the moved law: scaling the source, the step and
// lambda (a distortion per bit) by s, s and s^2 scales the thresholds by s, and a
// shift by whole cells moves them along.

TEST(LocationScaleOptimize, ThresholdsFollowTheSource) {
  rdp::OptimizeOptions o;
  o.method = rdp::OptimizeMethod::lloyd;
  o.source = SourceKind::laplace;
  o.N = 4;
  o.step = 0.5;
  o.lambda = 0.02;
  o.max_iterations = 10;
  o.progress = false;
  const auto base = rdp::optimize_thresholds(o);
  rdp::OptimizeOptions scaled = o;
  scaled.scale = 2.0;
  scaled.step = 1.0;
  scaled.lambda = 0.08;
  const auto r = rdp::optimize_thresholds(scaled);
  EXPECT_EQ(r.iterations, base.iterations);
  EXPECT_LT(relative(r.after.rate_bits, base.after.rate_bits), 1e-12);
  EXPECT_LT(relative(r.after.distortion, 4.0 * base.after.distortion), 1e-12);
  ASSERT_EQ(r.first, base.first);
  ASSERT_EQ(r.boundaries.size(), base.boundaries.size());
  for (size_t k = 0; k < r.boundaries.size(); ++k) EXPECT_NEAR(r.boundaries[k], 2.0 * base.boundaries[k], 1e-12);
  // The gradient method, to its stopping tolerance, on an exponential moved by 6 cells.
  o.method = rdp::OptimizeMethod::gradient;
  o.source = SourceKind::exponential;
  o.lambda = 0.028;
  o.max_iterations = 200;
  const auto standard = rdp::optimize_thresholds(o);
  rdp::OptimizeOptions moved = o;
  moved.loc = 3.0;
  const auto m = rdp::optimize_thresholds(moved);
  ASSERT_TRUE(standard.converged && m.converged);
  EXPECT_LT(relative(m.after.lagrangian, standard.after.lagrangian), 1e-9);
  EXPECT_EQ(m.first, standard.first + 6 * 4);
}

// ---------------------------------------------------------------------------------------
// (5) Limits, the command line, sweeps and thresholds files.

TEST(LocationScaleLimits, BadLawsAreRefusedNamingTheValue) {
  auto message = [](const Job& job) {
    try {
      rdp::validate(job);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(message(law_job(SchemeKind::dithered, SourceKind::gaussian, 0.5, 0.0, 0.0)).find("--scale"), std::string::npos);
  EXPECT_NE(message(law_job(SchemeKind::dithered, SourceKind::gaussian, 0.5, INFINITY)).find("--loc"), std::string::npos);
  EXPECT_NE(message(law_job(SchemeKind::dithered, SourceKind::gaussian, 0.5, 0.0, 1e-40)).find("1e-40"), std::string::npos);
  EXPECT_NE(message(law_job(SchemeKind::dithered, SourceKind::gaussian, 0.5, 2e6)).find("--loc 2000000"),
            std::string::npos);
  // Steps are accepted in [1e-5, 100] times the scale.
  EXPECT_EQ(message(law_job(SchemeKind::dithered, SourceKind::gaussian, 150.0, 0.0, 2.0)), "accepted");
  EXPECT_NE(message(law_job(SchemeKind::dithered, SourceKind::gaussian, 0.5, 0.0, 1e-3)).find("--step must be in"),
            std::string::npos);
  EXPECT_EQ(message(law_job(SchemeKind::dithered, SourceKind::gaussian, 2e-8, 0.0, 1e-3)), "accepted");
}

struct BadLaw {
  const char* args;
  const char* names;
};

class LocationScaleCli : public ::testing::TestWithParam<BadLaw> {};

TEST_P(LocationScaleCli, ExitsTwoWithOneLineNamingTheValue) {
  const auto r = rdp::testing::run_cli(GetParam().args);
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find(GetParam().names), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\n'), r.out.size() - 1) << "one line: " << r.out;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, LocationScaleCli,
    ::testing::Values(BadLaw{"run --source gaussian --scale 0", "--scale must be a finite number > 0, got 0"},
                      BadLaw{"run --source gaussian --scale -1", "got -1"},
                      BadLaw{"exact --source laplace --loc nan", "--loc must be a finite number, got nan"},
                      BadLaw{"run --source circle --L 4 --loc 1", "--loc 1 applies to the 1-D sources, not circle"},
                      BadLaw{"exact --scheme dithered --source circle --L 4 --scale 2", "--scale 2"},
                      BadLaw{"run --scheme lattice-sd --source gaussian --loc 1", "--sigma"},
                      BadLaw{"run --scheme lattice-det --source gaussian --lattice E8 --scale 3", "--scale 3"},
                      BadLaw{"optimize --source gaussian --N 2 --lambda 0.01 --scale 0", "got 0"},
                      BadLaw{"run --source gaussian --scale 0.001 --step 0.5",
                             "--step must be in [1e-08, 0.1] (1e-05 to 100 times --scale 0.001), got 0.5"}));

TEST(LocationScaleCliRun, RowsCarryTheLawAndExactScalesWithIt) {
  const auto r = rdp::testing::run_cli(
      "exact --scheme deterministic --source laplace --loc 0.25 --scale 2 --step 1", "2>/dev/null");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto line = nlohmann::json::parse(r.out);
  EXPECT_EQ(line["loc"], 0.25);
  EXPECT_EQ(line["scale"], 2.0);
  const auto standard = rdp::evaluate_exact(law_job(SchemeKind::deterministic, SourceKind::laplace, 0.5, 0.125));
  EXPECT_LT(relative(line["rate_bits"].get<double>(), standard.rate_bits), 1e-12);
  EXPECT_LT(relative(line["distortion"].get<double>(), 4.0 * standard.distortion), 1e-12);
  const auto run = rdp::testing::run_cli(
      "run --scheme multiquan --N 2 --source uniform --loc -1 --scale 0.5 --step 0.1 --samples 1e4 --backend cpu",
      "2>/dev/null");
  ASSERT_EQ(run.status, 0) << run.out;
  const auto row = nlohmann::json::parse(run.out);
  EXPECT_EQ(row["loc"], -1.0);
  EXPECT_EQ(row["scale"], 0.5);
  const auto circle = rdp::testing::run_cli("run --source circle --L 4 --samples 1e4 --backend cpu", "2>/dev/null");
  ASSERT_EQ(circle.status, 0) << circle.out;
  EXPECT_TRUE(nlohmann::json::parse(circle.out)["scale"].is_null());
}

TEST(LocationScaleCliRun, HelpStatesEveryLaw) {
  for (const char* command : {"run", "exact", "optimize"}) {
    const auto r = rdp::testing::run_cli(std::string(command) + " --help", "2>/dev/null");
    ASSERT_EQ(r.status, 0) << command;
    for (const char* law : {"U[loc, loc + scale]", "exp(-(x - loc)/scale)/scale on x >= loc", "N(loc, scale^2)",
                            "exp(-|x - loc|/scale)/(2 scale)", "--loc", "--scale"})
      EXPECT_NE(r.out.find(law), std::string::npos) << command << ": " << law;
  }
}

TEST(LocationScaleSweep, LocAndScaleAxesNamePointsOnlyWhenSet) {
  const auto c = rdp::parse_sweep_config(R"(
seed = 3
[grid]
scheme = "deterministic"
source = ["gaussian", "circle"]
L = 4
step = 0.5
loc = [0, -0.5]
scale = [1, 2]
)", "t.toml");
  std::vector<std::string> ids;
  for (const auto& p : c.points) ids.push_back(p.id);
  // 2 locs x 2 scales on the gaussian (scale fastest), none of them on the circle.
  ASSERT_EQ(ids.size(), 5u);
  EXPECT_EQ(ids[0], "deterministic/gaussian/step=0.5/samples=1000000/seed=3");
  EXPECT_EQ(ids[1], "deterministic/gaussian/scale=2/step=0.5/samples=1000000/seed=3");
  EXPECT_EQ(ids[2], "deterministic/gaussian/loc=-0.5/step=0.5/samples=1000000/seed=3");
  EXPECT_EQ(ids[3], "deterministic/gaussian/loc=-0.5/scale=2/step=0.5/samples=1000000/seed=3");
  EXPECT_EQ(ids[4], "deterministic/circle/L=4/samples=1000000/seed=3");
  EXPECT_EQ(c.points[3].job.loc, -0.5);
  EXPECT_EQ(c.points[3].job.scale, 2.0);
  // The lattice schemes take sigma: the axes do not multiply them.
  const auto lattice = rdp::parse_sweep_config(R"(
[grid]
scheme = ["lattice-sd", "deterministic"]
source = "gaussian"
step = 0.5
scale = [1, 2]
)", "t.toml");
  EXPECT_EQ(lattice.points.size(), 3u);
  EXPECT_THROW(rdp::parse_sweep_config("[grid]\nscheme = \"dithered\"\nsource = \"gaussian\"\nstep = 0.5\nscale = [1, 0]\n",
                                       "bad.toml"),
               std::invalid_argument);
}

TEST(LocationScaleSweep, ScaleAxisRowsHaveDistinctIds) {
  const std::string config = rdp::testing::scratch_path("scale_axis.toml");
  std::ofstream(config) << "mode = \"exact\"\n[grid]\nscheme = \"multiquan\"\nsource = \"laplace\"\nN = 2\n"
                           "step = 0.5\nscale = [0.5, 1, 2]\n";
  const auto r = rdp::testing::run_cli("sweep " + config + " --quiet", "2>/dev/null");
  ASSERT_EQ(r.status, 0) << r.out;
  std::istringstream lines(r.out);
  std::set<std::string> ids;
  std::vector<double> scales;
  for (std::string line; std::getline(lines, line);) {
    const auto row = nlohmann::json::parse(line);
    ids.insert(row["point"].get<std::string>());
    scales.push_back(row["scale"].get<double>());
  }
  EXPECT_EQ(ids.size(), 3u);
  EXPECT_EQ(scales, (std::vector<double>{0.5, 1.0, 2.0}));
  EXPECT_EQ(ids.count("multiquan/laplace/N=2/step=0.5"), 1u);  // exact points: no samples or seed
  EXPECT_EQ(ids.count("multiquan/laplace/scale=2/N=2/step=0.5"), 1u);
}

TEST(LocationScaleThresholds, FilesRecordTheLawAndJobsMustMatchIt) {
  const std::string path = rdp::testing::scratch_path("law_thresholds.json");
  rdp::ThresholdsFile t;
  t.source = SourceKind::gaussian;
  t.loc = 0.4;
  t.scale = 2.0;
  t.N = 2;
  t.step = 1.0;
  t.first = -4;
  t.boundaries = {-2.6, -2.4, -1.5, -1.4, -0.5, -0.4, 0.5, 0.6};
  rdp::save_thresholds(path, t);
  const auto back = rdp::load_thresholds(path);
  EXPECT_EQ(back.loc, 0.4);
  EXPECT_EQ(back.scale, 2.0);
  Job job = law_job(SchemeKind::multiquan, SourceKind::gaussian, 1.0, 0.4, 2.0);
  job.N = 2;
  EXPECT_NO_THROW(rdp::apply_thresholds(back, job, path));
  Job standard = law_job(SchemeKind::multiquan, SourceKind::gaussian, 1.0);
  standard.N = 2;
  try {
    rdp::apply_thresholds(back, standard, path);
    ADD_FAILURE() << "a file made for loc 0.4, scale 2 applied to the standard gaussian";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("--loc 0.4 --scale 2"), std::string::npos) << e.what();
  }
  // A standard-law file has no loc or scale keys, as before.
  t.loc = 0.0;
  t.scale = 1.0;
  rdp::save_thresholds(path, t);
  std::ifstream in(path);
  const auto j = nlohmann::json::parse(in);
  EXPECT_FALSE(j.contains("loc"));
  EXPECT_FALSE(j.contains("scale"));
}

}  // namespace
