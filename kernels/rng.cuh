#pragma once
// Counter-based randomness: sample s of a run with seed k draws its numbers from
// Philox4x32-10 (philox.cuh) with counter s and key k. No state is carried between samples, so
// the numbers a sample sees do not depend on which thread, block or backend runs it.
#include <cstdint>

#include "hd.cuh"
#include "philox.cuh"
#include "portable_math.cuh"

namespace rdp {

struct SampleRandoms {
  // The source's uniform U on (0, 1), held as its distance to the nearer end: U = tail_u
  // in the lower half, U = 1 - tail_u in the upper. tail_u = (k + 1/2) 2^-53 with 52
  // random bits k is exact in a double, where U near 1 would not be, so both tails are
  // drawn down to probability 2^-54 and neither end of (0, 1) is reached.
  double tail_u;
  uint32_t upper;    // 1 when U is in the upper half (a 32-bit word, as the others: SIMD lanes)
  uint32_t common;   // shared by encoder and decoder (offset index n or dither z)
  uint32_t priv;     // the decoder's private randomness
};

// Smallest tail_u: the source draw reaches exactly the quantiles
// [icdf(kMinSourceU), isf(kMinSourceU)], which bounds histogram windows.
constexpr double kMinSourceU = 0x1p-54;

// static_cast<double>(w), written as bit operations and one subtraction so that a
// loop of them vectorizes on AVX2, which has no unsigned conversion instruction.
RDP_HD double double_from_word(uint32_t w) { return portable::detail::from_bits(0x4330000000000000ull | w) - 0x1p52; }

// A sample's randoms from its four Philox words.
RDP_HD SampleRandoms randoms_from_words(uint32_t x, uint32_t y, uint32_t z, uint32_t w) {
  // The top bit of x picks the half; k = (x mod 2^31) * 2^21 + y / 2^11 has 52 bits,
  // and each part and their sum are exact in a double.
  SampleRandoms out;
  out.upper = x >> 31;
  out.tail_u = (double_from_word(x & 0x7fffffffu) * 0x1p21 + double_from_word(y >> 11) + 0.5) * 0x1p-53;
  out.common = z;
  out.priv = w;
  return out;
}

RDP_HD SampleRandoms draw_randoms(uint64_t seed, uint64_t sample_index) {
  Philox4x32Words counter;
  counter.x = static_cast<uint32_t>(sample_index);
  counter.y = static_cast<uint32_t>(sample_index >> 32);
  counter.z = 0;
  counter.w = 0;
  Philox4x32Key key;
  key.x = static_cast<uint32_t>(seed);
  key.y = static_cast<uint32_t>(seed >> 32);
  const Philox4x32Words r = philox4x32_10(counter, key);
  return randoms_from_words(r.x, r.y, r.z, r.w);
}

// A 32-bit word as a uniform in (0, 1), centred in its 2^-32 slot.
RDP_HD double unit_from_word(uint32_t w) { return (double_from_word(w) + 0.5) * 0x1p-32; }

// A 32-bit word as a uniform integer in [0, n) (multiply-shift; exact for n a power of two).
RDP_HD uint32_t index_from_word(uint32_t w, uint32_t n) {
  return static_cast<uint32_t>((static_cast<uint64_t>(w) * n) >> 32);
}

}  // namespace rdp
