#pragma once
// erfc written out in IEEE double arithmetic (+, -, *, / and exact bit manipulation)
// instead of taken from glibc or CUDA's libdevice, for portable_math.cuh's two reasons:
// with FMA contraction off it rounds alike on every CPU and on the GPU, so the Gaussian
// source gives the same bits on either backend; and it inlines into the CPU backend's
// stage loops and vectorizes there, where glibc's erfc is a scalar call.
//
// Two forms, for a = |x| below and above 1/2; a SIMD loop evaluates both and selects,
// scalar code (the lattice schemes' per-sample loops, the GPU) branches:
// - a < 1/2: erfc(x) = 1 - sign(x) erf(a), erf(a) = a (c0 + a^2 P(a^2)) with
//   c0 = 2/sqrt(pi) and P of degree 8; a c0 is split so that its leading product and
//   1 minus it are exact, and the sum rounds once.
// - a >= 1/2, with t = 2/(2 + a), which maps [1/2, 27.3] onto [0.068, 0.8]:
//     erfc(a) = t exp(-a^2 + L(t)),  L(t) = log(erfcx(a)/t) = S (t - 1) + (t - 1) N(t)/D(t),
//   erfcx(a) = exp(a^2) erfc(a), S the slope of L's chord from t = 1, N and D of degree 9,
//   and erfc(x) = 2 - erfc(a) for x < 0. L runs from -0.26 to -1.2, and (t - 1) N/D, the
//   only part that rounds much, stays below 0.035. The other terms are exact or
//   corrected: a = z + dz with z of 21 bits, so that -z^2 is exact and -a^2 + z^2 =
//   -dz (z + a) a small tail; S (t - 1) is exact for the 21 high bits of t; t's own
//   rounding (of 2 + a and of the division) is measured exactly and enters the exponent
//   as log(t_exact/t); t (1 + r) is formed exactly; and the result rounds once at the
//   end, as exp does.
// Within 1 ulp of erfc over its whole range, the subnormal tail included (largest seen
// 0.78 ulp, tests/test_portable_erf.cpp). Coefficients: scripts/fit_portable_erf.py.
#include "portable_math.cuh"

namespace rdp::portable {
namespace detail {

constexpr double kErfcZero = 27.3;  // erfc(x) < 2^-1075 from x = 27.226 on: it rounds to 0

// x with the low 32 bits of its significand cleared (21 significant bits), or the low 27
// (26 bits): products of such parts are exact.
RDP_HD double high_21_bits(double x) { return from_bits(bits_of(x) & 0xffffffff00000000ull); }
RDP_HD double high_26_bits(double x) { return from_bits(bits_of(x) & 0xfffffffff8000000ull); }

// c0 + c1 v + ... by Estrin's scheme (pairs, then the powers v^2, v^4, v^8): a dependency
// chain 4 to 5 operations deep instead of Horner's 16 to 18, which bounds how fast both
// a SIMD loop and a chain of scalar calls run.
RDP_HD double estrin8(double v, double v2, double v4, double v8, double c0, double c1, double c2, double c3,
                      double c4, double c5, double c6, double c7, double c8) {
  return ((c0 + c1 * v) + (c2 + c3 * v) * v2) + ((c4 + c5 * v) + (c6 + c7 * v) * v2) * v4 + c8 * v8;
}
RDP_HD double estrin9(double v, double v2, double v4, double v8, double c0, double c1, double c2, double c3,
                      double c4, double c5, double c6, double c7, double c8, double c9) {
  return ((c0 + c1 * v) + (c2 + c3 * v) * v2) + ((c4 + c5 * v) + (c6 + c7 * v) * v2) * v4 + (c8 + c9 * v) * v8;
}
RDP_HD double estrin10(double v, double v2, double v4, double v8, double c0, double c1, double c2, double c3,
                       double c4, double c5, double c6, double c7, double c8, double c9, double c10) {
  return ((c0 + c1 * v) + (c2 + c3 * v) * v2) + ((c4 + c5 * v) + (c6 + c7 * v) * v2) * v4 +
         ((c8 + c9 * v) + c10 * v2) * v8;
}

// erfc(sign a) for 0 <= a < 1/2, sign = +-1.
RDP_HD double erfc_near_zero(double a, double sign) {
  constexpr double kC0Hi = 0x1.20dd750000000p+0, kC0Lo = 0x1.0a6db446b8ea4p-30;  // 2/sqrt(pi), 26 bits + rest
  const double w = a * a, w2 = w * w, w4 = w2 * w2, w8 = w4 * w4;
  const double p = estrin8(w, w2, w4, w8, -0x1.812746b0379e7p-2, 0x1.ce2f21a042bcfp-4, -0x1.b82ce31286cbcp-6,
                          0x1.565bcd0d2ff6ep-8, -0x1.c02db335c071dp-11, 0x1.f9a2dd9e25187p-14,
                          -0x1.f4c2b861c2c9cp-17, 0x1.b7f36af42c55ep-20,
                          -0x1.3d8e8315e4ddep-23);
  const double a_hi = high_26_bits(a), a_lo = a - a_hi;
  const double lead = sign * (a_hi * kC0Hi);  // exact; |lead| < 0.57
  const double s = 1.0 - lead, s_err = (1.0 - s) - lead;
  return s + (s_err - sign * ((a_lo * kC0Hi + a * kC0Lo) + a * (w * p)));
}

// erfc(a) for 1/2 <= a <= 27.3.
RDP_HD double erfc_exp_form(double a) {
  constexpr double kSlope = 0x1.4876c00000000p+0;  // S: 21 bits
  const double z = high_21_bits(a), dz = a - z;  // a = z + dz exactly

  // t = 2/(2 + a) rounded, and delta = log(2/(2 + a)) - log(t) to within t's error
  // squared: s = 2 + a rounds by s_err (TwoSum), and rho = 2 - s t exactly.
  const double s = 2.0 + a, s_round = s - 2.0, s_err = (2.0 - (s - s_round)) + (a - s_round);
  const double t = 2.0 / s;
  const double s_hi = high_26_bits(s), s_lo = s - s_hi, t_hi = high_26_bits(t), t_lo = t - t_hi;
  const double rho = ((2.0 - s_hi * t_hi) - s_hi * t_lo - s_lo * t_hi) - s_lo * t_lo;
  const double delta = 0.5 * (rho - s_err * t);

  // L(t)/(t - 1) - S = N(t)/D(t).
  const double t2 = t * t, t4 = t2 * t2, t8 = t4 * t4;
  const double n = estrin9(t, t2, t4, t8, -0x1.1f89703c2123bp-6, 0x1.17cef046e8866p-2, -0x1.2fdf402d0c8fbp-2,
                          0x1.d91d6799577fdp-1, -0x1.4b15a83761301p-1, 0x1.4615ae1e7b470p-1,
                          -0x1.2e6c9592cc905p-1, -0x1.4ede2dfb00349p-3, -0x1.54f60d6ef11fap-2,
                          -0x1.30ac343a96f60p-3);
  const double d = estrin9(t, t2, t4, t8, 1.0, -0x1.c3829b3bc70abp-2, 0x1.ffef4eade9421p+1,
                          -0x1.8602e3c114c62p-2, 0x1.38c3e76963bfep+2, 0x1.ba5cbb1e46803p-1,
                          0x1.3cd2caf67ad97p+1, 0x1.9641acd68a7c7p-1, 0x1.f0e8760244768p-2,
                          0x1.b0c8c095fc44cp-4);

  // -a^2 + L(t_exact) = (-z^2 + S (t21 - 1)) + tail, both head terms exact; L's slope
  // carries the change from t to t_exact = t (1 + delta).
  const double t21 = high_21_bits(t);
  const double tail = (t - 1.0) * (n / d) + ((delta + kSlope * (t * delta + (t - t21))) - dz * (z + a));
  const double head_1 = -z * z, head_2 = kSlope * (t21 - 1.0);

  // t exp(head_1 + head_2 + tail) = t 2^k (1 + r + u): head_1 - k ln2_hi is exact, and
  // the sums after it keep their rounding errors (TwoSum) for r's correction c.
  const double k = (((head_1 + head_2) + tail) * kInvLn2 + kRoundMagic) - kRoundMagic;
  const double h = head_1 - k * kLn2Hi;
  const double s1 = h + head_2, b1 = s1 - h, e1 = (h - (s1 - b1)) + (head_2 - b1);
  const double tail_2 = e1 + (tail - k * kLn2Lo);
  const double r = s1 + tail_2, b2 = r - s1, c = (s1 - (r - b2)) + (tail_2 - b2);
  // u = expm1(r + c) - r: portable_math.cuh's expm1_minus_r, its polynomial Q taken by
  // Estrin's scheme instead of Horner's.
  const double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
  const double q = estrin10(r, r2, r4, r8, 0x1.5555555555555p-3, 0x1.5555555555556p-5, 0x1.1111111111111p-7,
                            0x1.6c16c16c162d6p-10, 0x1.a01a01a019b2bp-13, 0x1.a01a01a6d7808p-16,
                            0x1.71de3a5904934p-19, 0x1.27e4db67b4303p-22, 0x1.ae64344d7f4e6p-26,
                            0x1.1f72fc730b4ffp-29, 0x1.61b2b016a9a33p-33);
  const double r_sq_term = 0.5 * r2 + r2 * r * q;
  const double u = r_sq_term + (c + c * (r + r_sq_term));
  // t (1 + r + u) rounded once, with t r split into an exact product and a small rest.
  const double r_hi = high_26_bits(r), r_lo = r - r_hi;
  return scale_by_pow2(sum_rounded_once(t, t_hi * r_hi, (t_hi * r_lo + t_lo * r) + t * u), k);
}

}  // namespace detail

RDP_HD double erfc(double x) {
  using namespace detail;
  const double x_abs = fabs(x);
  const double a = x_abs <= kErfcZero ? x_abs : (x_abs > kErfcZero ? kErfcZero : 0.0);  // NaN: 0
  double y;
  if (a < 0.5) {
    y = erfc_near_zero(a, x < 0.0 ? -1.0 : 1.0);
  } else {
    y = erfc_exp_form(a);
    y = x_abs > kErfcZero ? 0.0 : y;
    y = x < 0.0 ? 2.0 - y : y;
  }
  return x != x ? x : y;
}

}  // namespace rdp::portable
