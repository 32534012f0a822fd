// Comparisons at equal rate or distortion (host/exact/step_solver.hpp; docs/theory.md
// §6.7): the solved step meets its target against closed forms and `rdpsim exact`;
// rates fall and distortions rise with the step; targets that no step reaches, and
// flags that contradict a target, get exit status 2; a sweep takes rate as an axis.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "tests/backend_param.hpp"
#include "tests/cli_runner.hpp"
#include "host/exact/exact.hpp"
#include "host/exact/step_solver.hpp"

namespace {

using rdp::SchemeKind;
using rdp::SourceKind;

rdp::Job targeted(SchemeKind scheme, SourceKind source, uint32_t N, double rate, double distortion) {
  rdp::Job job = rdp::make_job(scheme, source, N, 0, 0.5);
  job.target_rate = rate;
  job.target_distortion = distortion;
  return job;
}

// dithered-raw has D = step^2 / 12 exactly (docs/theory.md §7.2), whatever the source.
TEST(StepSolver, DistortionTargetOfDitheredRawGivesTheClosedFormStep) {
  for (SourceKind source : {SourceKind::uniform, SourceKind::exponential, SourceKind::gaussian, SourceKind::laplace})
    for (double D : {1e-6, 1e-3, 0.05}) {
      rdp::Job job = targeted(SchemeKind::dithered_raw, source, 1, NAN, D);
      const rdp::ExactResult e = rdp::solve_step(job);
      EXPECT_NEAR(job.step, std::sqrt(12.0 * D), 1e-11 * job.step) << rdp::to_string(source) << " D=" << D;
      EXPECT_EQ(e.step, job.step);
    }
}

TEST(StepSolver, RateTargetsAreMetAndOrderedOnEverySource) {
  for (SchemeKind scheme : {SchemeKind::multiquan, SchemeKind::dithered, SchemeKind::deterministic})
    for (SourceKind source : {SourceKind::uniform, SourceKind::exponential, SourceKind::gaussian, SourceKind::laplace}) {
      SCOPED_TRACE(std::string(rdp::to_string(scheme)) + " " + rdp::to_string(source));
      double previous_step = INFINITY;
      const uint32_t N = scheme == SchemeKind::multiquan ? 4 : 1;
      for (double R : {0.5, 2.0, 4.5}) {
        rdp::Job job = targeted(scheme, source, N, R, NAN);
        const rdp::ExactResult solved = rdp::solve_step(job);
        EXPECT_NEAR(solved.rate_bits, R, 1e-9 * R);
        // The step reported is the one that gives R when evaluated afresh.
        rdp::Job plain = rdp::make_job(scheme, source, N, 0, job.step);
        EXPECT_NEAR(rdp::evaluate_exact(plain).rate_bits, R, 1e-9 * R);
        EXPECT_LT(job.step, previous_step) << "a higher rate needs a finer step";
        previous_step = job.step;
      }
    }
}

TEST(StepSolverCli, RunAndExactReportTheTargetAndTheStep) {
  for (const char* command : {"exact", "run --samples 1e4 --backend cpu"}) {
    const auto r = rdp::testing::run_cli(std::string(command) + " --scheme multiquan --source laplace --N 4 --rate 2",
                                         "2>/dev/null");
    ASSERT_EQ(r.status, 0) << r.out;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["target_rate"].get<double>(), 2.0);
    rdp::Job job = targeted(SchemeKind::multiquan, SourceKind::laplace, 4, 2.0, NAN);
    rdp::solve_step(job);
    EXPECT_EQ(j["step"].get<double>(), job.step) << command;
  }
}

TEST(StepSolverCli, RejectsTargetsNoStepReachesAndContradictoryFlags) {
  struct Case {
    const char* args;
    const char* names;
  };
  for (const Case& c : {Case{"--scheme multiquan --source uniform --N 2 --rate 50", "rate 50"},
                        Case{"--scheme multiquan --source uniform --N 2 --rate 2 --step 0.1", "leave --step out"},
                        Case{"--scheme dithered --source circle --L 4 --rate 1", "1-D source"},
                        Case{"--scheme multiquan --source uniform --N 2 --distortion -1", "got -1"},
                        Case{"--scheme multiquan --source uniform --N 2 --rate 1 --distortion 0.01", "not both"}}) {
    const auto r = rdp::testing::run_cli(std::string("exact ") + c.args);
    EXPECT_EQ(r.status, 2) << c.args << ": " << r.out;
    EXPECT_NE(r.out.find(c.names), std::string::npos) << r.out;
  }
}

TEST(StepSolverSweep, RateAxisNamesPointsByTheirTarget) {
  const std::string config = rdp::testing::scratch_path("rate_axis.toml");
  const std::string out = rdp::testing::scratch_path("rate_axis.jsonl");
  std::remove(out.c_str());
  std::ofstream(config) << "mode = \"exact\"\n[grid]\nscheme = [\"multiquan\", \"dithered\"]\nsource = \"gaussian\"\n"
                           "N = 4\nrate = [1.0, 3.0]\n";
  const auto r = rdp::testing::run_cli("sweep " + config + " --out " + out + " --quiet");
  ASSERT_EQ(r.status, 0) << r.out;
  std::ifstream rows(out);
  std::string line;
  int count = 0;
  while (std::getline(rows, line)) {
    const auto j = nlohmann::json::parse(line);
    const double R = j["target_rate"].get<double>();
    EXPECT_NEAR(j["rate_bits"].get<double>(), R, 1e-9 * R) << line;
    EXPECT_NE(j["point"].get<std::string>().find(fmt::format("/rate={}", R)), std::string::npos) << line;
    ++count;
  }
  EXPECT_EQ(count, 4);
}

}  // namespace
