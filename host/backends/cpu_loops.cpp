// The CPU backend's sampling loops: OpenMP threads over blocks of samples, each with its
// own histograms. A scalar scheme's stages (kernels/run_sample.cuh) run over batches of
// samples, in loops that g++ vectorizes; other pipelines run sample by sample.
#include "host/backends/cpu_loops.hpp"

#include <omp.h>

#include <algorithm>
#include <type_traits>
#include <vector>

#include "kernels/dispatch.cuh"

// The functions of this file, and nothing included above, are built for the CPU level
// RDPSIM_CPU_TARGET names (CMakeLists.txt; AVX2 and up), by a target pragma rather than
// -march: under -march this file's copies of library templates (std::vector's) would
// carry AVX2 into the whole program through the linker's pick among identical inline
// definitions, before cpu_backend.cpp could refuse a CPU without it. The stage loops
// are SIMD loops only then: with SSE2's 2 lanes their selects and gathers cost more
// than they save.
#define RDP_STRINGIFY_(x) #x
#define RDP_STRINGIFY(x) RDP_STRINGIFY_(x)
#ifdef RDPSIM_CPU_TARGET
#include <immintrin.h>
#pragma GCC push_options
_Pragma(RDP_STRINGIFY(GCC target(RDP_STRINGIFY(arch=RDPSIM_CPU_TARGET))))
#include "host/backends/philox_lanes.hpp"
#define RDP_STAGE_LOOP _Pragma("omp simd")
#else
#define RDP_STAGE_LOOP
#endif

namespace rdp {
namespace {

// Samples per OpenMP work item of a scalar scheme: large enough to amortise scheduling,
// small enough to balance. Costlier pipelines take proportionally fewer.
constexpr uint64_t kBlock = 4096;

// A thread counts at most this many samples per pass, so its histograms can be 32-bit:
// the default 2^16-bin PIT histogram then takes 256 KiB and stays in L2, where a
// 64-bit one (512 KiB) missed on most of its random increments.
constexpr uint64_t kMaxSamplesPerPass = uint64_t{1} << 31;

// Samples that go through each stage of the pipeline together (kernels/run_sample.cuh):
// their dependency chains are independent, so the core overlaps them.
constexpr int kStageBatch = 64;

// The code stage on SIMD lanes: a scheme's code_tabulated() where it has one (its
// deferred samples then go through code() one by one), else code() itself.
template <class Scheme, class = void>
struct LaneCode {
  RDP_HD static Reconstruction run(const PipelineParams& p, const SampleRandoms& r, double x, uint32_t& deferred) {
    deferred = 0;
    return Scheme::code(p, r, x);
  }
};
template <class Scheme>
struct LaneCode<Scheme, std::void_t<decltype(&Scheme::code_tabulated)>> {
  RDP_HD static Reconstruction run(const PipelineParams& p, const SampleRandoms& r, double x, uint32_t& deferred) {
    return Scheme::code_tabulated(p, r, x, deferred);
  }
};

// One OpenMP work item: samples [begin, end) of a pipeline, each through its accumulate().
// Every form takes a local copy of the parameters: g++ cannot tell that the stores of a
// stage or a histogram leave a referenced PipelineParams unchanged, and reloads it.
template <class Pipeline, class = void>
struct BlockWork {
  template <class Counters>
  static void run(const PipelineParams& params, uint64_t begin, uint64_t end, const ErrorScale& scale,
                  Moments& moments, Counters& counters) {
    const PipelineParams p = params;
    for (uint64_t s = begin; s < end; ++s) Pipeline::accumulate(p, s, scale, moments, counters);
  }
};

// A scalar scheme's samples in batches, each stage of the batch a SIMD loop; the
// accumulation step is the kernel's (add_sample).
template <class Scheme>
struct BlockWork<ScalarSamples<Scheme>, void> {
  template <class Counters>
  static void run(const PipelineParams& params, uint64_t begin, uint64_t end, const ErrorScale& scale,
                  Moments& moments, Counters& counters) {
    const PipelineParams p = params;  // and the code stage vectorizes
    // Stage inputs and outputs as separate arrays of plain numbers, which vectorize.
    uint32_t words[4][kStageBatch];
    double tail_u[kStageBatch];
    uint32_t upper[kStageBatch], common[kStageBatch], priv[kStageBatch];
    double xs[kStageBatch], x_hats[kStageBatch];
    uint32_t bins[kStageBatch], deferred[kStageBatch];
    SampleTerms terms[kStageBatch];
    for (uint64_t batch = begin; batch < end; batch += kStageBatch) {
      const int n = static_cast<int>(std::min<uint64_t>(kStageBatch, end - batch));
      draw_philox_words(p.seed, batch, n, words[0], words[1], words[2], words[3]);
RDP_STAGE_LOOP
      for (int q = 0; q < n; ++q) {
        const SampleRandoms r = randoms_from_words(words[0][q], words[1][q], words[2][q], words[3][q]);
        tail_u[q] = r.tail_u;
        upper[q] = r.upper;
        common[q] = r.common;
        priv[q] = r.priv;
      }
RDP_STAGE_LOOP
      for (int q = 0; q < n; ++q) xs[q] = Scheme::draw(p, SampleRandoms{tail_u[q], upper[q], common[q], priv[q]});
RDP_STAGE_LOOP
      for (int q = 0; q < n; ++q) {
        const Reconstruction c =
            LaneCode<Scheme>::run(p, SampleRandoms{tail_u[q], upper[q], common[q], priv[q]}, xs[q], deferred[q]);
        bins[q] = c.bin;
        x_hats[q] = c.x_hat;
      }
      for (int q = 0; q < n; ++q) {
        if (deferred[q] == 0) continue;
        const Reconstruction c = Scheme::code(p, SampleRandoms{tail_u[q], upper[q], common[q], priv[q]}, xs[q]);
        bins[q] = c.bin;
        x_hats[q] = c.x_hat;
      }
RDP_STAGE_LOOP
      for (int q = 0; q < n; ++q)
        terms[q] = sample_terms(Scheme::score(p, xs[q], Reconstruction{bins[q], x_hats[q]}), scale, p.pit_bins);
      for (int q = 0; q < n; ++q) add_sample(terms[q], moments, counters);
    }
  }
};

// The Voronoi-cell pipeline of a small lattice in batches: the words on Philox lanes,
// then one SIMD loop over the batch's points (the closest-point searches of
// kernels/lattices are branch-free for this).
template <class L>
struct BlockWork<LatticeCellSamples<L>, std::enable_if_t<(L::kDim <= 8)>> {
  template <class Counters>
  static void run(const PipelineParams& params, uint64_t begin, uint64_t end, const ErrorScale& scale,
                  Moments& moments, Counters&) {
    const PipelineParams p = params;
    constexpr int kWordBlocks = (L::kDim + 3) / 4;
    uint32_t words[kWordBlocks][4][kStageBatch];
    ErrorMoments::Terms terms[kStageBatch];
    for (uint64_t batch = begin; batch < end; batch += kStageBatch) {
      const int n = static_cast<int>(std::min<uint64_t>(kStageBatch, end - batch));
      for (int b = 0; b < kWordBlocks; ++b)
        draw_philox_words(p.seed, batch, n, words[b][0], words[b][1], words[b][2], words[b][3], b, kCodingStream);
RDP_STAGE_LOOP
      for (int q = 0; q < n; ++q) {
        double unit[L::kDim];
        for (int i = 0; i < L::kDim; ++i) unit[i] = unit_from_word(words[i / 4][i % 4][q]);
        terms[q] = ErrorMoments::terms(LatticeCellSamples<L>::cell_norm(unit), scale);
      }
      for (int q = 0; q < n; ++q) moments.errors.add(terms[q]);
    }
  }
};

template <class Pipeline>
void loops_pass(const PipelineParams& params, uint64_t first, uint64_t count, int threads, uint64_t block_samples,
                Tally& tally) {
  const uint64_t index_bins = uint64_t{params.index_count} * params.groups;
  const ErrorScale scale = ErrorScale::for_exponent(params.error_scale_exp);
#pragma omp parallel num_threads(threads)
  {
    const PipelineParams p = params;
    std::vector<uint32_t> index_counts(index_bins, 0), pit_counts(uint64_t{p.pit_bins} * p.pit_channels, 0);
    // Plain locals in the hot loop: counters reached through members could alias the
    // histogram stores and be reloaded on every sample.
    ArrayCounters<uint32_t> counters{index_counts.data(), pit_counts.data()};
    Moments moments{};
#pragma omp for schedule(dynamic, 1)
    for (uint64_t block = 0; block < (count + block_samples - 1) / block_samples; ++block)
      BlockWork<Pipeline>::run(p, first + block * block_samples, first + std::min(count, (block + 1) * block_samples),
                               scale, moments, counters);
#pragma omp critical
    {
      tally.moments.merge(moments);
      add_counts(tally.index_hist, index_counts);
      add_counts(tally.pit_hist, pit_counts);
    }
  }
  tally.samples += count;
}

template <class Pipeline>
void loops_range(const PipelineParams& p, uint64_t first, uint64_t count, int threads, double work_per_sample,
                 Tally& tally) {
  const uint64_t block_samples = std::max<uint64_t>(1, static_cast<uint64_t>(kBlock / work_per_sample));
  for (uint64_t done = 0; done < count;) {
    const uint64_t pass = std::min(count - done, kMaxSamplesPerPass);
    loops_pass<Pipeline>(p, first + done, pass, threads, block_samples, tally);
    done += pass;
  }
}

template <class Pipeline>
struct IsScalarSamples : std::false_type {};
template <class Scheme>
struct IsScalarSamples<ScalarSamples<Scheme>> : std::true_type {};

}  // namespace

// The scalar schemes' pipelines are built in a translation unit of their own,
// cpu_stage_loops.cpp, which is this file compiled again with RDPSIM_STAGE_LOOPS_UNIT
// and -fno-math-errno (CMakeLists.txt): without errno, sqrt is an instruction and their
// stage loops vectorize, while elsewhere (the lattice schemes' per-sample loops) g++
// keeps the code shape that errno's call gave it.
#ifdef RDPSIM_STAGE_LOOPS_UNIT
void run_cpu_stage_loops(const PipelineKey& key, const PipelineParams& p, uint64_t first, uint64_t count,
                         int threads, double work_per_sample, Tally& tally) {
  visit_pipeline(key, [&](auto tag) {
    using Pipeline = typename decltype(tag)::type;
    if constexpr (IsScalarSamples<Pipeline>::value)
      loops_range<Pipeline>(p, first, count, threads, work_per_sample, tally);
  });
}
#else
void draw_philox_words(uint64_t seed, uint64_t first, int n, uint32_t* x, uint32_t* y, uint32_t* z, uint32_t* w,
                       uint32_t block, uint32_t stream) {
  int q = 0;
#ifdef RDPSIM_CPU_TARGET
  for (; q + 4 <= n; q += 4) philox4x32_10_lanes(seed, first + q, block, stream, x + q, y + q, z + q, w + q);
#endif
  for (; q < n; ++q) {
    const Philox4x32Words r = draw_block_words(seed, first + q, block, stream);
    x[q] = r.x, y[q] = r.y, z[q] = r.z, w[q] = r.w;
  }
}

void run_cpu_loops(const PipelineKey& key, const PipelineParams& p, uint64_t first, uint64_t count, int threads,
                   double work_per_sample, Tally& tally) {
  visit_pipeline(key, [&](auto tag) {
    using Pipeline = typename decltype(tag)::type;
    if constexpr (IsScalarSamples<Pipeline>::value)
      run_cpu_stage_loops(key, p, first, count, threads, work_per_sample, tally);
    else
      loops_range<Pipeline>(p, first, count, threads, work_per_sample, tally);
  });
}
#endif

}  // namespace rdp

#ifdef RDPSIM_CPU_TARGET
#pragma GCC pop_options
#endif
