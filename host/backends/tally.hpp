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
    auto same = [](const ErrorMoments& a, const ErrorMoments& b) {
      return a.sum == b.sum && a.sum_sq == b.sum_sq && a.saturated == b.saturated;
    };
    const Moments &m = moments, &om = o.moments;
    return samples == o.samples && m.outside_window == om.outside_window && same(m.errors, om.errors) &&
           same(m.information, om.information) && same(m.information_bias, om.information_bias) &&
           same(m.output_power, om.output_power) && index_hist == o.index_hist && pit_hist == o.pit_hist;
  }
};

}  // namespace rdp
