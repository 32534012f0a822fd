#pragma once
// The limits that kernels are compiled or laid out for. Host checks (host/limits.hpp)
// refuse settings beyond them before anything runs.
#include <cstdint>

namespace rdp {

// Largest block the kernels are compiled for (__launch_bounds__): it caps registers at
// 128 per thread, which every pipeline fits without spilling.
constexpr int kMaxBlockSize = 512;

// Index histograms never exceed this many bins; samples outside the window are counted
// (the `overflow` key) and decoded exactly all the same.
constexpr uint64_t kMaxIndexBins = uint64_t{1} << 22;

// PIT bins are a power of two up to 2^24, so a bin number is exact in an int32 and a
// double (pit_bin in accumulators.cuh).
constexpr uint32_t kMinPitBins = 16;
constexpr uint32_t kMaxPitBins = uint32_t{1} << 24;

}  // namespace rdp
