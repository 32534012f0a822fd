#pragma once
// Per-thread accumulators whose merge is integer addition: the totals are the same
// whatever the order in which threads, blocks or chunks are merged, so one seed gives
// bit-identical results for any thread count or launch shape.
#include <cmath>
#include <cstdint>

#include "hd.cuh"

namespace rdp {

using uint128 = unsigned __int128;

// error / 2^scale_exp lies in [0, 1) by the job's a-priori bound on the per-sample
// error; it is kept as a 64-bit binary fraction, so each sample contributes with a
// resolution of 2^-64 of the bound and 2^64 samples cannot overflow the 128-bit sums.
// A value at or above the bound (or NaN) saturates and is counted.
// An aggregate without initialisers so that it can live in CUDA shared memory:
// value-initialise it (ErrorMoments m{}).
struct ErrorMoments {
  uint128 sum;          // sum of error / 2^scale_exp, in units of 2^-64
  uint128 sum_sq;       // sum of error^2 / 2^(2*scale_exp), in units of 2^-64
  uint64_t saturated;

  RDP_HD static uint64_t to_fraction(double v, int scale_exp, bool& saturated) {
    const double scaled = ldexp(v, 64 - scale_exp);
    if (scaled < 0x1p64) return scaled > 0.0 ? static_cast<uint64_t>(scaled) : 0;
    saturated = true;
    return ~0ull;
  }

  RDP_HD void add(double error, int scale_exp) {
    bool over = false;
    sum += to_fraction(error, scale_exp, over);
    sum_sq += to_fraction(error * error, 2 * scale_exp, over);
    saturated += over ? 1 : 0;
  }

  RDP_HD void merge(const ErrorMoments& o) {
    sum += o.sum;
    sum_sq += o.sum_sq;
    saturated += o.saturated;
  }
};

// Bin of the probability-integral transform on [0, 1).
RDP_HD uint32_t pit_bin(double pit, uint32_t bins) {
  const double b = pit * bins;
  if (!(b > 0.0)) return 0;
  return b < bins ? static_cast<uint32_t>(b) : bins - 1;
}

}  // namespace rdp
