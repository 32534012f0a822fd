#pragma once
// Per-thread accumulators whose merge is integer addition: the totals are the same
// whatever the order in which threads, blocks or chunks are merged, so one seed gives
// bit-identical results for any thread count or launch shape.
#include <cmath>
#include <cstdint>

#include "hd.cuh"
#include "pipeline_params.cuh"
#include "portable_math.cuh"

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

  // What one error adds: formed apart from the sums so that the CPU backend computes
  // them on SIMD lanes; only the 128-bit additions stay scalar.
  struct Terms {
    uint64_t error;
    uint64_t error_sq;
    uint32_t saturated;  // 0 or 1
  };

  // floor(v) for 0 <= v < 2^64. AVX2 has no double-to-uint64 conversion, so the host
  // splits v into exact 32-bit halves, each converted through its bits.
  RDP_HD static uint64_t truncate_to_uint64(double v) {
#ifdef __CUDA_ARCH__
    return static_cast<uint64_t>(v);
#else
    const double hi = floor(v * 0x1p-32);
    const double lo = floor(v - hi * 0x1p32);
    return (static_cast<uint64_t>(portable::integer_from_double(hi)) << 32) |
           static_cast<uint64_t>(portable::integer_from_double(lo));
#endif
  }

  // `scale` is the power of two 2^(64 - scale_exp): multiplying by it is exact. A value
  // at or over the bound (or NaN) becomes the largest fraction and is counted.
  RDP_HD static uint64_t to_fraction(double v, double scale, bool& over) {
    const double scaled = v * scale;
    over = !(scaled < 0x1p64);
    const uint64_t f = truncate_to_uint64(over || !(scaled > 0.0) ? 0.0 : scaled);
    return over ? ~0ull : f;
  }

  RDP_HD static Terms terms(double error, const ErrorScale& s) {
    bool over, over_sq;
    Terms t;
    t.error = to_fraction(error, s.error, over);
    t.error_sq = to_fraction(error * error, s.error_sq, over_sq);
    t.saturated = (over || over_sq) ? 1u : 0u;
    return t;
  }

  RDP_HD void add(const Terms& t) {
    sum += t.error;
    sum_sq += t.error_sq;
    saturated += t.saturated;
  }

  RDP_HD void add(double error, const ErrorScale& s) { add(terms(error, s)); }

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
  return b < bins ? static_cast<uint32_t>(static_cast<int32_t>(b)) : bins - 1;  // bins <= 2^24 (kMaxPitBins)
}

// The sums a thread keeps in registers; the histograms are counted apart (Counters).
// An aggregate without initialisers, like ErrorMoments: value-initialise it.
struct Moments {
  ErrorMoments errors;      // squared errors (a vector's whole ||x - x^||^2)
  uint64_t outside_window;  // samples whose index fell outside the histogram window
  // Vector schemes: -log2 P^(c | shared) + offset, its estimated Jensen bias, and ||x^||^2.
  ErrorMoments information;
  ErrorMoments information_bias;
  ErrorMoments output_power;

  RDP_HD void merge(const Moments& o) {
    errors.merge(o.errors);
    outside_window += o.outside_window;
    information.merge(o.information);
    information_bias.merge(o.information_bias);
    output_power.merge(o.output_power);
  }
};

// What one sample adds to the accumulators, formed apart from the adding so that the
// CPU backend computes it on SIMD lanes.
struct SampleTerms {
  ErrorMoments::Terms error;
  uint32_t bin;      // index-histogram bin, or kOutsideWindow
  uint32_t pit_bin;  // bin of F(X^) in the PIT histogram
};

RDP_HD SampleTerms sample_terms(const SampleOutcome& o, const ErrorScale& scale, uint32_t pit_bins) {
  return {ErrorMoments::terms(o.sq_error, scale), o.bin, pit_bin(o.pit, pit_bins)};
}

// The accumulation step of every backend: the CUDA kernel's Counters add atomically to
// block-shared or global histograms, the CPU's and the tests' increment plain arrays.
template <class Counters>
RDP_HD void add_sample(const SampleTerms& t, Moments& m, Counters& counters) {
  m.errors.add(t.error);
  if (t.bin == kOutsideWindow)
    ++m.outside_window;
  else
    counters.count_index(t.bin);
  counters.count_pit(t.pit_bin);
}

// Counters over plain arrays, for one thread of the CPU backend (or a test).
template <class Count>
struct ArrayCounters {
  Count* index;
  Count* pit;
  RDP_HD void count_index(uint32_t bin) { ++index[bin]; }
  RDP_HD void count_pit(uint32_t bin) { ++pit[bin]; }
};

}  // namespace rdp
