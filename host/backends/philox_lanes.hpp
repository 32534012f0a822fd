#pragma once
// Philox4x32-10 (kernels/philox.cuh) for four consecutive counters at once, in AVX2
// registers: what the CPU backend draws with, since g++ vectorizes the scalar form poorly
// (about 100 instructions a sample, against 25 here). Each 32-bit word sits in the low
// half of a 64-bit lane, where vpmuludq reads it; the high halves carry bits no output
// keeps. tests/test_philox.cpp checks the words against philox4x32_10 (and cuRAND's).
#include <immintrin.h>

#include <cstdint>

#include "kernels/philox.cuh"

// Included by cpu_loops.cpp under its AVX2 target pragma.

namespace rdp {

// Words x, y, z, w of counters (first .. first + 3, block, stream) under key seed, to out_*[0..3].
inline void philox4x32_10_lanes(uint64_t seed, uint64_t first, uint32_t block, uint32_t stream, uint32_t* out_x,
                                uint32_t* out_y, uint32_t* out_z, uint32_t* out_w) {
  const __m256i m0 = _mm256_set1_epi64x(kPhiloxM0), m1 = _mm256_set1_epi64x(kPhiloxM1);
  const __m256i counter = _mm256_add_epi64(_mm256_set1_epi64x(static_cast<long long>(first)), _mm256_set_epi64x(3, 2, 1, 0));
  __m256i x = counter, y = _mm256_srli_epi64(counter, 32), z = _mm256_set1_epi64x(block),
          w = _mm256_set1_epi64x(stream);
  uint32_t k0 = static_cast<uint32_t>(seed), k1 = static_cast<uint32_t>(seed >> 32);
  for (int round = 0; round < kPhiloxRounds; ++round) {
    const __m256i p0 = _mm256_mul_epu32(x, m0), p1 = _mm256_mul_epu32(z, m1);
    x = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p1, 32), y), _mm256_set1_epi64x(k0));
    z = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p0, 32), w), _mm256_set1_epi64x(k1));
    y = p1;
    w = p0;
    k0 += kPhiloxW0;
    k1 += kPhiloxW1;
  }
  // The low halves of the four lanes, packed into 128 bits.
  const __m256i low_halves = _mm256_setr_epi32(0, 2, 4, 6, 0, 2, 4, 6);
  auto store = [&](uint32_t* out, __m256i v) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(v, low_halves)));
  };
  store(out_x, x);
  store(out_y, y);
  store(out_z, z);
  store(out_w, w);
}

}  // namespace rdp
