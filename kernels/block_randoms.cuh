#pragma once
// Randoms beyond a sample's first Philox block: block (coord, stream) of sample s is
// Philox4x32-10 of counter (s, coord, stream) under the run's key, and draw_randoms is
// block (0, 0). A lattice pipeline reads one block per coordinate of its vector, so a
// vector's numbers, like a scalar sample's, depend on nothing but (seed, s).
#include <cstdint>

#include "philox.cuh"
#include "rng.cuh"

namespace rdp {

enum RandomStream : uint32_t {
  kCodingStream = 1,  // a vector's source, shared and private randomness: one block per coordinate
  kRateStream = 2,    // the rate estimator's random shifts
  kDirectionStream = 3,  // the sliced W2's directions: counter = direction, block = coordinate
};

RDP_HD Philox4x32Words draw_block_words(uint64_t seed, uint64_t sample, uint32_t block, uint32_t stream) {
  const Philox4x32Words counter{static_cast<uint32_t>(sample), static_cast<uint32_t>(sample >> 32), block, stream};
  const Philox4x32Key key{static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32)};
  return philox4x32_10(counter, key);
}

RDP_HD SampleRandoms draw_block_randoms(uint64_t seed, uint64_t sample, uint32_t block, uint32_t stream) {
  const Philox4x32Words r = draw_block_words(seed, sample, block, stream);
  return randoms_from_words(r.x, r.y, r.z, r.w);
}

// M uniforms on (0, 1) from blocks 0, 1, ... of a stream, four to a block.
template <int M>
RDP_HD void draw_block_units(uint64_t seed, uint64_t sample, uint32_t stream, double (&unit)[M]) {
  for (int b = 0; 4 * b < M; ++b) {
    const Philox4x32Words r = draw_block_words(seed, sample, static_cast<uint32_t>(b), stream);
    const uint32_t words[4] = {r.x, r.y, r.z, r.w};
    for (int j = 0; j < 4 && 4 * b + j < M; ++j) unit[4 * b + j] = unit_from_word(words[j]);
  }
}

}  // namespace rdp
