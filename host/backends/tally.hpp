#pragma once
// What a backend hands back: integer accumulators only, merged by addition.
#include <cstdint>
#include <vector>

#include "kernels/accumulators.cuh"

namespace rdp {

// totals[b] += counts[b], growing totals to the counts' length.
template <class Count>
void add_counts(std::vector<uint64_t>& totals, const std::vector<Count>& counts) {
  if (totals.size() < counts.size()) totals.resize(counts.size(), 0);
  for (size_t b = 0; b < counts.size(); ++b) totals[b] += counts[b];
}

struct Tally {
  uint64_t samples = 0;
  uint64_t outside_window = 0;
  ErrorMoments errors{};
  std::vector<uint64_t> index_hist;  // (index - index_lo) * groups + group
  std::vector<uint64_t> pit_hist;

  void merge(const Tally& o) {
    samples += o.samples;
    outside_window += o.outside_window;
    errors.merge(o.errors);
    add_counts(index_hist, o.index_hist);
    add_counts(pit_hist, o.pit_hist);
  }

  bool operator==(const Tally& o) const {
    return samples == o.samples && outside_window == o.outside_window && errors.sum == o.errors.sum &&
           errors.sum_sq == o.errors.sum_sq && errors.saturated == o.errors.saturated &&
           index_hist == o.index_hist && pit_hist == o.pit_hist;
  }
};

}  // namespace rdp
