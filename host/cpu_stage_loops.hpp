#pragma once
// The CPU backend's sampling loop, built for the SIMD level RDPSIM_CPU_ARCH names.
#include <cstdint>
#include <string>

#include "../kernels/kinds.cuh"
#include "../kernels/pipeline_params.cuh"
#include "tally.hpp"

namespace rdp {

// Adds samples [first, first + count) of the pipeline (scheme, source) to tally.
void simulate_stages_on_cpu(SchemeKind scheme, SourceKind source, const PipelineParams& p, uint64_t first,
                            uint64_t count, int threads, Tally& tally);

}  // namespace rdp
