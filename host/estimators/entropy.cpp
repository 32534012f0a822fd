#include "host/estimators/entropy.hpp"

#include <cmath>

namespace rdp {
namespace {

double to_double(uint128 v) {
  return std::ldexp(static_cast<double>(static_cast<uint64_t>(v >> 64)), 64) + static_cast<double>(static_cast<uint64_t>(v));
}

// Entropy of a family of count vectors: plug-in H = E[-log2 p^(cell | family)] and the
// delta-method standard error sqrt(Var[-log2 p^] / n).
template <class CellCount, class FamilyTotal>
EntropyEstimate entropy_from_counts(size_t cells, CellCount count, FamilyTotal family_total) {
  double n = 0.0, m1 = 0.0, m2 = 0.0;
  for (size_t c = 0; c < cells; ++c) {
    const double k = static_cast<double>(count(c));
    if (k == 0.0) continue;
    const double info = -std::log2(k / static_cast<double>(family_total(c)));
    n += k;
    m1 += k * info;
    m2 += k * info * info;
  }
  if (n == 0.0) return {};
  const double mean = m1 / n;
  const double var = std::fmax(m2 / n - mean * mean, 0.0);
  return {mean, std::sqrt(var / n)};
}

}  // namespace

MeanEstimate error_mean(const ErrorMoments& m, uint64_t samples, int scale_exp) {
  const double n = static_cast<double>(samples);
  const double mean = to_double(m.sum) / n;      // units of 2^-64 of 2^scale_exp
  const double mean_sq = to_double(m.sum_sq) / n;
  const double unit = std::ldexp(1.0, scale_exp - 64);
  const double unit_sq = std::ldexp(1.0, 2 * scale_exp - 64);
  // Var = E[e^2] - E[e]^2 with both terms in the error's own units.
  const double e1 = mean * unit;
  const double e2 = mean_sq * unit_sq;
  const double var = samples > 1 ? std::fmax(e2 - e1 * e1, 0.0) * n / (n - 1.0) : 0.0;
  return {e1, std::sqrt(var / n)};
}

EntropyEstimate conditional_entropy(const std::vector<uint64_t>& hist, uint32_t groups) {
  std::vector<uint64_t> group_total(groups, 0);
  for (size_t b = 0; b < hist.size(); ++b) group_total[b % groups] += hist[b];
  return entropy_from_counts(
      hist.size(), [&](size_t b) { return hist[b]; }, [&](size_t b) { return group_total[b % groups]; });
}

EntropyEstimate marginal_entropy(const std::vector<uint64_t>& hist, uint32_t groups) {
  std::vector<uint64_t> index_count(hist.size() / groups, 0);
  uint64_t total = 0;
  for (size_t b = 0; b < hist.size(); ++b) {
    index_count[b / groups] += hist[b];
    total += hist[b];
  }
  return entropy_from_counts(
      index_count.size(), [&](size_t i) { return index_count[i]; }, [&](size_t) { return total; });
}

}  // namespace rdp
