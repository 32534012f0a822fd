#pragma once
// A Backend runs the fused per-sample pipeline of a Plan over a range of sample
// indices and adds what it saw to a Tally. Sample s always draws the same random
// numbers (rng.cuh), so backends differ only in who computes, never in what.
#include <cstdint>
#include <memory>
#include <string>

#include "host/job.hpp"
#include "host/plan/plan.hpp"

namespace rdp {

class Backend {
 public:
  virtual ~Backend() = default;
  virtual std::string name() const = 0;    // "cpu" or "cuda"
  virtual std::string device() const = 0;  // what it runs on, for the result line
  // Samples per accumulate() call that keep a chunk of the plan short enough for
  // progress lines and flat memory.
  virtual uint64_t chunk_samples(const Plan& plan) const = 0;
  // Adds samples [first, first + count) of the plan's job to tally.
  virtual void accumulate(const Plan& plan, uint64_t first, uint64_t count, Tally& tally) = 0;
  // Seconds the last accumulate() spent in the sampling loop itself: CUDA events around
  // the kernel on the GPU, the OpenMP region on the CPU. Excludes uploads and merges.
  virtual double last_kernel_seconds() const = 0;
};

std::unique_ptr<Backend> make_cpu_backend(int threads);

// Empty string when a CUDA device is usable, else why not. With device >= 0 that device
// is selected first, so the check (kernels for its architecture) is about it.
std::string cuda_unavailable_reason(int device = -1);
std::unique_ptr<Backend> make_cuda_backend(int block_size, int device);

// `automatic` picks CUDA when a device is usable and says which on stderr.
// Throws std::runtime_error when `cuda` is asked for and none is usable.
std::unique_ptr<Backend> make_backend(const RunOptions& options);

}  // namespace rdp
