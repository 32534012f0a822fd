#pragma once
// One multiquan cell by quadrature (docs/theory.md §6.1, §8.1): its mass, the law of X
// on it and the law of X^ on its reconstruction interval [a_j, a_{j+1}). The exact
// evaluator and the threshold optimizer both sum these; a_j comes from the decoder's own
// Multiquan::recon_boundary.
#include <algorithm>

#include "host/exact/quadrature.hpp"
#include "kernels/schemes/multiquan.cuh"

namespace rdp::exact {

// a_j from its probability coordinates; a coordinate that underflowed to 0 stands for
// the quantile at the smallest representable probability rather than an infinity.
template <class Law>
double recon_point(const Law& law, const ReconBoundary& a) {
  return a.cdf < 0.5 ? law.icdf(std::max(a.cdf, kSmallestProbability))
                     : law.isf(std::max(a.sf, kSmallestProbability));
}

struct MultiquanCell {
  double mass = 0.0;       // P(X in cell j)
  IntervalMoments source;  // X given the cell
  IntervalMoments recon;   // X^ given the cell: the source restricted to [a_j, a_{j+1})
  // E[(X - X^)^2 | cell j]: X and X^ are independent given the cell.
  double conditional_distortion() const {
    const double gap = source.mean - recon.mean;
    return source.variance + recon.variance + gap * gap;
  }
};

// Cell j of the multiquan of p, on the source law of p (p.loc + p.scale * Source).
template <class Source>
MultiquanCell multiquan_cell(const PipelineParams& p, int64_t j) {
  using Scheme = Multiquan<Source>;
  const LocationScale<Source> law = source_law<Source>(p);
  MultiquanCell cell;
  const double lo = Scheme::boundary(p, j), hi = Scheme::boundary(p, j + p.N);
  cell.mass = interval_mass(law, lo, hi);
  if (!(cell.mass > 0.0)) return cell;
  cell.source = interval_moments(law, lo, hi);
  cell.recon = interval_moments(law, recon_point(law, Scheme::recon_boundary(p, j - p.recon_shift)),
                                recon_point(law, Scheme::recon_boundary(p, j + 1 - p.recon_shift)));
  return cell;
}

}  // namespace rdp::exact
