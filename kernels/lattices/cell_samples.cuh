#pragma once
// The per-sample pipeline behind `rdpsim nsm` (docs/theory.md §3.1, §3.3): a uniform point
// U of the lattice's Voronoi cell and its squared norm, summed as the scheme pipelines sum
// squared errors. E||U||^2 / (m V^(2/m)) is the normalized second moment G.
#include "../accumulators.cuh"
#include "../block_randoms.cuh"
#include "../pipeline_params.cuh"
#include "cell_point.cuh"

namespace rdp {

template <class L>
struct LatticeCellSamples {
  static constexpr bool kVectorMoments = false;  // the squared norms go where errors go
  // ||U||^2 for the cell point that the uniforms `unit` select.
  RDP_HD static double cell_norm(const double (&unit)[L::kDim]) {
    double u[L::kDim];
    lattice::uniform_cell_point<L>(unit, u);
    double norm = 0.0;
    for (int i = 0; i < L::kDim; ++i) norm += u[i] * u[i];
    return norm;
  }

  template <class Counters>
  RDP_HD static void accumulate(const PipelineParams& p, uint64_t s, const ErrorScale& scale, Moments& moments,
                                Counters&) {
    double unit[L::kDim];
    draw_block_units(p.seed, s, kCodingStream, unit);
    moments.errors.add(cell_norm(unit), scale);
  }

  // ||U||^2 is below the squared diagonal of the lattice's box (U is the offset of v from
  // its closest lattice point, never further than v from the box's nearest corner).
  static double norm_bound() {
    double d = 0.0;
    for (int i = 0; i < L::kDim; ++i) d += L::box_side(i) * L::box_side(i);
    return d;
  }
};

}  // namespace rdp
