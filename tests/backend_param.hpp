#pragma once
// Every test body is written once and runs on each backend (the MatX pattern): the
// CPU always, CUDA when a device is usable, skipping with the reason otherwise.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <ostream>
#include <string>

#include "host/backends/backend.hpp"
#include "host/run_job.hpp"

namespace rdp::testing {

// RDPSIM_REQUIRE_CUDA=1 (scripts/gpu-check sets it) turns a CUDA test that cannot run
// into a failure: on a machine with a GPU no CUDA test may skip silently.
inline bool cuda_required() {
  const char* v = std::getenv("RDPSIM_REQUIRE_CUDA");
  return v != nullptr && std::string(v) == "1";
}

}  // namespace rdp::testing

// The first statement of a CUDA-only test (or a SetUp): skip with the reason when CUDA
// cannot run here, fail instead under RDPSIM_REQUIRE_CUDA=1.
#define RDPSIM_CUDA_OR_SKIP(problem)                                                        \
  do {                                                                                      \
    const std::string rdpsim_problem_ = (problem);                                          \
    if (!rdpsim_problem_.empty()) {                                                         \
      if (rdp::testing::cuda_required()) FAIL() << "RDPSIM_REQUIRE_CUDA=1: " << rdpsim_problem_; \
      GTEST_SKIP() << "CUDA backend not tested here: " << rdpsim_problem_;                  \
    }                                                                                       \
  } while (0)

namespace rdp::testing {

class BackendTest : public ::testing::TestWithParam<BackendKind> {
 protected:
  void SetUp() override {
    if (GetParam() == BackendKind::cuda) RDPSIM_CUDA_OR_SKIP(cuda_unavailable_reason());
  }

  Result run(const Job& job, int threads = 0, int block_size = 256) const {
    RunOptions options;
    options.backend = GetParam();
    options.threads = threads;
    options.block_size = block_size;
    options.progress = false;
    return run_job(job, options);
  }
};

// A path in the temporary directory that no other process running the tests uses.
inline std::string scratch_path(const std::string& name) {
  return ::testing::TempDir() + "rdpsim_" + std::to_string(::getpid()) + "_" + name;
}

inline std::string backend_name(const ::testing::TestParamInfo<BackendKind>& info) { return to_string(info.param); }

}  // namespace rdp::testing

namespace rdp {
// Names the backend in test listings instead of printing its bytes.
inline void PrintTo(BackendKind b, std::ostream* os) { *os << to_string(b); }
}  // namespace rdp

#define RDPSIM_ON_EVERY_BACKEND(Fixture) \
  INSTANTIATE_TEST_SUITE_P(Backends, Fixture,  \
                           ::testing::Values(rdp::BackendKind::cpu, rdp::BackendKind::cuda), rdp::testing::backend_name)
