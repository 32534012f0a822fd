#pragma once
// The rounding that every closest-point algorithm is built from, with one tie rule
// (halves round up) so that the CPU and the GPU break ties alike (docs/theory.md §3.2).
#include <cmath>
#include <cstdint>

#include "../hd.cuh"

namespace rdp::lattice {

// The position of the lowest set bit of k != 0.
RDP_HD int lowest_set_bit(uint32_t k) {
#ifdef __CUDA_ARCH__
  return __ffs(k) - 1;
#else
  return __builtin_ctz(k);
#endif
}

// The integer nearest to x, halves rounded up, as a double.
RDP_HD double round_half_up(double x) { return floor(x + 0.5); }

// The integer second nearest to x: the other neighbour of round_half_up(x).
RDP_HD double round_other_way(double x, double rounded) { return x >= rounded ? rounded + 1.0 : rounded - 1.0; }

template <int M>
RDP_HD double squared_distance(const double (&a)[M], const double (&b)[M]) {
  double s = 0.0;
  for (int i = 0; i < M; ++i) {
    const double d = a[i] - b[i];
    s += d * d;
  }
  return s;
}

// Closest point of Z^M.
template <int M>
RDP_HD void round_to_integers(const double (&x)[M], double (&out)[M]) {
  for (int i = 0; i < M; ++i) out[i] = round_half_up(x[i]);
}

// Closest point of D_M = {z in Z^M : sum z even} (Conway & Sloane 1982, Algorithm 2):
// round every coordinate; if the sum is odd, round the coordinate that was rounded
// furthest the other way instead (the first such coordinate on a tie). Written without
// branches or indexed stores, so that the CPU runs it on SIMD lanes across points.
template <int M>
RDP_HD void closest_in_dn(const double (&x)[M], double (&out)[M]) {
  double sum = 0.0, worst_error = -1.0;
  int worst = 0;
  for (int i = 0; i < M; ++i) {
    out[i] = round_half_up(x[i]);
    sum += out[i];
    const double error = fabs(x[i] - out[i]);
    const bool worse = error > worst_error;
    worst_error = worse ? error : worst_error;
    worst = worse ? i : worst;
  }
  // sum is an exact integer (|coordinates| stay far below 2^52 / M), and so is half of it
  // floored: the parity test is exact.
  const bool odd = sum != 2.0 * floor(0.5 * sum);
  for (int i = 0; i < M; ++i) out[i] = (odd && i == worst) ? round_other_way(x[i], out[i]) : out[i];
}

// Closest point of the coset shift + L of a lattice L with closest point decode_L.
template <int M, class Decode>
RDP_HD void closest_in_coset(const double (&x)[M], const double (&shift)[M], Decode decode_L, double (&out)[M]) {
  double moved[M];
  for (int i = 0; i < M; ++i) moved[i] = x[i] - shift[i];
  decode_L(moved, out);
  for (int i = 0; i < M; ++i) out[i] += shift[i];
}

// Keeps `candidate` in `best` when it is strictly closer to x: the earlier coset wins a tie.
template <int M>
RDP_HD void keep_closer(const double (&x)[M], const double (&candidate)[M], double& best_distance, double (&best)[M]) {
  const double d = squared_distance(x, candidate);
  const bool closer = d < best_distance;
  best_distance = closer ? d : best_distance;
  for (int i = 0; i < M; ++i) best[i] = closer ? candidate[i] : best[i];
}

}  // namespace rdp::lattice
