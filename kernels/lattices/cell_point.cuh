#pragma once
// A lattice scaled to a step, and uniform points of its Voronoi cell (docs/theory.md
// §3.1, §3.3).
#include <cmath>

#include "../hd.cuh"

namespace rdp::lattice {

// The factor s for which s*L has a cell of volume step^m: s = step / V(L)^(1/m).
template <class L>
double scale_for_step(double step) {
  return step / std::pow(L::kVolume, 1.0 / L::kDim);
}

// Q_{sL}(x) = s Q_L(x / s).
template <class L>
RDP_HD void closest_scaled(const double (&x)[L::kDim], double scale, double (&out)[L::kDim]) {
  double y[L::kDim];
  for (int i = 0; i < L::kDim; ++i) y[i] = x[i] / scale;
  L::closest_point(y, out);
  for (int i = 0; i < L::kDim; ++i) out[i] *= scale;
}

// U = v - Q(v) for v uniform on the box of L::box_side, a fundamental region of a
// sublattice: v mod L is uniform on R^m / L, so U is uniform on the Voronoi cell V0(L).
// `unit` holds m uniforms on [0, 1). The cell is that of L itself (unscaled).
template <class L>
RDP_HD void uniform_cell_point(const double (&unit)[L::kDim], double (&u)[L::kDim]) {
  double v[L::kDim], q[L::kDim];
  for (int i = 0; i < L::kDim; ++i) v[i] = unit[i] * L::box_side(i);
  L::closest_point(v, q);
  for (int i = 0; i < L::kDim; ++i) u[i] = v[i] - q[i];
}

}  // namespace rdp::lattice
