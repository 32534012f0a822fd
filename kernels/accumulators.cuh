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
// The fixed-point scales of a job: 2^(64 - e) for the error and 2^(64 - 2e) for its
// square, e = PipelineParams::error_scale_exp.
struct ErrorScale {
  double error;
  double error_sq;
  RDP_HD static ErrorScale for_exponent(int e) {
    return {ldexp(1.0, 64 - e), ldexp(1.0, 64 - 2 * e)};
  }
};

// An aggregate without initialisers so that it can live in CUDA shared memory:
// value-initialise it (ErrorMoments m{}).
struct ErrorMoments {
  uint128 sum;          // sum of error / 2^scale_exp, in units of 2^-64
  uint128 sum_sq;       // sum of error^2 / 2^(2*scale_exp), in units of 2^-64
  uint64_t saturated;

  // `scale` is the power of two 2^(64 - scale_exp): multiplying by it is exact.
  RDP_HD static uint64_t to_fraction(double v, double scale, bool& saturated) {
    const double scaled = v * scale;
    if (scaled < 0x1p64) return scaled > 0.0 ? static_cast<uint64_t>(scaled) : 0;
    saturated = true;
    return ~0ull;
  }

  RDP_HD void add(double error, const ErrorScale& s) {
    bool over = false;
    sum += to_fraction(error, s.error, over);
    sum_sq += to_fraction(error * error, s.error_sq, over);
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
