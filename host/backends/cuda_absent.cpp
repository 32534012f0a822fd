// The CUDA backend of a build without CUDA (-DRDPSIM_CUDA=OFF), in place of
// cuda_backend.cpp: never usable, and saying why, so that `--backend cuda` fails with
// that line and `auto` takes the CPU.
#include <stdexcept>

#include "host/backends/backend.hpp"
#include "kernels/device_info.cuh"

namespace rdp {

namespace {
const char kBuiltWithoutCuda[] = "this rdpsim was built without CUDA (-DRDPSIM_CUDA=OFF)";
}  // namespace

std::string cuda_unavailable_reason(int /*device*/) { return kBuiltWithoutCuda; }

std::string cuda_device_problem() { return kBuiltWithoutCuda; }

CudaSystem query_cuda_system() {
  CudaSystem s;
  s.architectures = "none";
  s.problem = kBuiltWithoutCuda;
  return s;
}

std::unique_ptr<Backend> make_cuda_backend(int /*block_size*/, int /*device*/) {
  throw std::invalid_argument(kBuiltWithoutCuda);
}

}  // namespace rdp
