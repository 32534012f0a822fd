// The deterministic quantizer with the centroid decoder (docs/theory.md §2.4) against
// exact values that the tests derive on their own: the source laws are written out
// again from §1.1 (independent_laws.hpp) and the conditional moments taken by
// Gauss-Legendre quadrature, so that a slip shared with the library's closed-form
// centroids cannot cancel.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "tests/backend_param.hpp"
#include "tests/independent_laws.hpp"

namespace {

using rdp::SourceKind;
using namespace rdp::testing::truth;

// The bias bound of entropy_target is 6e-6..8e-5 bits for the cases here, small beside
// 5 standard errors (2e-3..7e-3).

struct ExactDeterministic {
  EntropyTarget rate;
  double distortion;
};

// docs/theory.md §6.3: cells [(i - 1/2) Delta, (i + 1/2) Delta), rate H(i),
// D = sum_i P_i Var_i (the centroid decoder leaves only the within-cell variance).
ExactDeterministic exact_deterministic(const ExactLaw& law, double step, double samples) {
  const auto edge = [step](int64_t i) { return (static_cast<double>(i) - 0.5) * step; };
  int64_t i_lo = std::llround(law.median() / step), i_hi = i_lo;
  while (law.cdf(edge(i_lo)) >= kTailMass) --i_lo;
  while (law.sf(edge(i_hi + 1)) >= kTailMass) ++i_hi;

  std::vector<double> cells;
  double distortion = 0.0;
  for (int64_t i = i_lo; i <= i_hi; ++i) {
    const double p = law.mass(edge(i), edge(i + 1));
    if (p <= 0.0) continue;
    cells.push_back(p);
    distortion += p * conditional(law, edge(i), edge(i + 1)).var;
  }
  return {entropy_target({cells}, samples), distortion};
}

// Uniform source, Delta = 1/4 (docs/theory.md §6.3): cells of mass 1/8, 1/4, 1/4, 1/4,
// 1/8, so H = 9/4 bits and D = sum_i p_i w_i^2 / 12 = (3/4 (1/4)^2 + 1/4 (1/8)^2) / 12
// = 13/3072.
constexpr double kUniformQuarterRate = 2.25;
constexpr double kUniformQuarterDistortion = 13.0 / 3072.0;

struct Case {
  SourceKind source;
  double step;
};
const Case kCases[] = {
    {SourceKind::uniform, 0.25},  {SourceKind::uniform, 0.2},  {SourceKind::exponential, 0.5},
    {SourceKind::gaussian, 0.5},  {SourceKind::gaussian, 0.2}, {SourceKind::laplace, 0.5},
    {SourceKind::laplace, 1.0},
};
constexpr uint64_t kSamples = 1000000;
constexpr uint64_t kSeed = 20250611;

rdp::Job deterministic_job(SourceKind source, double step) {
  return rdp::make_job(rdp::SchemeKind::deterministic, source, 1, 0, step, kSamples, kSeed);
}

// The exact side checked on its own: the quadrature reproduces closed forms.
TEST(DeterministicExactValues, UniformQuarterStepMatchesClosedForm) {
  const ExactDeterministic exact = exact_deterministic({SourceKind::uniform}, 0.25, kSamples);
  EXPECT_NEAR(exact.rate.bits, kUniformQuarterRate, kClosedFormRelative * kUniformQuarterRate);
  EXPECT_NEAR(exact.distortion, kUniformQuarterDistortion, kClosedFormRelative * kUniformQuarterDistortion);
}

// The exponential's cells in closed form (exponential_grid); the centroid decoder leaves
// D = sum_i p_i Var_i.
TEST(DeterministicExactValues, ExponentialMatchesClosedForm) {
  const double step = 0.5;
  const ExponentialGrid closed = exponential_grid(step);
  const double rate = closed.rate;
  const double distortion = closed.within_var;

  const ExactDeterministic exact = exact_deterministic({SourceKind::exponential}, step, kSamples);
  EXPECT_NEAR(exact.rate.bits, rate, kClosedFormRelative * rate);
  EXPECT_NEAR(exact.distortion, distortion, kClosedFormRelative * distortion);
}

class DeterministicExact : public rdp::testing::BackendTest {};

TEST_P(DeterministicExact, MatchesExactRateAndDistortion) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(::testing::Message() << rdp::to_string(c.source) << " step=" << c.step);
    const ExactDeterministic exact = exact_deterministic({c.source}, c.step, kSamples);
    const rdp::Result r = run(deterministic_job(c.source, c.step));
    EXPECT_EQ(r.overflow, 0u);
    EXPECT_LE(std::fabs(r.rate.bits - exact.rate.bits), 5.0 * exact.rate.se + exact.rate.bias_bound)
        << "rate: got " << r.rate.bits << ", exact " << exact.rate.bits << ", se " << exact.rate.se << ", bias bound "
        << exact.rate.bias_bound;
    // The library's own standard error estimates the exact one, within 5 of its sds.
    EXPECT_NEAR(r.rate.se, exact.rate.se, 5.0 * exact.rate.se_relative_error * exact.rate.se);
    // One entropy code for every sample: the rate is H(i) itself.
    EXPECT_EQ(r.rate_marginal.bits, r.rate.bits);
    EXPECT_LE(std::fabs(r.distortion - exact.distortion), 5.0 * r.distortion_se)
        << "distortion: got " << r.distortion << ", exact " << exact.distortion << ", se " << r.distortion_se;
  }
}

// docs/theory.md §6.3's worked numbers, as literals rather than through the quadrature.
TEST_P(DeterministicExact, UniformQuarterStepMatchesClosedForm) {
  const ExactDeterministic exact = exact_deterministic({SourceKind::uniform}, 0.25, kSamples);  // for se and bias only
  const rdp::Result r = run(deterministic_job(SourceKind::uniform, 0.25));
  EXPECT_EQ(r.overflow, 0u);
  EXPECT_LE(std::fabs(r.rate.bits - kUniformQuarterRate), 5.0 * exact.rate.se + exact.rate.bias_bound) << r.rate.bits;
  EXPECT_LE(std::fabs(r.distortion - kUniformQuarterDistortion), 5.0 * r.distortion_se) << r.distortion;
}

RDPSIM_ON_EVERY_BACKEND(DeterministicExact);

}  // namespace
