#pragma once
// Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror and Shaw,
// "Parallel random numbers: as easy as 1, 2, 3" (SC 2011): ten rounds over a 128-bit
// counter under a 64-bit key. Plain C++ for g++ and nvcc alike, with no CUDA or cuRAND
// header; its words are exactly those of cuRAND's curand_Philox4x32_10(counter, key)
// (tests/test_philox.cpp: Random123's known answers, and cuRAND itself where the CUDA
// toolkit is present). The AVX2 lanes of the CPU backend (host/backends/philox_lanes.hpp)
// take their constants from here.
#include <cstdint>

#include "hd.cuh"

namespace rdp {

// Four 32-bit words: a counter, or the output block of the same shape.
struct Philox4x32Words {
  uint32_t x, y, z, w;
};

// The two 32-bit words of the key.
struct Philox4x32Key {
  uint32_t x, y;
};

// The round multipliers and the Weyl sequence that bumps the key between rounds (the
// golden ratio and sqrt(3) - 1 as 32-bit fractions).
constexpr uint32_t kPhiloxM0 = 0xD2511F53u;
constexpr uint32_t kPhiloxM1 = 0xCD9E8D57u;
constexpr uint32_t kPhiloxW0 = 0x9E3779B9u;
constexpr uint32_t kPhiloxW1 = 0xBB67AE85u;
constexpr int kPhiloxRounds = 10;

// The high and low halves of the 64-bit product a * b. On the device the high half is
// the mul.hi instruction, as in cuRAND; the halves are the same either way.
RDP_HD uint32_t philox_mulhilo(uint32_t a, uint32_t b, uint32_t& hi) {
#if defined(__CUDA_ARCH__)
  hi = __umulhi(a, b);
  return a * b;
#else
  const uint64_t product = static_cast<uint64_t>(a) * b;
  hi = static_cast<uint32_t>(product >> 32);
  return static_cast<uint32_t>(product);
#endif
}

// One round: two 32x32 -> 64-bit products; their high halves are mixed with the other
// two words and the key, their low halves carried over.
RDP_HD Philox4x32Words philox4x32_round(Philox4x32Words c, Philox4x32Key k) {
  uint32_t hi0, hi1;
  const uint32_t lo0 = philox_mulhilo(kPhiloxM0, c.x, hi0);
  const uint32_t lo1 = philox_mulhilo(kPhiloxM1, c.z, hi1);
  Philox4x32Words out;
  out.x = hi1 ^ c.y ^ k.x;
  out.y = lo1;
  out.z = hi0 ^ c.w ^ k.y;
  out.w = lo0;
  return out;
}

// Philox4x32-10 of counter c under key k.
RDP_HD Philox4x32Words philox4x32_10(Philox4x32Words c, Philox4x32Key k) {
  for (int round = 0; round < kPhiloxRounds - 1; ++round) {
    c = philox4x32_round(c, k);
    k.x += kPhiloxW0;
    k.y += kPhiloxW1;
  }
  return philox4x32_round(c, k);
}

}  // namespace rdp
