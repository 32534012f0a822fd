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

template <class Scheme>
__global__ void __launch_bounds__(kMaxBlockSize, 1)
    sample_kernel(PipelineParams p, uint64_t first, uint64_t count, DeviceSinks sinks, bool shared_index,
                    bool shared_pit) {
  extern __shared__ unsigned int block_hist[];
  __shared__ BlockPartial warp_partials[32];
  const uint32_t index_bins = p.index_count * p.groups;
  unsigned int* const index_counts = block_hist;                                // when shared_index
  unsigned int* const pit_counts = block_hist + (shared_index ? index_bins : 0);  // when shared_pit
  const uint32_t shared_bins = (shared_index ? index_bins : 0) + (shared_pit ? p.pit_bins : 0);
  for (uint32_t b = threadIdx.x; b < shared_bins; b += blockDim.x) block_hist[b] = 0;
  __syncthreads();

  const ErrorScale scale = ErrorScale::for_exponent(p.error_scale_exp);
  ErrorMoments errors{};
  unsigned long long outside = 0;
  const uint64_t stride = static_cast<uint64_t>(gridDim.x) * blockDim.x;
  for (uint64_t k = static_cast<uint64_t>(blockIdx.x) * blockDim.x + threadIdx.x; k < count; k += stride) {
    const SampleOutcome o = run_sample<Scheme>(p, draw_randoms(p.seed, first + k));
    errors.add(o.sq_error, scale);
    const uint32_t pit = pit_bin(o.pit, p.pit_bins);
    if (o.bin == kOutsideWindow)
      ++outside;
    else if (shared_index)
      atomicAdd(&index_counts[o.bin], 1u);
    else
      atomicAdd(&sinks.index_hist[o.bin], 1ull);
    if (shared_pit)
      atomicAdd(&pit_counts[pit], 1u);
    else
      atomicAdd(&sinks.pit_hist[pit], 1ull);
  }

  errors.sum = warp_sum(errors.sum);
  errors.sum_sq = warp_sum(errors.sum_sq);
  errors.saturated = warp_sum(static_cast<unsigned long long>(errors.saturated));
  outside = warp_sum(outside);
  const unsigned lane = threadIdx.x & 31u, warp = threadIdx.x >> 5;
  if (lane == 0) {
    warp_partials[warp].errors = errors;
    warp_partials[warp].outside_window = outside;
  }
  __syncthreads();
  if (threadIdx.x == 0) {
    BlockPartial total{};
    for (unsigned w = 0; w < blockDim.x / 32; ++w) {
      total.errors.merge(warp_partials[w].errors);
      total.outside_window += warp_partials[w].outside_window;
    }
    sinks.partials[blockIdx.x] = total;
  }
  if (shared_index)
    for (uint32_t b = threadIdx.x; b < index_bins; b += blockDim.x)
      if (index_counts[b] != 0) atomicAdd(&sinks.index_hist[b], static_cast<unsigned long long>(index_counts[b]));
  if (shared_pit)
    for (uint32_t b = threadIdx.x; b < p.pit_bins; b += blockDim.x)
      if (pit_counts[b] != 0) atomicAdd(&sinks.pit_hist[b], static_cast<unsigned long long>(pit_counts[b]));
}

template <class Scheme>
LaunchShape plan_launch_for(const PipelineParams& p, int block_size) {
  int device = 0, sms = 0, shared_optin = 0;
  check(cudaGetDevice(&device), "cudaGetDevice");
  check(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, device), "multiprocessor count");
  check(cudaDeviceGetAttribute(&shared_optin, cudaDevAttrMaxSharedMemoryPerBlockOptin, device), "shared memory");
  cudaFuncAttributes attributes{};
  check(cudaFuncGetAttributes(&attributes, sample_kernel<Scheme>), "cudaFuncGetAttributes");
  LaunchShape shape;
  shape.block_size = block_size;
  const size_t room = static_cast<size_t>(shared_optin) - attributes.sharedSizeBytes;
  const size_t index_bytes = static_cast<size_t>(p.index_count) * p.groups * sizeof(unsigned int);
  const size_t pit_bytes = static_cast<size_t>(p.pit_bins) * sizeof(unsigned int);
  shape.shared_index = index_bytes <= room;
  shape.shared_pit = (shape.shared_index ? index_bytes : 0) + pit_bytes <= room;
  shape.shared_bytes = (shape.shared_index ? index_bytes : 0) + (shape.shared_pit ? pit_bytes : 0);
  check(cudaFuncSetAttribute(sample_kernel<Scheme>, cudaFuncAttributeMaxDynamicSharedMemorySize,
                             static_cast<int>(shape.shared_bytes)),
        "cudaFuncSetAttribute");
  int per_sm = 0;
  check(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&per_sm, sample_kernel<Scheme>, block_size, shape.shared_bytes),
        "occupancy");
  if (per_sm < 1)
    throw std::runtime_error("sample_kernel cannot run " + std::to_string(block_size) + " threads per block here");
  shape.grid_size = sms * per_sm;
  return shape;
}

}  // namespace

LaunchShape plan_launch(SchemeKind scheme, SourceKind source, const PipelineParams& p, int block_size) {
  if (block_size < 32 || block_size > kMaxBlockSize || block_size % 32 != 0)
    throw std::invalid_argument("--block-size must be a multiple of 32 in [32, " + std::to_string(kMaxBlockSize) +
                                "], got " + std::to_string(block_size));
  LaunchShape shape;
  visit_pipeline(scheme, source, [&](auto tag) { shape = plan_launch_for<typename decltype(tag)::type>(p, block_size); });
  return shape;
}

void launch_sample_kernel(SchemeKind scheme, SourceKind source, const PipelineParams& p, uint64_t first, uint64_t count,
                       const DeviceSinks& sinks, const LaunchShape& shape) {
  visit_pipeline(scheme, source, [&](auto tag) {
    sample_kernel<typename decltype(tag)::type>
        <<<shape.grid_size, shape.block_size, shape.shared_bytes>>>(p, first, count, sinks, shape.shared_index,
                                                                     shape.shared_pit);
  });
  check(cudaGetLastError(), "sample_kernel launch");
}

std::string cuda_device_problem() {
  int devices = 0;
  const cudaError_t status = cudaGetDeviceCount(&devices);
  if (status != cudaSuccess) return cudaGetErrorString(status);
  if (devices == 0) return "no CUDA device";
  cudaFuncAttributes attributes;
  if (cudaFuncGetAttributes(&attributes, sample_kernel<CircleDithered>) != cudaSuccess) {
    cudaGetLastError();
    return "this build has no kernels for the device's architecture (set CMAKE_CUDA_ARCHITECTURES)";
  }
  return {};
}

}  // namespace rdp
