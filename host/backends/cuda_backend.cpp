// The CUDA backend: uploads the plan's tables, launches the fused kernel over a chunk
// of sample indices and folds the device's integer accumulators into the Tally.
#include <cuda_runtime_api.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "kernels/device_info.cuh"
#include "kernels/sample_kernel.cuh"
#include "host/backends/backend.hpp"
#include "host/backends/device_buffer.hpp"
#include "host/profiling/profile_range.hpp"

namespace rdp {
namespace {

// Per-block 32-bit shared counters stay exact while a launch has < 2^32 samples.
constexpr uint64_t kMaxLaunchSamples = uint64_t{1} << 31;

class CudaBackend final : public Backend {
 public:
  CudaBackend(int block_size, int device) : block_size_(block_size) {
    if (device >= 0) cuda_check(cudaSetDevice(device), "cudaSetDevice");
    cuda_check(cudaGetDevice(&device), "cudaGetDevice");
    cudaDeviceProp prop{};
    cuda_check(cudaGetDeviceProperties(&prop, device), "cudaGetDeviceProperties");
    device_ = fmt::format("{} (sm_{}{})", prop.name, prop.major, prop.minor);
    cuda_check(cudaEventCreate(&start_), "cudaEventCreate");
    cuda_check(cudaEventCreate(&stop_), "cudaEventCreate");
  }
  ~CudaBackend() override {
    cudaEventDestroy(start_);
    cudaEventDestroy(stop_);
  }
  CudaBackend(const CudaBackend&) = delete;
  CudaBackend& operator=(const CudaBackend&) = delete;
  double last_kernel_seconds() const override { return kernel_seconds_; }
  std::string name() const override { return "cuda"; }
  std::string device() const override { return device_; }
  uint64_t chunk_samples(const Plan& plan) const override { return plan.chunk_samples(kMaxLaunchSamples); }

  // Launches of at most kMaxLaunchSamples each: the blocks' 32-bit shared counters stay exact.
  void accumulate(const Plan& plan, uint64_t first, uint64_t count, Tally& tally) override {
    const ProfileRange range(fmt::format("cuda: {} samples from {}", count, first));
    double seconds = 0.0;
    for (uint64_t done = 0; done < count;) {
      const uint64_t part = std::min(kMaxLaunchSamples, count - done);
      accumulate_launch(plan, first + done, part, tally);
      seconds += kernel_seconds_;
      done += part;
    }
    kernel_seconds_ = seconds;
  }

 private:
  void accumulate_launch(const Plan& plan, uint64_t first, uint64_t count, Tally& tally) {
    std::optional<ProfileRange> stage(std::in_place, "upload tables");
    DeviceBuffer<ReconBoundary> recon(plan.recon);
    DeviceBuffer<double> centroids(plan.centroids);
    DeviceBuffer<double> boundaries(plan.boundaries);
    DeviceBuffer<double> cell_points(plan.cell_points);
    DeviceBuffer<double> directions(plan.directions);
    PipelineParams p = plan.params;
    p.recon = recon.data();
    p.centroids = centroids.data();
    p.boundaries = plan.boundaries.empty() ? nullptr : boundaries.data();
    p.cell_points = cell_points.data();
    p.direction_table = directions.data();

    const LaunchShape shape = plan_launch(plan.key, p, block_size_);
    DeviceBuffer<unsigned long long> index_hist(plan.index_bins());
    DeviceBuffer<unsigned long long> pit_hist(plan.pit_bins_total());
    DeviceBuffer<Moments> partials(static_cast<size_t>(shape.grid_size));
    index_hist.zero();
    pit_hist.zero();
    stage.emplace(fmt::format("sample_kernel: {} samples from {}, {} blocks of {}", count, first, shape.grid_size,
                              shape.block_size));
    cuda_check(cudaEventRecord(start_), "cudaEventRecord");
    launch_sample_kernel(plan.key, p, first, count,
                      {index_hist.data(), pit_hist.data(), partials.data()}, shape);
    cuda_check(cudaEventRecord(stop_), "cudaEventRecord");
    cuda_check(cudaDeviceSynchronize(), "sample_kernel");
    float ms = 0.0f;
    cuda_check(cudaEventElapsedTime(&ms, start_, stop_), "cudaEventElapsedTime");
    kernel_seconds_ = 1e-3 * ms;

    stage.emplace("download and merge histograms");
    Tally chunk;
    chunk.samples = count;
    for (const Moments& block : partials.download()) chunk.moments.merge(block);
    const auto index_counts = index_hist.download();
    const auto pit_counts = pit_hist.download();
    chunk.index_hist.assign(index_counts.begin(), index_counts.end());
    chunk.pit_hist.assign(pit_counts.begin(), pit_counts.end());
    tally.merge(chunk);
  }

  int block_size_;
  std::string device_;
  cudaEvent_t start_ = nullptr, stop_ = nullptr;
  double kernel_seconds_ = 0.0;
};

}  // namespace

std::string cuda_unavailable_reason(int device) {
  if (device >= 0) {
    int count = 0;
    const cudaError_t status = cudaGetDeviceCount(&count);
    cudaGetLastError();
    // Without a driver or a device, cuda_device_problem names what is missing.
    if (status == cudaSuccess && device >= count)
      return fmt::format("CUDA device {} does not exist ({} visible)", device, count);
    if (status == cudaSuccess && cudaSetDevice(device) != cudaSuccess) {
      cudaGetLastError();
      return fmt::format("CUDA device {} cannot be selected", device);
    }
  }
  return cuda_device_problem();
}

std::unique_ptr<Backend> make_cuda_backend(int block_size, int device) {
  return std::make_unique<CudaBackend>(block_size, device);
}

}  // namespace rdp
