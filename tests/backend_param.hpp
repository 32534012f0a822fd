#pragma once
// Every test body is written once and runs on each backend (the MatX pattern): the
// CPU always, CUDA when a device is usable, skipping with the reason otherwise.
#include <gtest/gtest.h>
#include <unistd.h>

#include <ostream>
#include <string>

#include "host/backends/backend.hpp"
#include "host/run_job.hpp"

namespace rdp::testing {

class BackendTest : public ::testing::TestWithParam<BackendKind> {
 protected:
  void SetUp() override {
    if (GetParam() == BackendKind::cuda) {
      const std::string problem = cuda_unavailable_reason();
      if (!problem.empty()) GTEST_SKIP() << "CUDA backend not tested here: " << problem;
    }
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
