// The plug-in entropy estimates' reported bias and standard error
// (host/estimators/entropy.hpp, docs/theory.md §5.3) against replicated multinomial
// draws from known cell laws: the mean error of the estimate must match the mean
// reported bias, and the replicates' spread the mean reported standard error.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "host/estimators/entropy.hpp"

namespace {

// Cells in groups: cells[g] lists the probabilities of group g's cells (each list sums
// to 1) and group g is drawn with probability weight[g]. One group is a marginal law.
struct GroupedLaw {
  std::vector<double> weight;
  std::vector<std::vector<double>> cells;

  double entropy_bits() const {
    double h = 0.0;
    for (size_t g = 0; g < cells.size(); ++g)
      for (double p : cells[g]) h -= weight[g] * p * std::log2(p);
    return h;
  }
  // The O(1/n^2) term after Miller's: a group of m draws has E H^ - H = -(K - 1)/(2m) +
  // (1 - sum_c 1/p_c)/(12 m^2) + O(m^-3) nats (Harris 1975); weighted by m/n with
  // m ~ weight n, the second term adds (1 - sum_c 1/p_c)/(12 n^2 weight) per group.
  double second_order_bias_bits(double n) const {
    double b = 0.0;
    for (size_t g = 0; g < cells.size(); ++g) {
      double inverse_sum = 0.0;
      for (double p : cells[g]) inverse_sum += 1.0 / p;
      b += (1.0 - inverse_sum) / (12.0 * n * n * weight[g]);
    }
    return b / std::log(2.0);
  }
  size_t largest_group() const {
    size_t k = 0;
    for (const auto& c : cells) k = std::max(k, c.size());
    return k;
  }
};

// Probabilities proportional to offset, offset + 1, ...: unequal, none tiny.
std::vector<double> ramp(size_t cells, double offset) {
  std::vector<double> p(cells);
  double total = 0.0;
  for (size_t c = 0; c < cells; ++c) total += p[c] = offset + static_cast<double>(c);
  for (double& q : p) q /= total;
  return p;
}

struct Moments {
  double mean = 0.0, sd = 0.0, kurtosis = 0.0;
};

Moments moments(const std::vector<double>& x) {
  const double k = static_cast<double>(x.size());
  Moments m;
  for (double v : x) m.mean += v / k;
  double m2 = 0.0, m4 = 0.0;
  for (double v : x) {
    const double d2 = (v - m.mean) * (v - m.mean);
    m2 += d2 / k;
    m4 += d2 * d2 / k;
  }
  m.sd = std::sqrt(m2 * k / (k - 1.0));
  m.kurtosis = m4 / (m2 * m2);
  return m;
}

// R replicates of n draws from the law, histogrammed as bin = index * groups + group
// and estimated with conditional_entropy (several groups) or marginal_entropy (one).
struct Replicates {
  std::vector<double> estimate, error_beyond_bias, se;
};

Replicates replicate(const GroupedLaw& law, uint64_t n, int R, uint64_t seed) {
  const uint32_t groups = static_cast<uint32_t>(law.cells.size());
  const double truth = law.entropy_bits();
  std::mt19937_64 gen(seed);
  std::discrete_distribution<uint32_t> pick_group(law.weight.begin(), law.weight.end());
  std::vector<std::discrete_distribution<uint32_t>> pick_cell;
  for (const auto& c : law.cells) pick_cell.emplace_back(c.begin(), c.end());
  Replicates out;
  std::vector<uint64_t> hist(law.largest_group() * groups);
  for (int r = 0; r < R; ++r) {
    std::fill(hist.begin(), hist.end(), 0);
    for (uint64_t s = 0; s < n; ++s) {
      const uint32_t g = pick_group(gen);
      ++hist[pick_cell[g](gen) * groups + g];
    }
    const rdp::EntropyEstimate e =
        groups > 1 ? rdp::conditional_entropy(hist, groups) : rdp::marginal_entropy(hist, groups);
    out.estimate.push_back(e.bits);
    out.error_beyond_bias.push_back(e.bits - truth - e.bias);
    out.se.push_back(e.se);
  }
  return out;
}

// E[H^ - H] = E[bias] up to the second-order term, within 5 standard errors of the mean
// of the replicates' H^ - H - bias; and the mean reported se = sd(H^), within 5 sds of
// the replicates' sample sd (about sd sqrt((kappa - 1)/(4R)) for a sample kurtosis
// kappa) combined with the spread of the mean reported se.
void expect_bias_and_se_match(const GroupedLaw& law, uint64_t n, int R, uint64_t seed) {
  const Replicates reps = replicate(law, n, R, seed);
  const double rr = static_cast<double>(R);
  const Moments beyond = moments(reps.error_beyond_bias);
  const double second_order = law.second_order_bias_bits(static_cast<double>(n));
  EXPECT_NEAR(beyond.mean, 0.0, 5.0 * beyond.sd / std::sqrt(rr) + std::fabs(second_order))
      << "mean of H^ - H - bias; second-order term " << second_order;

  const Moments estimate = moments(reps.estimate), se = moments(reps.se);
  const double sd_of_sd = estimate.sd * std::sqrt((estimate.kurtosis - 1.0) / (4.0 * rr));
  EXPECT_NEAR(se.mean, estimate.sd, 5.0 * std::hypot(sd_of_sd, se.sd / std::sqrt(rr)))
      << "mean reported se against the replicates' sd of H^";
}

// 16 unequal cells, n = 1000 draws: Miller's bias 15/(2n ln 2) = 1.1e-2 bit is 33
// standard errors of the mean over R = 4000 replicates (3.3e-4), so a wrong sign or a
// factor of 2 fails by far; n is large enough that the second-order term, -4e-5 bit, is
// an eighth of one standard error.
TEST(EntropyBias, MarginalOfSixteenUnequalCells) {
  const GroupedLaw law{{1.0}, {ramp(16, 2.0)}};
  expect_bias_and_se_match(law, 1000, 4000, 20250701);
}

// H(I | G) with 4 groups of 3, 6, 10 and 16 cells, weighted by their sizes: Miller's
// bias counts each group's own cells, 31/(2n ln 2) (docs/theory.md §5.3). n = 4000: the
// bias, 5.6e-3 bit, is 22 standard errors of the mean (2.5e-4), the second-order term
// (-1.5e-5) a sixteenth of one.
TEST(EntropyBias, ConditionalOfFourGroupsOfDifferentSizes) {
  const GroupedLaw law{{3.0 / 35, 6.0 / 35, 10.0 / 35, 16.0 / 35},
                       {ramp(3, 1.0), ramp(6, 1.0), ramp(10, 1.0), ramp(16, 1.0)}};
  expect_bias_and_se_match(law, 4000, 4000, 20250702);
}

}  // namespace
