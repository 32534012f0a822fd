#include "host/backends/backend.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace rdp {

std::unique_ptr<Backend> make_backend(const RunOptions& options) {
  validate(options);
  switch (options.backend) {
    case BackendKind::cpu: return make_cpu_backend(options.threads);
    case BackendKind::cuda: {
      const std::string problem = cuda_unavailable_reason(options.device);
      if (!problem.empty()) throw std::invalid_argument(fmt::format("--backend cuda: {}", problem));
      return make_cuda_backend(options.block_size, options.device);
    }
    case BackendKind::automatic: break;
  }
  const std::string problem = cuda_unavailable_reason(options.device);
  auto backend =
      problem.empty() ? make_cuda_backend(options.block_size, options.device) : make_cpu_backend(options.threads);
  if (options.progress)
    fmt::print(stderr, "rdpsim: backend auto: {} on {}{}\n", backend->name(), backend->device(),
               problem.empty() ? "" : fmt::format(" (CUDA not usable: {})", problem));
  return backend;
}

}  // namespace rdp
