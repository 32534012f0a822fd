#pragma once
// What a backend hands back: integer accumulators only, merged by addition.
#include <cstdint>
#include <vector>

#include "../kernels/accumulators.cuh"

namespace rdp {

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
    if (index_hist.size() < o.index_hist.size()) index_hist.resize(o.index_hist.size(), 0);
    if (pit_hist.size() < o.pit_hist.size()) pit_hist.resize(o.pit_hist.size(), 0);
    for (size_t b = 0; b < o.index_hist.size(); ++b) index_hist[b] += o.index_hist[b];
    for (size_t b = 0; b < o.pit_hist.size(); ++b) pit_hist[b] += o.pit_hist[b];
  }

  bool operator==(const Tally& o) const {
    return samples == o.samples && outside_window == o.outside_window && errors.sum == o.errors.sum &&
           errors.sum_sq == o.errors.sum_sq && errors.saturated == o.errors.saturated &&
           index_hist == o.index_hist && pit_hist == o.pit_hist;
  }
};

}  // namespace rdp
