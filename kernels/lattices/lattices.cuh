#pragma once
// The lattices of docs/theory.md §3, each in its natural coordinates (Conway & Sloane,
// "Sphere Packings, Lattices and Groups", ch. 4), as a stateless struct whose members
// run on host and device:
//   kDim, kVolume             dimension m and covolume V of the lattice as written
//   closest_point(x, out)     Q(x), ties broken the same way on every backend
//   box_side(i)               sides of a box that is a fundamental region of a sublattice:
//                             a uniform point v of it gives a uniform v - Q(v) on the cell
//   generator(r, c)           a basis, one row per vector (kHasGenerator)
// Schemes scale a lattice so that a cell has the volume step^m (lattice_scale.cuh).
#include <cmath>

#include "code_cosets.cuh"
#include "rounding.cuh"

namespace rdp::lattice {

constexpr double kSqrt3 = 1.7320508075688772935;

// Z: the scalar quantizer; Z^n is Z in blocks.
struct IntegerLattice {
  static constexpr int kDim = 1;
  static constexpr double kVolume = 1.0;
  static constexpr bool kHasGenerator = true;
  RDP_HD static void closest_point(const double (&x)[1], double (&out)[1]) { round_to_integers(x, out); }
  RDP_HD static double box_side(int) { return 1.0; }
  RDP_HD static double generator(int, int) { return 1.0; }
};

// D_n = {z in Z^n : sum z even}, the checkerboard lattice (D3 is the fcc packing).
template <int N>
struct CheckerboardLattice {
  static constexpr int kDim = N;
  static constexpr double kVolume = 2.0;
  static constexpr bool kHasGenerator = true;
  RDP_HD static void closest_point(const double (&x)[N], double (&out)[N]) { closest_in_dn(x, out); }
  RDP_HD static double box_side(int) { return 2.0; }  // 2Z^n is a sublattice
  // (-1, -1, 0, ...), then e_{r-1} - e_r for r = 1 .. n-1.
  RDP_HD static double generator(int r, int c) {
    if (r == 0) return c < 2 ? -1.0 : 0.0;
    return c == r - 1 ? 1.0 : (c == r ? -1.0 : 0.0);
  }
};

// D_n* = Z^n u (Z^n + (1/2, ..., 1/2)) (D3* is the bcc lattice).
template <int N>
struct CheckerboardDual {
  static constexpr int kDim = N;
  static constexpr double kVolume = 0.5;
  static constexpr bool kHasGenerator = true;
  RDP_HD static void closest_point(const double (&x)[N], double (&out)[N]) {
    double half[N], candidate[N];
    for (int i = 0; i < N; ++i) half[i] = 0.5;
    round_to_integers(x, out);
    double best = squared_distance(x, out);
    closest_in_coset(x, half, [](const double (&y)[N], double (&q)[N]) { round_to_integers(y, q); }, candidate);
    keep_closer(x, candidate, best, out);
  }
  RDP_HD static double box_side(int) { return 1.0; }  // Z^n is a sublattice
  // e_1 .. e_{n-1}, then (1/2, ..., 1/2).
  RDP_HD static double generator(int r, int c) {
    if (r == N - 1) return 0.5;
    return r == c ? 1.0 : 0.0;
  }
};

// A2, the hexagonal lattice: (Z x sqrt3 Z) u ((1/2, sqrt3/2) + Z x sqrt3 Z).
struct HexagonalLattice {
  static constexpr int kDim = 2;
  static constexpr double kVolume = 0.5 * kSqrt3;
  static constexpr bool kHasGenerator = true;
  RDP_HD static void rectangular(const double (&y)[2], double (&q)[2]) {
    q[0] = round_half_up(y[0]);
    q[1] = kSqrt3 * round_half_up(y[1] / kSqrt3);
  }
  RDP_HD static void closest_point(const double (&x)[2], double (&out)[2]) {
    const double shift[2] = {0.5, 0.5 * kSqrt3};
    double candidate[2];
    rectangular(x, out);
    double best = squared_distance(x, out);
    closest_in_coset(x, shift, [](const double (&y)[2], double (&q)[2]) { rectangular(y, q); }, candidate);
    keep_closer(x, candidate, best, out);
  }
  RDP_HD static double box_side(int i) { return i == 0 ? 1.0 : kSqrt3; }
  // (1, 0), (1/2, sqrt3/2).
  RDP_HD static double generator(int r, int c) { return r == 0 ? (c == 0 ? 1.0 : 0.0) : (c == 0 ? 0.5 : 0.5 * kSqrt3); }
};

// E8 = D8 u (D8 + (1/2, ..., 1/2)), the Gosset lattice. Both cosets' D8 searches run in one
// pass: the nearest points of Z^8 and of (Z + 1/2)^8, their squared distances, and each
// one's coordinate rounded furthest; a parity fix moves that coordinate to its other
// neighbour, which adds 1 - 2|error| to the squared distance. D8 wins a tie.
struct GossetLattice {
  static constexpr int kDim = 8;
  static constexpr double kVolume = 1.0;
  static constexpr bool kHasGenerator = true;
  RDP_HD static void closest_point(const double (&x)[8], double (&out)[8]) {
    double whole[8], half[8];
    double whole_sum = 0.0, half_sum = 0.0, whole_distance = 0.0, half_distance = 0.0;
    double whole_worst = -1.0, half_worst = -1.0;
    int whole_at = 0, half_at = 0;
    for (int i = 0; i < 8; ++i) {
      whole[i] = round_half_up(x[i]);
      half[i] = floor(x[i]) + 0.5;
      const double e_whole = fabs(x[i] - whole[i]), e_half = fabs(x[i] - half[i]);
      whole_sum += whole[i];
      half_sum += half[i] - 0.5;
      whole_distance += e_whole * e_whole;
      half_distance += e_half * e_half;
      const bool whole_worse = e_whole > whole_worst, half_worse = e_half > half_worst;
      whole_worst = whole_worse ? e_whole : whole_worst;
      whole_at = whole_worse ? i : whole_at;
      half_worst = half_worse ? e_half : half_worst;
      half_at = half_worse ? i : half_at;
    }
    // The sums are exact integers: the parity tests are exact.
    const bool whole_odd = whole_sum != 2.0 * floor(0.5 * whole_sum);
    const bool half_odd = half_sum != 2.0 * floor(0.5 * half_sum);
    whole_distance += whole_odd ? 1.0 - 2.0 * whole_worst : 0.0;
    half_distance += half_odd ? 1.0 - 2.0 * half_worst : 0.0;
    const bool use_half = half_distance < whole_distance;
    const bool odd = use_half ? half_odd : whole_odd;
    const int at = use_half ? half_at : whole_at;
    for (int i = 0; i < 8; ++i) {
      const double base = use_half ? half[i] : whole[i];
      out[i] = (odd && i == at) ? round_other_way(x[i], base) : base;
    }
  }
  RDP_HD static double box_side(int) { return 2.0; }  // 2Z^8 is in D8
  // (2, 0, ..., 0), e_{r} - e_{r-1} for r = 1 .. 6, (1/2, ..., 1/2).
  RDP_HD static double generator(int r, int c) {
    if (r == 0) return c == 0 ? 2.0 : 0.0;
    if (r == 7) return 0.5;
    return c == r ? 1.0 : (c == r - 1 ? -1.0 : 0.0);
  }
};

// Barnes-Wall Lambda16 = RM(1,4) + 2 D16.
struct BarnesWallLattice {
  static constexpr int kDim = 16;
  static constexpr double kVolume = 4096.0;  // 2 * 2^16 for 2 D16, over 32 cosets
  static constexpr bool kHasGenerator = false;
  RDP_HD static void closest_point(const double (&x)[16], double (&out)[16]) {
    double best = INFINITY;
    for (int i = 0; i < 16; ++i) out[i] = 0.0;  // always replaced: every distance is below INFINITY
    CodeCosets<ReedMuller14>::search(x, 0.0, 1.0, 2.0, 0u, best, out);
  }
  RDP_HD static double box_side(int) { return 4.0; }  // 4Z^16 is in 2 D16
  RDP_HD static double generator(int, int) { return 0.0; }
};

// The Leech lattice Lambda24, scaled by sqrt 8 to integer coordinates:
// {2c + 4z : sum z even} u {1 + 2c + 4z : sum z odd}, c in the Golay code.
struct LeechLattice {
  static constexpr int kDim = 24;
  static constexpr double kVolume = 68719476736.0;  // 8^12: unimodular before the scaling
  static constexpr bool kHasGenerator = false;
  RDP_HD static void closest_point(const double (&x)[24], double (&out)[24]) {
    double best = INFINITY;
    for (int i = 0; i < 24; ++i) out[i] = 0.0;  // always replaced: every distance is below INFINITY
    CodeCosets<Golay24>::search(x, 0.0, 2.0, 4.0, 0u, best, out);
    CodeCosets<Golay24>::search(x, 1.0, 2.0, 4.0, 1u, best, out);
  }
  RDP_HD static double box_side(int) { return 8.0; }  // 8Z^24 is in 4 D24
  RDP_HD static double generator(int, int) { return 0.0; }
};

}  // namespace rdp::lattice
