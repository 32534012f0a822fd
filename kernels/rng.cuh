#pragma once
// Counter-based randomness: sample s of a run with seed k draws its numbers from
// Philox4x32-10 with counter s and key k. No state is carried between samples, so
// the numbers a sample sees do not depend on which thread, block or backend runs it.
#include <cstdint>
#include <vector_types.h>

#include "hd.cuh"

// cuRAND's Philox is written for the device; QUALIFIERS makes it host code too. The
// macro is dropped again so that it does not leak into other cuRAND headers.
#define QUALIFIERS static __forceinline__ __host__ __device__
#include <curand_philox4x32_x.h>
#undef QUALIFIERS

namespace rdp {

struct SampleRandoms {
  double source_u;   // in (0, 1) with 53 random bits; drives the source draw
  uint32_t common;   // shared by encoder and decoder (offset index n or dither z)
  uint32_t priv;     // the decoder's private randomness
};

// Smallest source_u (and 1 - largest): the source draw reaches exactly the
// quantiles [icdf(kMinSourceU), isf(kMinSourceU)], which bounds histogram windows.
constexpr double kMinSourceU = 0x1p-54;

RDP_HD SampleRandoms draw_randoms(uint64_t seed, uint64_t sample_index) {
  uint4 counter;
  counter.x = static_cast<uint32_t>(sample_index);
  counter.y = static_cast<uint32_t>(sample_index >> 32);
  counter.z = 0;
  counter.w = 0;
  uint2 key;
  key.x = static_cast<uint32_t>(seed);
  key.y = static_cast<uint32_t>(seed >> 32);
  const uint4 r = curand_Philox4x32_10(counter, key);
  const uint64_t bits53 = (static_cast<uint64_t>(r.x) << 21) | (r.y >> 11);
  SampleRandoms out;
  out.source_u = (static_cast<double>(bits53) + 0.5) * 0x1p-53;
  out.common = r.z;
  out.priv = r.w;
  return out;
}

// A 32-bit word as a uniform in (0, 1), centred in its 2^-32 slot.
RDP_HD double unit_from_word(uint32_t w) { return (static_cast<double>(w) + 0.5) * 0x1p-32; }

// A 32-bit word as a uniform integer in [0, n) (multiply-shift; exact for n a power of two).
RDP_HD uint32_t index_from_word(uint32_t w, uint32_t n) {
  return static_cast<uint32_t>((static_cast<uint64_t>(w) * n) >> 32);
}

}  // namespace rdp
