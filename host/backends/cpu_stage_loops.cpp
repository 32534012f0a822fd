// The CPU backend's sampling loop: the pipeline's stages (kernels/run_sample.cuh) run
// over batches of samples, in loops that g++ vectorizes.
#include "host/backends/cpu_stage_loops.hpp"

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

// Samples per OpenMP work item: large enough to amortise scheduling, small enough to balance.
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

template <class Scheme>
void stage_loops_pass(const PipelineParams& params, uint64_t first, uint64_t count, int threads, Tally& tally) {
  const uint64_t index_bins = uint64_t{params.index_count} * params.groups;
  const ErrorScale scale = ErrorScale::for_exponent(params.error_scale_exp);
#pragma omp parallel num_threads(threads)
  {
    // A thread-local copy: g++ cannot tell that the stage arrays' stores leave a
    // referenced PipelineParams unchanged, and does not vectorize the code stage then.
    const PipelineParams p = params;
    std::vector<uint32_t> index_counts(index_bins, 0), pit_counts(p.pit_bins, 0);
    // Plain locals in the hot loop: counters reached through members could alias the
    // histogram stores and be reloaded on every sample.
    uint32_t* const index_hist = index_counts.data();
    uint32_t* const pit_hist = pit_counts.data();
    ErrorMoments errors{};
    uint64_t outside = 0;
    // Stage inputs and outputs as separate arrays of plain numbers, which vectorize.
    uint32_t words[4][kStageBatch];
    double tail_u[kStageBatch];
    uint32_t upper[kStageBatch], common[kStageBatch], priv[kStageBatch];
    double xs[kStageBatch], x_hats[kStageBatch];
    uint32_t bins[kStageBatch], deferred[kStageBatch], pit_bins[kStageBatch];
    ErrorMoments::Terms terms[kStageBatch];
#pragma omp for schedule(dynamic, 1)
    for (uint64_t block = 0; block < (count + kBlock - 1) / kBlock; ++block) {
      const uint64_t end = std::min(count, (block + 1) * kBlock);
      for (uint64_t batch = block * kBlock; batch < end; batch += kStageBatch) {
        const int n = static_cast<int>(std::min<uint64_t>(kStageBatch, end - batch));
        draw_philox_words(p.seed, first + batch, n, words[0], words[1], words[2], words[3]);
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
        for (int q = 0; q < n; ++q) {
          const SampleOutcome o = Scheme::score(p, xs[q], Reconstruction{bins[q], x_hats[q]});
          terms[q] = ErrorMoments::terms(o.sq_error, scale);
          pit_bins[q] = pit_bin(o.pit, p.pit_bins);
        }
        for (int q = 0; q < n; ++q) {
          errors.add(terms[q]);
          if (bins[q] == kOutsideWindow)
            ++outside;
          else
            ++index_hist[bins[q]];
          ++pit_hist[pit_bins[q]];
        }
      }
    }
#pragma omp critical
    {
      tally.errors.merge(errors);
      tally.outside_window += outside;
      add_counts(tally.index_hist, index_counts);
      add_counts(tally.pit_hist, pit_counts);
    }
  }
  tally.samples += count;
}

template <class Scheme>
void stage_loops_range(const PipelineParams& p, uint64_t first, uint64_t count, int threads, Tally& tally) {
  for (uint64_t done = 0; done < count;) {
    const uint64_t pass = std::min(count - done, kMaxSamplesPerPass);
    stage_loops_pass<Scheme>(p, first + done, pass, threads, tally);
    done += pass;
  }
}

}  // namespace

void draw_philox_words(uint64_t seed, uint64_t first, int n, uint32_t* x, uint32_t* y, uint32_t* z, uint32_t* w) {
  int q = 0;
#ifdef RDPSIM_CPU_TARGET
  for (; q + 4 <= n; q += 4) philox4x32_10_lanes(seed, first + q, x + q, y + q, z + q, w + q);
#endif
  for (; q < n; ++q) {
    const uint64_t s = first + q;
    const uint4 r = curand_Philox4x32_10(uint4{static_cast<uint32_t>(s), static_cast<uint32_t>(s >> 32), 0u, 0u},
                                         uint2{static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32)});
    x[q] = r.x, y[q] = r.y, z[q] = r.z, w[q] = r.w;
  }
}

void run_stage_loops(SchemeKind scheme, SourceKind source, const PipelineParams& p, uint64_t first,
                            uint64_t count, int threads, Tally& tally) {
  visit_pipeline(scheme, source, [&](auto tag) {
    stage_loops_range<typename decltype(tag)::type>(p, first, count, threads, tally);
  });
}

}  // namespace rdp

#ifdef RDPSIM_CPU_TARGET
#pragma GCC pop_options
#endif
