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
  Moments moments{};
  std::vector<uint64_t> index_hist;  // (index - index_lo) * groups + group
  std::vector<uint64_t> pit_hist;

  void merge(const Tally& o) {
    samples += o.samples;
    moments.merge(o.moments);
    add_counts(index_hist, o.index_hist);
    add_counts(pit_hist, o.pit_hist);
  }

  bool operator==(const Tally& o) const {
    const ErrorMoments &e = moments.errors, &oe = o.moments.errors;
    return samples == o.samples && moments.outside_window == o.moments.outside_window && e.sum == oe.sum &&
           e.sum_sq == oe.sum_sq && e.saturated == oe.saturated && index_hist == o.index_hist &&
           pit_hist == o.pit_hist;
  }
};

}  // namespace rdp
