#pragma once
// Launch interface of the fused simulation kernel; includable by host C++ (no CUDA
// syntax), implemented in sample_kernel.cu.
#include <cstddef>
#include <cstdint>
#include <string>

#include "accumulators.cuh"
#include "kinds.cuh"
#include "limits.cuh"
#include "pipeline_params.cuh"

namespace rdp {

struct DeviceSinks {
  unsigned long long* index_hist;  // index_count * groups counters
  unsigned long long* pit_hist;    // pit_bins counters
  Moments* partials;               // one per block of the grid
};

struct LaunchShape {
  int block_size = 256;
  int grid_size = 0;
  // Each histogram is kept per block in shared memory when it fits (the index
  // histogram first: its few hot bins are where global atomics would contend), else
  // counted straight into global memory.
  bool shared_index = false;
  bool shared_pit = false;
  size_t shared_bytes = 0;
};

// A grid that fills the current device at block_size threads per block (a multiple of
// 32 up to kMaxBlockSize, checked by validate(RunOptions)), with the block's histograms
// in shared memory when they fit.
LaunchShape plan_launch(const PipelineKey& key, const PipelineParams& p, int block_size);

// Runs samples [first, first + count) and adds into sinks; partials are overwritten.
void launch_sample_kernel(const PipelineKey& key, const PipelineParams& p, uint64_t first, uint64_t count,
                          const DeviceSinks& sinks, const LaunchShape& shape);

#ifdef __CUDACC__
// cudaSuccess when the current device can run this build's kernels (device_info.cu).
cudaError_t sample_kernel_attributes_status();
#endif

}  // namespace rdp
