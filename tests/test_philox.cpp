// rdpsim's own Philox4x32-10 (kernels/philox.cuh): Random123's published known answers,
// cuRAND's words where the CUDA toolkit's headers are there to compare with, and the CPU
// backend's batched form (AVX2 lanes where built for AVX2) against the scalar function.
#include <gtest/gtest.h>

#include <cstdint>
#include <sstream>
#include <vector>

#include "host/backends/cpu_loops.hpp"
#include "kernels/philox.cuh"
#include "kernels/rng.cuh"
#include "tests/backend_param.hpp"

#ifdef RDPSIM_HAVE_CURAND
// cuRAND's Philox is written for the device; QUALIFIERS makes it host code too.
#include <vector_types.h>
#define QUALIFIERS static __forceinline__ __host__ __device__
#include <curand_philox4x32_x.h>
#undef QUALIFIERS
#endif

namespace {

using rdp::Philox4x32Key;
using rdp::Philox4x32Words;

Philox4x32Words sample_counter(uint64_t s) { return {static_cast<uint32_t>(s), static_cast<uint32_t>(s >> 32), 0u, 0u}; }
Philox4x32Key seed_key(uint64_t seed) { return {static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32)}; }

::testing::AssertionResult same_words(const Philox4x32Words& a, const Philox4x32Words& b) {
  if (a.x == b.x && a.y == b.y && a.z == b.z && a.w == b.w) return ::testing::AssertionSuccess();
  std::ostringstream words;
  words << std::hex << "{" << a.x << ", " << a.y << ", " << a.z << ", " << a.w << "} != {" << b.x << ", " << b.y
        << ", " << b.z << ", " << b.w << "}";
  return ::testing::AssertionFailure() << words.str();
}

// Random123's kat_vectors for philox4x32 with 10 rounds: counter, key, output. (They
// are also what cuRAND's curand_Philox4x32_10 gives for these inputs.)
struct KnownAnswer {
  Philox4x32Words counter;
  Philox4x32Key key;
  Philox4x32Words output;
};
const KnownAnswer kKnownAnswers[] = {
    {{0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u},
     {0x00000000u, 0x00000000u},
     {0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u}},
    {{0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
     {0xffffffffu, 0xffffffffu},
     {0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu}},
    // The digits of pi.
    {{0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u},
     {0xa4093822u, 0x299f31d0u},
     {0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u}},
};

TEST(Philox, RandomOneTwoThreeKnownAnswers) {
  for (const KnownAnswer& k : kKnownAnswers) EXPECT_TRUE(same_words(rdp::philox4x32_10(k.counter, k.key), k.output));
  // The batched words of the CPU backend and a sample's randoms start from the first one.
  uint32_t x[4], y[4], z[4], w[4];
  rdp::draw_philox_words(0, 0, 4, x, y, z, w);
  EXPECT_TRUE(same_words({x[0], y[0], z[0], w[0]}, kKnownAnswers[0].output));
  const rdp::SampleRandoms r = rdp::draw_randoms(0, 0);
  EXPECT_EQ(r.common, kKnownAnswers[0].output.z);
  EXPECT_EQ(r.priv, kKnownAnswers[0].output.w);
}

// Counters and keys for the comparisons: 64-bit seeds and sample indices around the
// carries out of the low word (2^32, 2^64 - 2^32) and of the whole index (2^64, where
// it wraps to 0), and pseudorandom full 128-bit counters under pseudorandom keys.
struct Input {
  Philox4x32Words counter;
  Philox4x32Key key;
};
std::vector<Input> comparison_inputs() {
  std::vector<Input> inputs;
  for (uint64_t seed : {uint64_t{0}, uint64_t{1}, uint64_t{0x5eed}, uint64_t{0x123456789abcdefULL}, ~uint64_t{0}}) {
    for (uint64_t around : {uint64_t{0}, uint64_t{1} << 32, uint64_t{0xffffffff} << 32})
      for (uint64_t s = around - 300; s != around + 300; ++s) inputs.push_back({sample_counter(s), seed_key(seed)});
  }
  uint64_t state = 0x9e3779b97f4a7c15ULL;
  auto next = [&state] {  // splitmix64
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  };
  for (int i = 0; i < 20000; ++i) {
    const uint64_t lo = next(), hi = next(), key = next();
    inputs.push_back({{static_cast<uint32_t>(lo), static_cast<uint32_t>(lo >> 32), static_cast<uint32_t>(hi),
                       static_cast<uint32_t>(hi >> 32)},
                      seed_key(key)});
  }
  return inputs;
}

#ifdef RDPSIM_HAVE_CURAND
Philox4x32Words curand_words(const Philox4x32Words& c, const Philox4x32Key& k) {
  const uint4 r = curand_Philox4x32_10(uint4{c.x, c.y, c.z, c.w}, uint2{k.x, k.y});
  return {r.x, r.y, r.z, r.w};
}
#endif

TEST(Philox, WordsAreCuRandsWords) {
#ifdef RDPSIM_HAVE_CURAND
  for (const Input& in : comparison_inputs()) {
    std::ostringstream input;
    input << std::hex << "counter " << in.counter.x << " " << in.counter.y << " " << in.counter.z << " "
          << in.counter.w << " key " << in.key.x << " " << in.key.y;
    ASSERT_TRUE(same_words(rdp::philox4x32_10(in.counter, in.key), curand_words(in.counter, in.key))) << input.str();
  }
#else
  RDPSIM_CUDA_OR_SKIP("built without CUDA: no cuRAND to compare with (the known answers still apply)");
#endif
}

// A sample's randoms come from the words of counter (s, 0) under key seed.
TEST(Philox, SampleRandomsTakeTheWordsOfTheirIndex) {
  for (const Input& in : comparison_inputs()) {
    if (in.counter.z != 0 || in.counter.w != 0) continue;
    const uint64_t s = in.counter.x | uint64_t{in.counter.y} << 32, seed = in.key.x | uint64_t{in.key.y} << 32;
    const Philox4x32Words r = rdp::philox4x32_10(in.counter, in.key);
    const rdp::SampleRandoms got = rdp::draw_randoms(seed, s), want = rdp::randoms_from_words(r.x, r.y, r.z, r.w);
    ASSERT_EQ(got.tail_u, want.tail_u) << seed << " " << s;
    ASSERT_EQ(got.upper, want.upper) << seed << " " << s;
    ASSERT_EQ(got.common, want.common) << seed << " " << s;
    ASSERT_EQ(got.priv, want.priv) << seed << " " << s;
  }
}

// The CPU backend's batched Philox (SIMD lanes where built with AVX2) against the scalar
// function, and cuRAND's where available, for 64-bit seeds and counters, across the
// 2^32 carry, for full and ragged batches.
TEST(Philox, BatchedWordsAreTheScalarFunctionsWords) {
  for (uint64_t seed : {uint64_t{0}, uint64_t{1}, uint64_t{0x123456789abcdefULL}, ~uint64_t{0}}) {
    for (uint64_t first : {uint64_t{0}, uint64_t{4093}, (uint64_t{1} << 32) - 5, ~uint64_t{0} - 70}) {
      for (int n : {64, 7}) {
        uint32_t x[64], y[64], z[64], w[64];
        rdp::draw_philox_words(seed, first, n, x, y, z, w);
        for (int q = 0; q < n; ++q) {
          const uint64_t s = first + q;
          const Philox4x32Words batched{x[q], y[q], z[q], w[q]};
          ASSERT_TRUE(same_words(batched, rdp::philox4x32_10(sample_counter(s), seed_key(seed)))) << seed << " " << s;
#ifdef RDPSIM_HAVE_CURAND
          ASSERT_TRUE(same_words(batched, curand_words(sample_counter(s), seed_key(seed)))) << seed << " " << s;
#endif
        }
      }
    }
  }
}

}  // namespace
