#pragma once
// The plain data a per-sample pipeline reads: built once on the host (host/plan.cpp),
// copied by value into every kernel launch and CPU worker. Table pointers point to
// host memory on the CPU backend and to device memory on the CUDA backend.
#include <cstdint>

#include "hd.cuh"

namespace rdp {

// A reconstruction-interval boundary a_j of multiquan, held as its probability
// coordinates F(a_j) and S(a_j): the decoder interpolates in whichever of the two keeps
// precision in its tail.
struct ReconBoundary {
  double cdf;  // F(a_j)
  double sf;   // S(a_j) = 1 - F(a_j), computed without cancellation
};

struct PipelineParams {
  uint64_t seed = 0;
  double step = 0.0;       // Delta (2*pi/L on the circle)
  // 1-D sources: X = loc + scale * Z for the standard law Z (LocationScale, sources.cuh).
  double loc = 0.0;
  double scale = 1.0;
  uint32_t N = 1;          // multiquan: number of offset quantizers
  uint32_t L = 0;          // circle: levels
  // Index histogram: bin = (index - index_lo) * groups + group, where the group is
  // the offset n (multiquan), the dither bin (dithered) or 0 (deterministic).
  uint32_t groups = 1;
  int64_t index_lo = 0;
  uint32_t index_count = 0;
  uint32_t pit_bins = 0;   // bins of the probability-integral transform F(X^) on [0,1), per channel
  // Per-sample errors are accumulated in fixed point as error / 2^error_scale_exp,
  // which the job's a-priori bound keeps below 1 (see accumulators.cuh).
  int error_scale_exp = 0;
  // multiquan with general thresholds: c_j for j in [boundary_lo, boundary_lo + boundary_count);
  // the uniform grid c_j = (j/N - 1/2) * step outside (and everywhere when null).
  const double* boundaries = nullptr;
  int64_t boundary_lo = 0;
  uint32_t boundary_count = 0;
  // multiquan: the decoder of cell j uses a_{j - recon_shift}: 0, or N for multiquan-eq6.
  int64_t recon_shift = 0;
  const ReconBoundary* recon = nullptr;  // decoder boundaries for j in [N*index_lo, N*(index_lo+index_count)]
  const double* centroids = nullptr;     // deterministic: centroid per index of the window

  // Lattice vector schemes (docs/theory.md §4). A vector is `blocks` blocks of the
  // lattice's dimension m; the scheme's lattice is lattice_scale * L.
  uint32_t blocks = 1;
  uint32_t gamma = 1;                 // lattice-qsd: Lambda = gamma * Lambda_f
  double lattice_scale = 1.0;
  double sigma = 1.0;                 // the source is sigma * (the 1-D source)
  double gain_a = 1.0, gain_s = 1.0, dither_scale = 1.0;
  // The rate estimator (§5.4), in the unscaled lattice's coordinates: cell_point_count
  // points of (1/K) L reduced into V0(L), m values each, row by row, and random shifts
  // uniform on V0((1/K) L); log_density_constant is log V(Lambda) - (m/2) log(2 pi (a sigma)^2)
  // - log(cell_point_count), natural log, and density_exponent_scale lattice_scale^2 / (2 (a sigma)^2).
  const double* cell_points = nullptr;
  uint32_t cell_point_count = 0;
  double log_density_constant = 0.0;
  double density_exponent_scale = 0.0;
  double inverse_cell_points_per_axis = 1.0;  // 1/K
  // Perception (§5.7): directions unit vectors of R^n, n values each, row by row; PIT
  // channels 0 .. directions-1 are theirs, then one per coordinate.
  const double* direction_table = nullptr;
  uint32_t directions = 0;
  uint32_t pit_channels = 1;
  // -log2 P^ per vector is summed in fixed point as (info + info_offset) / 2^info_scale_exp.
  int info_scale_exp = 0;
  double info_offset = 0.0;
};

// What a scheme's encoder and decoder make of one sample.
struct Reconstruction {
  uint32_t bin;  // index-histogram bin, or kOutsideWindow
  double x_hat;  // X^ (its angle on the circle)
};

struct SampleOutcome {
  uint32_t bin;     // index-histogram bin, or kOutsideWindow
  double sq_error;  // ||X - X^||^2
  double pit;       // F_X(X^): uniform on [0,1] exactly when X^ has the law of X
};

constexpr uint32_t kOutsideWindow = 0xFFFFFFFFu;

RDP_HD uint32_t window_bin(const PipelineParams& p, int64_t index, uint32_t group) {
  const int64_t offset = index - p.index_lo;
  if (offset < 0 || offset >= static_cast<int64_t>(p.index_count)) return kOutsideWindow;
  return static_cast<uint32_t>(offset) * p.groups + group;
}

}  // namespace rdp
