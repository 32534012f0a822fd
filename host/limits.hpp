#pragma once
// Every limit on a job's or a run's settings, defined once. The command line, sweep
// files, thresholds files and Job/RunOptions validation check against these and word
// their errors from them, before any output file is created.
#include <cstdint>
#include <string>

#include "kernels/limits.cuh"

namespace rdp::limits {

struct IntegerRange {
  long long lo, hi;
  bool contains(long long v) const { return v >= lo && v <= hi; }
};

inline constexpr IntegerRange kN{1, 65536};           // offset quantizers (multiquan)
inline constexpr IntegerRange kL{1, 65536};           // levels on the circle
inline constexpr IntegerRange kDitherBins{1, 65536};  // bins of the dither for H(k | Z)
inline constexpr IntegerRange kPitBins{kMinPitBins, kMaxPitBins};  // and a power of two
inline constexpr IntegerRange kThreads{0, 4096};      // CPU threads (0: all cores)
inline constexpr IntegerRange kBlockSize{32, kMaxBlockSize};       // and a multiple of 32
inline constexpr IntegerRange kDevice{-1, 1024};      // CUDA ordinal (-1: the runtime's default)
// Lattice vector schemes: vectors have at most 64 coordinates (kMaxVectorDim), qsd's
// nesting ratio fits a 32-bit word, the sliced W2 has at most 64 directions, and the
// rate estimator at most 2^16 cell points per shift.
inline constexpr IntegerRange kBlocks{1, 64};
inline constexpr IntegerRange kGamma{2, 65536};
inline constexpr IntegerRange kDirections{1, 64};
inline constexpr IntegerRange kCellPoints{1, 65536};
inline constexpr double kMaxCellPointTotal = 65536.0;

// Samples and seeds are whole numbers that a double and an int64 both hold.
inline constexpr double kMaxSamples = 9.2e18;
inline constexpr double kMaxSeed = 9.2e18;

// Steps of the 1-D sources, in units of the source's scale (a step is accepted in
// [kMinStep, kMaxStep] x scale). Below 1e-5 the tail-safe closed forms lose digits to
// cancellation (errors of order eps/step) and the histogram window no longer covers the
// source; above 100 every source sits in one cell.
inline constexpr double kMinStep = 1e-5;
inline constexpr double kMaxStep = 100.0;

// The law loc + scale * Z of the 1-D sources. The per-sample error sums are fixed point
// on a scale set by the squared error (about step^2) and their variance squares that
// again: scale^4 times the step range stays deep inside a double's range for scales in
// [1e-30, 1e30]. |loc| <= 1e6 scale: a double holds x = loc + scale * Z to |loc| * 1.1e-16,
// which resolves Z to 1.1e-10 at the limit, and keeps every index x / step below 2^37.
inline constexpr double kMinScale = 1e-30;
inline constexpr double kMaxScale = 1e30;
inline constexpr double kMaxLocPerScale = 1e6;

// A multiquan decoder table sums N CDFs per entry: refuse work that would run for hours.
inline constexpr double kMaxTableWork = 2e9;

// "{what} must be in [lo, hi], got v" when v is outside the range.
void check(const IntegerRange& range, long long v, const std::string& what);

bool is_power_of_two(long long v);

}  // namespace rdp::limits
