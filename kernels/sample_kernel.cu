// The fused simulation kernel: each thread draws, encodes, decodes and accumulates
// its samples in registers and block-shared histograms. No per-sample data goes to
// global memory; only a histogram too large for shared memory (the PIT histogram at
// its default 2^16 bins) is counted there with atomics, spread over its many bins.
#include <cuda_runtime.h>

#include <stdexcept>
#include <string>

#include "dispatch.cuh"
#include "run_sample.cuh"
#include "sample_kernel.cuh"

namespace rdp {
namespace {

void check(cudaError_t status, const char* what) {
  if (status != cudaSuccess) throw std::runtime_error(std::string(what) + ": " + cudaGetErrorString(status));
}

__device__ uint128 warp_sum(uint128 v) {
  for (int offset = 16; offset > 0; offset >>= 1) {
    const unsigned long long lo = __shfl_down_sync(0xffffffffu, static_cast<unsigned long long>(v), offset);
    const unsigned long long hi = __shfl_down_sync(0xffffffffu, static_cast<unsigned long long>(v >> 64), offset);
    v += (static_cast<uint128>(hi) << 64) | lo;
  }
  return v;
}

__device__ unsigned long long warp_sum(unsigned long long v) {
  for (int offset = 16; offset > 0; offset >>= 1) v += __shfl_down_sync(0xffffffffu, v, offset);
  return v;
}

__device__ void warp_sum(ErrorMoments& m) {
  m.sum = warp_sum(m.sum);
  m.sum_sq = warp_sum(m.sum_sq);
  m.saturated = warp_sum(static_cast<unsigned long long>(m.saturated));
}

// Each histogram in block-shared memory (counted there, added to global memory once
// per block) or straight in global memory.
struct KernelCounters {
  unsigned int* shared_index;  // null: count index bins in global memory
  unsigned int* shared_pit;    // null: count PIT bins in global memory
  unsigned long long* global_index;
  unsigned long long* global_pit;
  __device__ void count_index(uint32_t bin) {
    if (shared_index)
      atomicAdd(&shared_index[bin], 1u);
    else
      atomicAdd(&global_index[bin], 1ull);
  }
  __device__ void count_pit(uint32_t bin) {
    if (shared_pit)
      atomicAdd(&shared_pit[bin], 1u);
    else
      atomicAdd(&global_pit[bin], 1ull);
  }
};

__device__ void flush_to_global(const unsigned int* shared, unsigned long long* global, uint32_t bins) {
  for (uint32_t b = threadIdx.x; b < bins; b += blockDim.x)
    if (shared[b] != 0) atomicAdd(&global[b], static_cast<unsigned long long>(shared[b]));
}

template <class Pipeline>
__global__ void __launch_bounds__(kMaxBlockSize, 1)
    sample_kernel(PipelineParams p, uint64_t first, uint64_t count, DeviceSinks sinks, bool shared_index,
                  bool shared_pit) {
  extern __shared__ unsigned int block_hist[];
  __shared__ Moments warp_moments[32];
  const uint32_t index_bins = p.index_count * p.groups;
  KernelCounters counters{shared_index ? block_hist : nullptr,
                          shared_pit ? block_hist + (shared_index ? index_bins : 0) : nullptr, sinks.index_hist,
                          sinks.pit_hist};
  const uint32_t pit_bins = p.pit_bins * p.pit_channels;
  const uint32_t shared_bins = (shared_index ? index_bins : 0) + (shared_pit ? pit_bins : 0);
  for (uint32_t b = threadIdx.x; b < shared_bins; b += blockDim.x) block_hist[b] = 0;
  __syncthreads();

  const ErrorScale scale = ErrorScale::for_exponent(p.error_scale_exp);
  Moments moments{};
  const uint64_t stride = static_cast<uint64_t>(gridDim.x) * blockDim.x;
  for (uint64_t k = static_cast<uint64_t>(blockIdx.x) * blockDim.x + threadIdx.x; k < count; k += stride)
    Pipeline::accumulate(p, first + k, scale, moments, counters);

  // Only the moments the pipeline adds to are reduced: the others stay zero, and their
  // 128-bit sums would cost registers for nothing.
  warp_sum(moments.errors);
  moments.outside_window = warp_sum(static_cast<unsigned long long>(moments.outside_window));
  if constexpr (Pipeline::kVectorMoments) {
    warp_sum(moments.information);
    warp_sum(moments.information_bias);
    warp_sum(moments.output_power);
  }
  const unsigned lane = threadIdx.x & 31u, warp = threadIdx.x >> 5;
  if (lane == 0) warp_moments[warp] = moments;
  __syncthreads();
  if (threadIdx.x == 0) {
    Moments total{};
    for (unsigned w = 0; w < blockDim.x / 32; ++w) {
      total.errors.merge(warp_moments[w].errors);
      total.outside_window += warp_moments[w].outside_window;
      if constexpr (Pipeline::kVectorMoments) {
        total.information.merge(warp_moments[w].information);
        total.information_bias.merge(warp_moments[w].information_bias);
        total.output_power.merge(warp_moments[w].output_power);
      }
    }
    sinks.partials[blockIdx.x] = total;
  }
  if (shared_index) flush_to_global(counters.shared_index, sinks.index_hist, index_bins);
  if (shared_pit) flush_to_global(counters.shared_pit, sinks.pit_hist, pit_bins);
}

template <class Pipeline>
LaunchShape plan_launch_for(const PipelineParams& p, int block_size) {
  int device = 0, sms = 0, shared_optin = 0;
  check(cudaGetDevice(&device), "cudaGetDevice");
  check(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, device), "multiprocessor count");
  check(cudaDeviceGetAttribute(&shared_optin, cudaDevAttrMaxSharedMemoryPerBlockOptin, device), "shared memory");
  cudaFuncAttributes attributes{};
  check(cudaFuncGetAttributes(&attributes, sample_kernel<Pipeline>), "cudaFuncGetAttributes");
  LaunchShape shape;
  shape.block_size = block_size;
  const size_t room = static_cast<size_t>(shared_optin) - attributes.sharedSizeBytes;
  const size_t index_bytes = static_cast<size_t>(p.index_count) * p.groups * sizeof(unsigned int);
  const size_t pit_bytes = static_cast<size_t>(p.pit_bins) * p.pit_channels * sizeof(unsigned int);
  shape.shared_index = index_bytes <= room;
  shape.shared_pit = (shape.shared_index ? index_bytes : 0) + pit_bytes <= room;
  shape.shared_bytes = (shape.shared_index ? index_bytes : 0) + (shape.shared_pit ? pit_bytes : 0);
  check(cudaFuncSetAttribute(sample_kernel<Pipeline>, cudaFuncAttributeMaxDynamicSharedMemorySize,
                             static_cast<int>(shape.shared_bytes)),
        "cudaFuncSetAttribute");
  int per_sm = 0;
  check(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&per_sm, sample_kernel<Pipeline>, block_size, shape.shared_bytes),
        "occupancy");
  if (per_sm < 1)
    throw std::runtime_error("sample_kernel cannot run " + std::to_string(block_size) + " threads per block here");
  shape.grid_size = sms * per_sm;
  return shape;
}

}  // namespace

LaunchShape plan_launch(const PipelineKey& key, const PipelineParams& p, int block_size) {
  LaunchShape shape;
  visit_pipeline(key, [&](auto tag) { shape = plan_launch_for<typename decltype(tag)::type>(p, block_size); });
  return shape;
}

void launch_sample_kernel(const PipelineKey& key, const PipelineParams& p, uint64_t first, uint64_t count,
                          const DeviceSinks& sinks, const LaunchShape& shape) {
  visit_pipeline(key, [&](auto tag) {
    sample_kernel<typename decltype(tag)::type>
        <<<shape.grid_size, shape.block_size, shape.shared_bytes>>>(p, first, count, sinks, shape.shared_index,
                                                                     shape.shared_pit);
  });
  check(cudaGetLastError(), "sample_kernel launch");
}

cudaError_t sample_kernel_attributes_status() {
  cudaFuncAttributes attributes;
  return cudaFuncGetAttributes(&attributes, sample_kernel<ScalarSamples<CircleDithered>>);
}

}  // namespace rdp
