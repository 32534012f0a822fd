// Stopping a run early: --target-se stops at a sample count that depends on the seed
// alone, and its result is the fixed-size run of that count; SIGINT and SIGTERM stop
// at a chunk boundary with the result so far (exit 130, 143); --dump-xhat writes the
// run's own first samples.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/backend_param.hpp"
#include "tests/cli_runner.hpp"

namespace {

using rdp::BackendKind;
using rdp::Job;
using rdp::SchemeKind;
using rdp::SourceKind;

class TargetSe : public rdp::testing::BackendTest {};

TEST_P(TargetSe, StopsOnceTheStandardErrorIsReachedWithTheFixedSizeRunsResult) {
  for (const auto& [scheme, source, N] : {std::tuple{SchemeKind::multiquan, SourceKind::exponential, 4u},
                                          std::tuple{SchemeKind::dithered, SourceKind::gaussian, 1u}}) {
    Job job = rdp::make_job(scheme, source, N, 0, 0.5, 100000000, 7);
    job.target_se = 2e-5;
    const rdp::Result r = run(job);
    SCOPED_TRACE(rdp::to_string(scheme));
    EXPECT_LE(r.distortion_se, job.target_se);
    EXPECT_LT(r.samples, job.samples);
    EXPECT_FALSE(r.interrupted);
    // The stopped run is the run of its sample count: same tally, same estimates.
    Job fixed = job;
    fixed.target_se = NAN;
    fixed.samples = r.samples;
    const rdp::Result whole = run(fixed);
    EXPECT_EQ(whole.tally, r.tally);
    EXPECT_EQ(whole.distortion_se, r.distortion_se);
    // The checkpoints grow by at least 1.25: the stop cannot be far past where the
    // standard error, falling as 1/sqrt(n), first met the target.
    const double needed = static_cast<double>(r.samples) * std::pow(r.distortion_se / job.target_se, 2.0);
    EXPECT_LT(static_cast<double>(r.samples), 1.6 * needed + (1 << 20));
    // Another thread count stops at the same sample.
    EXPECT_EQ(run(job, 1).samples, r.samples);
  }
}

TEST_P(TargetSe, AnUnreachableTargetDrawsEverySample) {
  Job job = rdp::make_job(SchemeKind::multiquan, SourceKind::uniform, 2, 0, 0.25, 3000000, 3);
  job.target_se = 1e-12;
  const rdp::Result r = run(job);
  EXPECT_EQ(r.samples, job.samples);
  EXPECT_GT(r.distortion_se, job.target_se);
}

RDPSIM_ON_EVERY_BACKEND(TargetSe);

TEST(TargetSeCli, RowCarriesTheTargetAndTheLimit) {
  const auto r = rdp::testing::run_cli(
      "run --scheme dithered --source laplace --step 0.5 --samples 1e8 --target-se 3e-5 --backend cpu", "2>/dev/null");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto row = nlohmann::json::parse(r.out);
  EXPECT_EQ(row["target_se"].get<double>(), 3e-5);
  EXPECT_EQ(row["samples_limit"].get<double>(), 1e8);
  EXPECT_LT(row["samples"].get<double>(), 1e8);
  EXPECT_LE(row["distortion_se"].get<double>(), 3e-5);
  for (const char* bad : {"0", "-1", "nan"})
    EXPECT_EQ(rdp::testing::run_cli(std::string("run --target-se ") + bad).status, 2) << bad;
}

// Starts `rdpsim run` on a job of hours, sends `signal` once the long-run warning shows
// the chunk loop has started, and returns the exit status and stdout.
struct Stopped {
  int status = -1;
  std::string out, err;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

Stopped stop_run_with(int signal) {
  const std::string rdpsim = rdp::testing::rdpsim_executable();
  const std::string out = rdp::testing::scratch_path("stopped.json"), err = rdp::testing::scratch_path("stopped.err");
  std::remove(err.c_str());
  const pid_t pid = fork();
  if (pid == 0) {
    freopen(out.c_str(), "w", stdout);
    freopen(err.c_str(), "w", stderr);
    execl(rdpsim.c_str(), rdpsim.c_str(), "run", "--samples", "1e13", "--backend", "cpu", "--threads", "1", nullptr);
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (read_file(err).find("warning") == std::string::npos && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  kill(pid, signal);
  int raw = 0;
  waitpid(pid, &raw, 0);
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, read_file(out), read_file(err)};
}

TEST(Signals, StopARunWithTheResultSoFar) {
  for (const auto& [signal, status] : {std::pair{SIGINT, 130}, std::pair{SIGTERM, 143}}) {
    SCOPED_TRACE(signal);
    const Stopped s = stop_run_with(signal);
    ASSERT_EQ(s.status, status) << s.err;
    const auto row = nlohmann::json::parse(s.out);
    EXPECT_TRUE(row["interrupted"].get<bool>());
    EXPECT_EQ(row["samples_limit"].get<double>(), 1e13);
    const uint64_t drawn = row["samples"].get<uint64_t>();
    EXPECT_GT(drawn, 0u);
    EXPECT_LT(drawn, uint64_t{10000000000000});
    EXPECT_NE(s.err.find(signal == SIGINT ? "stopped by SIGINT" : "stopped by SIGTERM"), std::string::npos) << s.err;
    // The partial result is the fixed-size run of the samples drawn.
    const auto whole = rdp::testing::run_cli(
        "run --backend cpu --quiet --samples " + std::to_string(drawn), "2>/dev/null");
    ASSERT_EQ(whole.status, 0);
    EXPECT_EQ(nlohmann::json::parse(whole.out)["distortion"], row["distortion"]);
  }
}

// The dump holds the samples the per-sample code draws, and the run's estimates are
// those of the same samples: its distortion is their mean squared error.
TEST(SampleDump, HoldsTheRunsFirstSamples) {
  const std::string xhat = rdp::testing::scratch_path("xhat.f64"), x = rdp::testing::scratch_path("x.f64");
  const auto r = rdp::testing::run_cli("run --scheme multiquan --source laplace --N 3 --step 0.7 --samples 100000 "
                                       "--backend cpu --dump-xhat " + xhat + " --dump-x " + x + " --dump-max 1e6",
                                       "2>/dev/null");
  ASSERT_EQ(r.status, 0) << r.out;
  const std::string a = read_file(xhat), b = read_file(x);
  ASSERT_EQ(a.size(), 100000 * sizeof(double));  // --dump-max beyond --samples: every sample
  ASSERT_EQ(b.size(), a.size());
  std::vector<double> x_hat(100000), source(100000);
  std::memcpy(x_hat.data(), a.data(), a.size());
  std::memcpy(source.data(), b.data(), b.size());
  double sum = 0.0;
  for (size_t i = 0; i < x_hat.size(); ++i) sum += (source[i] - x_hat[i]) * (source[i] - x_hat[i]);
  const auto row = nlohmann::json::parse(r.out);
  const double mse = sum / x_hat.size();
  EXPECT_NEAR(mse, row["distortion"].get<double>(), 1e-9 * mse);
  EXPECT_EQ(rdp::testing::run_cli("run --scheme lattice-pd --source gaussian --lattice E8 --dump-xhat " + xhat).status, 2);
  EXPECT_EQ(rdp::testing::run_cli("run --dump-xhat /nonexistent/dir/x.f64").status, 2);
}

// A dump that cannot be written whole (a full disk, here a file-size limit with SIGXFSZ
// ignored) fails the run and leaves neither the file nor a partial one.
TEST(SampleDump, AFullDiskLeavesNoFile) {
  const std::string xhat = rdp::testing::scratch_path("full_xhat.f64");
  std::remove(xhat.c_str());
  const std::string rdpsim = rdp::testing::rdpsim_executable();
  const pid_t pid = fork();
  if (pid == 0) {
    freopen("/dev/null", "w", stdout);
    freopen("/dev/null", "w", stderr);
    signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{4096, 4096};
    setrlimit(RLIMIT_FSIZE, &limit);
    execl(rdpsim.c_str(), rdpsim.c_str(), "run", "--samples", "1e5", "--backend", "cpu", "--dump-xhat", xhat.c_str(),
          nullptr);
    _exit(127);
  }
  int raw = 0;
  waitpid(pid, &raw, 0);
  ASSERT_TRUE(WIFEXITED(raw));
  EXPECT_EQ(WEXITSTATUS(raw), 1);
  EXPECT_NE(access(xhat.c_str(), F_OK), 0) << "a dump was left behind";
  EXPECT_NE(access((xhat + ".partial").c_str(), F_OK), 0) << "a partial dump was left behind";
}

}  // namespace
