// The NVTX ranges a profiler shows (host/profiling/profile_range.hpp), seen through
// tests/profiling/nvtx_recorder.cpp, an injection library loaded the way Nsight Systems
// loads its own: a run shows its job, each backend call inside it and the estimator
// pass, every range closed; a sweep shows each point. Built with the CUDA toolkit only
// (NVTX3 ships with it); runs on the CPU backend, so no GPU is needed.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "tests/cli_runner.hpp"

namespace {

std::string recorder_library() {
  std::string self(4096, '\0');
  self.resize(static_cast<size_t>(std::max<ssize_t>(0, readlink("/proc/self/exe", self.data(), self.size()))));
  return self.substr(0, self.rfind('/')) + "/librdpsim_nvtx_recorder.so";
}

// The recorded lines of `rdpsim <args>` run with the recorder injected.
std::vector<std::string> ranges_of(const std::string& args, const std::string& log) {
  std::remove(log.c_str());
  setenv("NVTX_INJECTION64_PATH", recorder_library().c_str(), 1);
  setenv("RDPSIM_NVTX_LOG", log.c_str(), 1);
  const auto r = rdp::testing::run_cli(args, ">/dev/null 2>&1");
  unsetenv("NVTX_INJECTION64_PATH");
  unsetenv("RDPSIM_NVTX_LOG");
  EXPECT_EQ(r.status, 0) << args;
  std::vector<std::string> lines;
  std::ifstream in(log);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

size_t count_prefix(const std::vector<std::string>& lines, const std::string& prefix) {
  size_t n = 0;
  for (const auto& l : lines) n += l.rfind(prefix, 0) == 0;
  return n;
}

TEST(Profiling, ARunShowsItsJobBackendCallsAndEstimatorsAsClosedRanges) {
  const auto lines = ranges_of("run --scheme multiquan --source exponential --N 4 --step 0.5 --samples 3e6 --backend cpu",
                               "/tmp/rdpsim_nvtx_run.log");
  ASSERT_FALSE(lines.empty()) << "no range reached the injected recorder";
  EXPECT_EQ(lines.front(), "push rdpsim: job multiquan/exponential N=4 step=0.5");
  EXPECT_GE(count_prefix(lines, "push rdpsim: cpu loops: "), 2u) << "the first chunk is short, then the rest";
  EXPECT_GE(count_prefix(lines, "push rdpsim: estimators"), 1u);
  EXPECT_EQ(count_prefix(lines, "push "), count_prefix(lines, "pop ")) << "a range left open";
  EXPECT_EQ(lines.back(), "pop rdpsim");
}

TEST(Profiling, ASweepShowsEachPoint) {
  const std::string config = "/tmp/rdpsim_nvtx_sweep.toml", out = "/tmp/rdpsim_nvtx_sweep.jsonl";
  std::ofstream(config) << "samples = 20000\nbackend = \"cpu\"\n[grid]\nscheme = \"dithered\"\nsource = \"uniform\"\n"
                           "step = [0.25, 0.5]\n";
  std::remove(out.c_str());
  const auto lines = ranges_of("sweep " + config + " --out " + out, "/tmp/rdpsim_nvtx_sweep.log");
  EXPECT_EQ(count_prefix(lines, "push rdpsim: sweep point 1 of 2: dithered/uniform/step=0.25"), 1u);
  EXPECT_EQ(count_prefix(lines, "push rdpsim: sweep point 2 of 2: dithered/uniform/step=0.5"), 1u);
  EXPECT_EQ(count_prefix(lines, "push rdpsim: job dithered/uniform step=0.5"), 1u);
}

}  // namespace
