#pragma once
// The CPU backend's sampling loop, built for the SIMD level RDPSIM_CPU_ARCH names
// (cpu_backend.cpp checks the CPU for it first).
#include <cstdint>

#include "kernels/kinds.cuh"
#include "kernels/pipeline_params.cuh"
#include "host/backends/tally.hpp"

namespace rdp {

// The Philox4x32-10 words of samples first .. first + n - 1 (rng.cuh; block and stream of
// block_randoms.cuh), four at a time in SIMD lanes where the build has AVX2.
void draw_philox_words(uint64_t seed, uint64_t first, int n, uint32_t* x, uint32_t* y, uint32_t* z, uint32_t* w,
                       uint32_t block = 0, uint32_t stream = 0);

// Adds samples [first, first + count) of the pipeline `key` to tally; work_per_sample
// (Plan) sizes the threads' work items.
void run_cpu_loops(const PipelineKey& key, const PipelineParams& p, uint64_t first, uint64_t count, int threads,
                   double work_per_sample, Tally& tally);

// run_cpu_loops for the scalar schemes, from their own translation unit (cpu_stage_loops.cpp).
void run_cpu_stage_loops(const PipelineKey& key, const PipelineParams& p, uint64_t first, uint64_t count,
                         int threads, double work_per_sample, Tally& tally);

}  // namespace rdp
