#pragma once
// log, log1p, exp and expm1 written out in IEEE double arithmetic (+, -, *, /, floor
// and exact bit manipulation) instead of taken from glibc or CUDA's libdevice. Two
// reasons: every CPU and the GPU round them identically, so with FMA contraction off
// on both compilers (CMakeLists.txt) a seed gives the same bits on either backend; and
// they inline into the CPU's hot loop, where glibc's log1p and expm1 took half of the
// time. Errors stay within 1 ulp (tests/test_portable_math.cpp checks against long
// double). Coefficients: scripts/fit_portable_math.py.
#include <cmath>
#include <cstdint>
#include <cstring>

#include "hd.cuh"

namespace rdp {

constexpr double kPi = 3.14159265358979323846;
constexpr double kLn2 = 0.69314718055994530942;

}  // namespace rdp

namespace rdp::portable {
namespace detail {

RDP_HD uint64_t bits_of(double x) {
#ifdef __CUDA_ARCH__
  return static_cast<uint64_t>(__double_as_longlong(x));
#else
  uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
#endif
}

RDP_HD double from_bits(uint64_t b) {
#ifdef __CUDA_ARCH__
  return __longlong_as_double(static_cast<long long>(b));
#else
  double x;
  std::memcpy(&x, &b, sizeof x);
  return x;
#endif
}

// ln 2 split so that k * kLn2Hi is exact for |k| < 2^21.
constexpr double kLn2Hi = 0x1.62e42fee00000p-1;
constexpr double kLn2Lo = 0x1.a39ef35793c76p-33;
constexpr double kInvLn2 = 1.44269504088896340736;
constexpr double kSqrt2 = 1.41421356237309504880;
constexpr double kExpOverflow = 709.782712893383973096;    // log(DBL_MAX)
constexpr double kExpUnderflow = -745.133219101941108420;  // log(2^-1075): below it exp rounds to 0

// v + kRoundMagic - kRoundMagic is v rounded to an integer (ties to even) for
// |v| < 2^51, and the bits of v + kRoundMagic hold that integer plus kRoundMagicBits.
// Integers move between doubles and bits this way, with no conversion instruction,
// because AVX2 has none between 64-bit integers and doubles.
constexpr double kRoundMagic = 0x1.8p52;
constexpr uint64_t kRoundMagicBits = 0x4338000000000000ull;

// 2^k for an integer-valued k in [-1022, 1023].
RDP_HD double pow2(double k) { return from_bits((bits_of(k + kRoundMagic) - kRoundMagicBits + 1023) << 52); }

// y * 2^k for an integer-valued k in [-1075, 1024], in two steps that are each a
// normal power of two: the first is exact, the second rounds once if the result is subnormal.
RDP_HD double scale_by_pow2(double y, double k) {
  const double k1 = (0.5 * k + kRoundMagic) - kRoundMagic;
  return y * pow2(k1) * pow2(k - k1);
}

// log(1 + f) + k ln 2 + tail for f in [sqrt(1/2) - 1, sqrt(2) - 1] and a tail far below
// the result's ulp. log(1 + f) = 2 atanh(s) with s = f / (2 + f), arranged so that the
// leading term f is added last and the rounding errors stay at the s^2 level.
RDP_HD double log_reduced(double f, double k, double tail) {
  const double s = f / (2.0 + f);
  const double z = s * s;
  const double P = 0x1.5555555555558p-1 +
                   z * (0x1.99999999952e2p-2 +
                        z * (0x1.2492492df148dp-2 +
                             z * (0x1.c71c62e5800a1p-3 +
                                  z * (0x1.7462b4ab2ef6bp-3 + z * (0x1.39fe606542ddep-3 + z * 0x1.2b584aae78a57p-3)))));
  const double R = z * P;
  const double half_f_sq = 0.5 * f * f;
  return k * kLn2Hi + (f - (half_f_sq - (s * (half_f_sq + R) + (k * kLn2Lo + tail))));
}

// x = 2^k * m with m in [sqrt(1/2), sqrt(2)), for x positive, finite and normal.
RDP_HD double split_exponent(double x, double& k) {
  const uint64_t b = bits_of(x);
  const double biased = from_bits(0x4330000000000000ull | (b >> 52)) - 0x1p52;  // the exponent field
  const double m = from_bits((b & 0x000fffffffffffffull) | 0x3ff0000000000000ull);
  const bool high = m > kSqrt2;
  k = biased - (high ? 1022.0 : 1023.0);
  return high ? 0.5 * m : m;
}

// expm1(r + c) - r for |r| <= ln(2)/2 (plus rounding) and |c| <= ulp(r): the part
// added to r, returned apart so that callers can add r exactly where it matters.
RDP_HD double expm1_minus_r(double r, double c) {
  const double Q = 0x1.5555555555555p-3 +
                   r * (0x1.5555555555556p-5 +
                        r * (0x1.1111111111111p-7 +
                             r * (0x1.6c16c16c162d6p-10 +
                                  r * (0x1.a01a01a019b2bp-13 +
                                       r * (0x1.a01a01a6d7808p-16 +
                                            r * (0x1.71de3a5904934p-19 +
                                                 r * (0x1.27e4db67b4303p-22 +
                                                      r * (0x1.ae64344d7f4e6p-26 +
                                                           r * (0x1.1f72fc730b4ffp-29 + r * 0x1.61b2b016a9a33p-33)))))))));
  const double r2 = r * r;
  const double t = 0.5 * r2 + r2 * r * Q;
  return t + (c + c * (r + t));  // expm1(r + c) = expm1(r) + c (1 + expm1(r)) + O(c^2)
}

// a + b + tail where a + b is formed with its exact rounding error (TwoSum) and the
// tail is small: one final rounding, plus the tail's own error.
RDP_HD double sum_rounded_once(double a, double b, double tail) {
  const double s = a + b, bb = s - a;
  const double sum_error = (a - (s - bb)) + (b - bb);
  return s + (sum_error + tail);
}

// x = k ln 2 + r + c with |r| <= ln(2)/2 (plus rounding), c the rounding error of r,
// and k an integer returned as a double; |x| < 2^50.
RDP_HD double reduce_by_ln2(double x, double& r, double& c) {
  const double k = (x * kInvLn2 + kRoundMagic) - kRoundMagic;
  const double hi = x - k * kLn2Hi;
  const double lo = k * kLn2Lo;
  r = hi - lo;
  c = (hi - r) - lo;
  return k;
}

}  // namespace detail

// An integer-valued double with |v| < 2^51 as an int64_t, through its bits (kRoundMagic).
RDP_HD int64_t integer_from_double(double v) {
  return static_cast<int64_t>(detail::bits_of(v + detail::kRoundMagic) - detail::kRoundMagicBits);
}

// Each function runs its main path on an argument made safe, then selects the
// special values: no branches, so a loop over samples vectorizes and GPU warps do not
// diverge.

RDP_HD double log(double x) {
  const bool subnormal = x < 0x1p-1022;
  const double safe = (x > 0.0 && x < INFINITY) ? (subnormal ? x * 0x1p54 : x) : 1.0;
  double k;
  const double m = detail::split_exponent(safe, k);
  double y = detail::log_reduced(m - 1.0, subnormal ? k - 54.0 : k, 0.0);
  y = x == INFINITY ? x : y;
  y = x == 0.0 ? -INFINITY : y;
  return (x < 0.0 || x != x) ? NAN : y;
}

// log(w + c) for a normal w >= 0 and its exact rounding error c (|c| <= ulp(w)/2):
// log1p's core, for callers that form 1 - p themselves. log_of_sum(w, 0) is log(w).
RDP_HD double log_of_sum(double w, double c) {
  double k;
  const double m = detail::split_exponent(w, k);
  const double y = detail::log_reduced(m - 1.0, k, c / w);
  return w == 0.0 ? -INFINITY : y;
}

RDP_HD double log1p(double x) {
  const double safe = (x > -1.0 && x < INFINITY) ? x : 0.0;
  const double u = 1.0 + safe;
  // The rounding error of 1 + x, exactly (Fast2Sum with the larger operand first);
  // log(1 + x) = log(u) + c/u to within c^2.
  const double c = safe > 1.0 ? 1.0 - (u - safe) : safe - (u - 1.0);
  double y = log_of_sum(u, c);
  y = fabs(x) < 0x1p-54 ? x : y;  // x^2/2 is below half an ulp of x
  y = x == INFINITY ? x : y;
  y = x == -1.0 ? -INFINITY : y;
  return (x < -1.0 || x != x) ? NAN : y;
}

RDP_HD double expm1(double x) {
  const double safe = (x >= -40.0 && x <= detail::kExpOverflow) ? x : 0.0;
  double r, c;
  const double k = detail::reduce_by_ln2(safe, r, c);
  const double t = detail::expm1_minus_r(r, c);
  // 2^k (1 + r + t) - 1 as one rounded sum of exact terms and small tails: at k = +-1
  // the result cancels, at large k the -1 would be a second rounding. Below k = -53 it
  // is -1 plus a term under ulp(1).
  const double k_mid = k < -53.0 ? -53.0 : (k > 53.0 ? 53.0 : k);
  const double two_k = detail::pow2(k_mid);
  const double mid = detail::sum_rounded_once(two_k - 1.0, two_k * r, two_k * t);
  const double high = detail::scale_by_pow2(detail::sum_rounded_once(1.0, r, t - detail::pow2(k > 1022.0 ? -1022.0 : -k)), k);
  const double low = detail::scale_by_pow2(1.0 + (r + t), k) - 1.0;
  double y = k > 53.0 ? high : (k < -53.0 ? low : mid);
  y = fabs(x) < 0x1p-54 ? x : y;
  y = x < -40.0 ? -1.0 : y;  // e^x < 2^-57: -1 + e^x rounds to -1
  y = x > detail::kExpOverflow ? INFINITY : y;
  return x != x ? x : y;
}

RDP_HD double exp(double x) {
  const double safe = (x >= detail::kExpUnderflow && x <= detail::kExpOverflow) ? x : 0.0;
  double r, c;
  const double k = detail::reduce_by_ln2(safe, r, c);
  double y = detail::scale_by_pow2(detail::sum_rounded_once(1.0, r, detail::expm1_minus_r(r, c)), k);
  y = x < detail::kExpUnderflow ? 0.0 : y;
  y = x > detail::kExpOverflow ? INFINITY : y;
  return x != x ? x : y;
}

}  // namespace rdp::portable
