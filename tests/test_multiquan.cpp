// MultiQuan (docs/theory.md §2.1) against exact values that the tests derive on their
// own: the source laws are written out again from §1.1 (independent_laws.hpp), the
// reconstruction boundaries a_j are found by bisection on those laws and the
// conditional moments by Gauss-Legendre quadrature, so that a slip shared with the
// library's closed forms cannot cancel.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <vector>

#include "tests/backend_param.hpp"
#include "tests/independent_laws.hpp"

namespace {

using rdp::SourceKind;
using namespace rdp::testing::truth;

constexpr double kFar = 50.0;  // |x| beyond every cell summed: exp(-50) < 1e-21

// The x with F(x) = p, by bisection on the law's CDF; above the median the survival
// function is matched to q = 1 - p instead, which keeps upper-tail boundaries exact.
double quantile(const ExactLaw& law, double p, double q) {
  double lo = std::max(law.lower(), -kFar), hi = std::min(law.upper(), kFar);
  for (int iteration = 0; iteration < 2000; ++iteration) {
    const double mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    const bool below = p < 0.5 ? law.cdf(mid) < p : law.sf(mid) > q;
    (below ? lo : hi) = mid;
  }
  return hi;
}

// The bias bound of entropy_target is 6e-6..3e-4 bits for the cases here, small beside
// 5 standard errors (2e-3..7e-3).

struct ExactMultiquan {
  EntropyTarget rate, rate_marginal;
  double distortion;
};

// docs/theory.md §6.1 summed over the global cells j = N*i + n.
ExactMultiquan exact_multiquan(const ExactLaw& law, uint32_t N, double step, double samples) {
  const int64_t n_count = N;
  const auto edge = [&](int64_t j) { return (static_cast<double>(j) / N - 0.5) * step; };
  // Quantizer n's lowest cell in [j_lo, j_hi] starts at or below c_{j_lo+N-1} and its
  // highest ends at or above c_{j_hi+1}: that bounds the mass left out on each side.
  int64_t j_lo = n_count * std::llround(law.median() / step), j_hi = j_lo;
  while (law.cdf(edge(j_lo + n_count - 1)) >= kTailMass) --j_lo;
  while (law.sf(edge(j_hi + 1)) >= kTailMass) ++j_hi;

  // a_j for j in [j_lo, j_hi + 1]: F(a_j) = (1/N) sum_k F(c_{j+k}), likewise for S.
  std::vector<double> recon;
  for (int64_t j = j_lo; j <= j_hi + 1; ++j) {
    double p = 0.0, q = 0.0;
    for (int64_t k = 0; k < n_count; ++k) {
      p += law.cdf(edge(j + k));
      q += law.sf(edge(j + k));
    }
    recon.push_back(quantile(law, p / N, q / N));
  }

  std::vector<std::vector<double>> given_n(N);  // p_{Ni+n} for quantizer n
  std::map<int64_t, double> marginal;           // P(i) = (1/N) sum_n p_{Ni+n}
  double distortion = 0.0;
  for (int64_t j = j_lo; j <= j_hi; ++j) {
    const double p = law.mass(edge(j), edge(j + n_count));
    if (p <= 0.0) continue;
    const int64_t n = ((j % n_count) + n_count) % n_count;
    given_n[n].push_back(p);
    marginal[(j - n) / n_count] += p / N;
    // X and X^ are independent given the cell, each with its conditional law.
    const Conditional cell = conditional(law, edge(j), edge(j + n_count));
    const Conditional out = conditional(law, recon[j - j_lo], recon[j - j_lo + 1]);
    distortion += p / N * (cell.var + out.var + (cell.mean - out.mean) * (cell.mean - out.mean));
  }
  std::vector<double> marginal_cells;
  for (const auto& [i, p] : marginal) marginal_cells.push_back(p);
  return {entropy_target(given_n, samples), entropy_target({marginal_cells}, samples), distortion};
}

// Uniform source, Delta = 1/4 (docs/theory.md §6.1, §7.3): every c_j and a_j is a
// multiple of 1/16, so everything is a finite sum of polynomial moments. N = 1: cells of
// mass 1/8, 1/4, 1/4, 1/4, 1/8 with X^ in the cell itself, D = 2 sum_i p_i Var_i. N = 2:
// the offset quantizer has four cells of 1/4; P(i) = 3/16, 1/4, 1/4, 1/4, 1/16; a_j sits
// halfway between c_j and c_{j+1}, so D = 37/6144 from the cells of docs/theory.md §2.1.
struct UniformClosedForm {
  uint32_t N;
  double rate, rate_marginal, distortion;
};
const UniformClosedForm kUniformQuarter[] = {
    {1, 2.25, 2.25, 13.0 / 1536.0},
    {2, 2.125, 2.5 - 3.0 / 16.0 * std::log2(3.0), 37.0 / 6144.0},
};

struct Case {
  SourceKind source;
  double step;
};
const Case kCases[] = {
    {SourceKind::uniform, 0.25},  {SourceKind::exponential, 0.5}, {SourceKind::gaussian, 0.5},
    {SourceKind::laplace, 0.5},   {SourceKind::gaussian, 0.2},
};
const uint32_t kNs[] = {1, 2, 4};
constexpr uint64_t kSamples = 1000000;
constexpr uint64_t kSeed = 20250611;

rdp::Job multiquan_job(SourceKind source, uint32_t N, double step) {
  return rdp::make_job(rdp::SchemeKind::multiquan, source, N, 0, step, kSamples, kSeed);
}

void expect_entropy_near(const rdp::EntropyEstimate& got, const EntropyTarget& want, const char* what) {
  EXPECT_LE(std::fabs(got.bits - want.bits), 5.0 * want.se + want.bias_bound)
      << what << ": got " << got.bits << ", exact " << want.bits << ", se " << want.se << ", bias bound "
      << want.bias_bound;
  // The library's own standard error estimates the exact one, within 5 of its sds.
  EXPECT_NEAR(got.se, want.se, 5.0 * want.se_relative_error * want.se) << what << " standard error";
}

// The exact side checked on its own: bisection and quadrature reproduce closed forms.
TEST(MultiquanExactValues, UniformQuarterStepMatchesClosedForms) {
  for (const UniformClosedForm& c : kUniformQuarter) {
    SCOPED_TRACE(::testing::Message() << "N=" << c.N);
    const ExactMultiquan exact = exact_multiquan({SourceKind::uniform}, c.N, 0.25, kSamples);
    EXPECT_NEAR(exact.rate.bits, c.rate, kClosedFormRelative * c.rate);
    EXPECT_NEAR(exact.rate_marginal.bits, c.rate_marginal, kClosedFormRelative * c.rate_marginal);
    EXPECT_NEAR(exact.distortion, c.distortion, kClosedFormRelative * c.distortion);
  }
}

// For N = 1 the reconstruction interval is the cell itself, so D = 2 sum_i p_i Var_i,
// with the exponential's cells in closed form (exponential_grid).
TEST(MultiquanExactValues, ExponentialSingleQuantizerMatchesClosedForm) {
  const double step = 0.5;
  const ExponentialGrid closed = exponential_grid(step);
  const double rate = closed.rate;
  const double distortion = 2.0 * closed.within_var;

  const ExactMultiquan exact = exact_multiquan({SourceKind::exponential}, 1, step, kSamples);
  EXPECT_NEAR(exact.rate.bits, rate, kClosedFormRelative * rate);
  EXPECT_NEAR(exact.rate_marginal.bits, rate, kClosedFormRelative * rate);
  EXPECT_NEAR(exact.distortion, distortion, kClosedFormRelative * distortion);
}

class MultiquanExact : public rdp::testing::BackendTest {};

TEST_P(MultiquanExact, MatchesExactRateAndDistortion) {
  for (const Case& c : kCases) {
    for (uint32_t N : kNs) {
      SCOPED_TRACE(::testing::Message() << rdp::to_string(c.source) << " step=" << c.step << " N=" << N);
      const ExactMultiquan exact = exact_multiquan({c.source}, N, c.step, kSamples);
      const rdp::Result r = run(multiquan_job(c.source, N, c.step));
      EXPECT_EQ(r.overflow, 0u);
      expect_entropy_near(r.rate, exact.rate, "rate H(i | n)");
      expect_entropy_near(r.rate_marginal, exact.rate_marginal, "rate H(i)");
      EXPECT_LE(std::fabs(r.distortion - exact.distortion), 5.0 * r.distortion_se)
          << "distortion: got " << r.distortion << ", exact " << exact.distortion << ", se " << r.distortion_se;
      // Perfect perception: X^ has the source's law, so F(X^) is uniform.
      EXPECT_GT(r.perception.chi2_pvalue, 1e-4);
      EXPECT_GT(r.perception.ks_pvalue, 1e-4);
    }
  }
}

// docs/theory.md §7.3's worked numbers, as literals rather than through the quadrature.
TEST_P(MultiquanExact, UniformQuarterStepMatchesClosedForms) {
  for (const UniformClosedForm& c : kUniformQuarter) {
    SCOPED_TRACE(::testing::Message() << "N=" << c.N);
    const ExactMultiquan exact = exact_multiquan({SourceKind::uniform}, c.N, 0.25, kSamples);  // for se and bias only
    const rdp::Result r = run(multiquan_job(SourceKind::uniform, c.N, 0.25));
    EXPECT_EQ(r.overflow, 0u);
    EXPECT_LE(std::fabs(r.rate.bits - c.rate), 5.0 * exact.rate.se + exact.rate.bias_bound) << r.rate.bits;
    EXPECT_LE(std::fabs(r.rate_marginal.bits - c.rate_marginal),
              5.0 * exact.rate_marginal.se + exact.rate_marginal.bias_bound)
        << r.rate_marginal.bits;
    EXPECT_LE(std::fabs(r.distortion - c.distortion), 5.0 * r.distortion_se) << r.distortion;
  }
}

RDPSIM_ON_EVERY_BACKEND(MultiquanExact);

}  // namespace
