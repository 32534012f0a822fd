#pragma once
// A Plan turns a Job into what the per-sample pipeline reads: step, histogram
// window, fixed-point scale and the decoder's tables. Both backends run from it, so
// the CPU and the GPU decode with identical tables.
#include <vector>

#include "../kernels/pipeline_params.cuh"
#include "job.hpp"

namespace rdp {

// Histogram windows never exceed this many bins; samples outside are counted
// (Result::overflow) and decoded exactly all the same.
constexpr uint64_t kMaxIndexBins = uint64_t{1} << 22;

struct Plan {
  Job job;
  PipelineParams params;                 // table pointers left null: each backend sets its own
  std::vector<ReconBoundary> recon;      // multiquan
  std::vector<double> centroids;         // deterministic
  uint64_t index_bins() const { return uint64_t{params.index_count} * params.groups; }
};

// Throws std::invalid_argument naming the bad value when the job is not valid.
void validate(const Job& job);
Plan make_plan(const Job& job);

}  // namespace rdp
