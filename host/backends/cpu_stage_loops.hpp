#pragma once
// The CPU backend's sampling loop, built for the SIMD level RDPSIM_CPU_ARCH names
// (cpu_backend.cpp checks the CPU for it first).
#include <cstdint>

#include "kernels/kinds.cuh"
#include "kernels/pipeline_params.cuh"
#include "host/backends/tally.hpp"

namespace rdp {

// The Philox4x32-10 words (rng.cuh) of samples first .. first + n - 1, four at a time
// in SIMD lanes where the build has AVX2.
void draw_philox_words(uint64_t seed, uint64_t first, int n, uint32_t* x, uint32_t* y, uint32_t* z, uint32_t* w);

// Adds samples [first, first + count) of the pipeline (scheme, source) to tally.
void run_stage_loops(SchemeKind scheme, SourceKind source, const PipelineParams& p, uint64_t first,
                            uint64_t count, int threads, Tally& tally);

}  // namespace rdp
