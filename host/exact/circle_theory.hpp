#pragma once
// The unit-circle results of Zhou & Tian (docs/theory.md §6.4, §7.1): Theorem 3.1 (MultiQuan),
// Theorem 3.3 (best one-shot scalar coding, reached by dithered quantization),
// Theorem 3.2 (R(D, 0), parametrised by a von Mises law) and the centroid decoder.
#include <cstdint>

namespace rdp::circle {

double sinc(double t);

double multiquan_distortion(uint32_t L, uint32_t N);  // 2 - 2 sinc(pi/(LN)) sinc(pi/L)
double dithered_distortion(uint32_t L);               // 2 - 2 sinc(pi/L)
double centroid_distortion(uint32_t L);               // 1 - sinc^2(pi/L)

// Theorem 3.3: the lower convex envelope through (log2 L, 2 - 2 sinc(pi/L)), L >= 1,
// evaluated at a rate in bits.
double scalar_distortion_bound(double rate_bits);

struct RdPoint {
  double rate_bits;
  double distortion;
};

// Theorem 3.2 at concentration lambda > 0: Z von Mises, R = log2(2 pi) - h(Z) in bits,
// D = E[2 - 2 cos Z] = 2 - 2 I1(lambda)/I0(lambda).
RdPoint perfect_perception_rd(double lambda);

// R(D, 0) in bits at distortion D in (0, 2): 0 for D >= 2.
double perfect_perception_rate(double distortion);

}  // namespace rdp::circle
