#pragma once
// A Plan turns a Job into what the per-sample pipeline reads: step, histogram
// window, fixed-point scale and the decoder's tables. Both backends run from it, so
// the CPU and the GPU decode with identical tables.
#include <vector>

#include "kernels/pipeline_params.cuh"
#include "host/job.hpp"

namespace rdp {

// Histogram windows never exceed this many bins; samples outside are counted
// (Result::overflow) and decoded exactly all the same.
constexpr uint64_t kMaxIndexBins = uint64_t{1} << 22;

struct Plan {
  Job job;
  PipelineParams params;                 // table pointers left null: each backend sets its own
  std::vector<ReconBoundary> recon;      // multiquan
  std::vector<double> centroids;         // deterministic
  std::vector<double> boundaries;        // multiquan with general thresholds
  // 1-D sources: every index a source draw can reach, before the histogram window's cap.
  int64_t reachable_lo = 0, reachable_hi = -1;
  uint64_t index_bins() const { return uint64_t{params.index_count} * params.groups; }
  // The parameters with their table pointers into this plan's host memory.
  PipelineParams host_params() const {
    PipelineParams p = params;
    p.recon = recon.data();
    p.centroids = centroids.data();
    p.boundaries = boundaries.empty() ? nullptr : boundaries.data();
    return p;
  }
};

// Throws std::invalid_argument naming the bad value when the job is not valid.
void validate(const Job& job);
Plan make_plan(const Job& job);

}  // namespace rdp
