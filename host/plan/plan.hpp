#pragma once
// A Plan is what a backend runs: the pipeline's key and the plain data it reads (step,
// histogram window, fixed-point scale, the decoder's tables). Both backends run from
// it, so the CPU and the GPU decode with identical tables.
#include <algorithm>
#include <vector>

#include "kernels/limits.cuh"
#include "kernels/pipeline_params.cuh"
#include "host/job.hpp"

namespace rdp {

struct Plan {
  PipelineKey key;
  Job job;                               // the scheme job it was made from (scalar schemes)
  PipelineParams params;                 // table pointers left null: each backend sets its own
  // Cost of one sample relative to a scalar scheme's, so that backends cut runs into
  // chunks of similar duration (progress lines, Ctrl-C).
  double work_per_sample = 1.0;
  std::vector<ReconBoundary> recon;      // multiquan
  std::vector<double> centroids;         // deterministic
  std::vector<double> boundaries;        // multiquan with general thresholds
  std::vector<double> cell_points;       // vector schemes: the rate estimator's cell points
  std::vector<double> directions;        // vector schemes: the sliced W2's unit vectors
  // 1-D sources: every index a source draw can reach, before the histogram window's cap.
  int64_t reachable_lo = 0, reachable_hi = -1;
  uint64_t index_bins() const { return uint64_t{params.index_count} * params.groups; }
  uint64_t pit_bins_total() const { return uint64_t{params.pit_bins} * params.pit_channels; }
  // Samples per backend call: `base` for a scalar scheme, fewer for costlier pipelines.
  uint64_t chunk_samples(uint64_t base) const {
    return std::max<uint64_t>(1024, static_cast<uint64_t>(static_cast<double>(base) / work_per_sample));
  }
  // The parameters with their table pointers into this plan's host memory.
  PipelineParams host_params() const {
    PipelineParams p = params;
    p.recon = recon.data();
    p.centroids = centroids.data();
    p.boundaries = boundaries.empty() ? nullptr : boundaries.data();
    p.cell_points = cell_points.data();
    p.direction_table = directions.data();
    return p;
  }
};

// The fixed-point exponent e of a per-sample sum (ErrorScale): the smallest e with
// bound <= 2^(e-2), a factor 4 of headroom over the a-priori bound.
int scale_exponent(double bound);

// Throws std::invalid_argument naming the bad value when the job is not valid.
void validate(const Job& job);
// The part of validate() about the source's law loc + scale * Z: both finite, the
// scale positive and within limits, and the defaults (0, 1) on the circle and for the
// lattice schemes.
void check_source_law(const Job& job);
// loc = 0 and scale = 1: the standard law.
bool has_standard_law(const Job& job);
Plan make_plan(const Job& job);
// The uniform points of a lattice's Voronoi cell (`rdpsim nsm`): no histograms.
Plan make_cell_plan(LatticeKind lattice, uint64_t seed);

}  // namespace rdp
