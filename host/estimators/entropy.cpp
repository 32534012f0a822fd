#include "host/estimators/entropy.hpp"

#include <algorithm>
#include <cmath>

namespace rdp {
namespace {

// Entropy of a family of count vectors: plug-in H = E[-log2 p^(cell | family)], the
// delta-method standard error sqrt(Var[-log2 p^] / n) and Miller's first-order bias
// -(occupied cells - occupied families) / (2 n ln 2) (docs/theory.md §5.3).
template <class CellCount, class FamilyTotal, class FamilyOf>
EntropyEstimate entropy_from_counts(size_t cells, size_t families, CellCount count, FamilyTotal family_total,
                                    FamilyOf family_of) {
  double n = 0.0, m1 = 0.0, m2 = 0.0, occupied = 0.0;
  std::vector<bool> family_seen(families, false);
  for (size_t c = 0; c < cells; ++c) {
    const double k = static_cast<double>(count(c));
    if (k == 0.0) continue;
    const double info = -std::log2(k / static_cast<double>(family_total(c)));
    n += k;
    m1 += k * info;
    m2 += k * info * info;
    occupied += 1.0;
    family_seen[family_of(c)] = true;
  }
  if (n == 0.0) return {};
  const double mean = m1 / n;
  const double var = std::fmax(m2 / n - mean * mean, 0.0);
  const double occupied_families = static_cast<double>(std::count(family_seen.begin(), family_seen.end(), true));
  return {mean, std::sqrt(var / n), -(occupied - occupied_families) / (2.0 * n * std::log(2.0))};
}

}  // namespace

EntropyEstimate conditional_entropy(const std::vector<uint64_t>& hist, uint32_t groups) {
  std::vector<uint64_t> group_total(groups, 0);
  for (size_t b = 0; b < hist.size(); ++b) group_total[b % groups] += hist[b];
  return entropy_from_counts(
      hist.size(), groups, [&](size_t b) { return hist[b]; }, [&](size_t b) { return group_total[b % groups]; },
      [&](size_t b) { return b % groups; });
}

EntropyEstimate marginal_entropy(const std::vector<uint64_t>& hist, uint32_t groups) {
  std::vector<uint64_t> index_count(hist.size() / groups, 0);
  uint64_t total = 0;
  for (size_t b = 0; b < hist.size(); ++b) {
    index_count[b / groups] += hist[b];
    total += hist[b];
  }
  return entropy_from_counts(
      index_count.size(), 1, [&](size_t i) { return index_count[i]; }, [&](size_t) { return total; },
      [](size_t) { return size_t{0}; });
}

}  // namespace rdp
