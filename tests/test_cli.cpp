// The command-line contract: one JSON line with the fixed keys, and bad input answered
// by one line naming the bad value with exit status 2.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/cli_runner.hpp"

namespace {

using rdp::testing::run_cli;

TEST(Cli, RunPrintsOneJsonLineWithTheContractKeys) {
  const auto r = run_cli("run --scheme dithered --source exponential --step 0.5 --samples 2e4 --backend cpu",
                         "2>/dev/null");
  ASSERT_EQ(r.status, 0) << r.out;
  ASSERT_EQ(r.out.find('\n'), r.out.size() - 1) << "exactly one line: " << r.out;
  const auto line = nlohmann::json::parse(r.out);
  for (const char* key : {"scheme", "source", "N", "L", "step", "samples", "seed", "backend", "device", "rate_bits",
                          "rate_marginal_bits", "distortion", "distortion_se", "w1", "w2", "ks", "ks_pvalue",
                          "overflow", "elapsed_s", "samples_per_s", "rate_conditional_bits", "dither_bins"})
    EXPECT_TRUE(line.contains(key)) << key;
  EXPECT_EQ(line["samples"], 20000);
  EXPECT_EQ(line["scheme"], "dithered");
  EXPECT_EQ(line["backend"], "cpu");
  EXPECT_EQ(line["overflow"], 0);
}

// bench's three formats name the same kernels with the same keys: JSON lines, and CSV
// whose header is the JSON keys; a filter that matches several kernels keeps their order.
TEST(Cli, BenchWritesTheSameKernelsAsJsonAndCsv) {
  const std::string args = "bench --backend cpu --threads 1 --filter multiquan/uniform --samples 2e4 --repeats 1";
  const auto json = run_cli(args + " --format json", "2>/dev/null");
  const auto csv = run_cli(args + " --format csv", "2>/dev/null");
  ASSERT_EQ(json.status, 0) << json.out;
  ASSERT_EQ(csv.status, 0) << csv.out;
  std::vector<nlohmann::ordered_json> rows;  // keys in the order written
  std::istringstream json_lines(json.out);
  for (std::string line; std::getline(json_lines, line);) rows.push_back(nlohmann::ordered_json::parse(line));
  std::vector<std::string> csv_lines;
  std::istringstream csv_stream(csv.out);
  for (std::string line; std::getline(csv_stream, line);) csv_lines.push_back(line);
  ASSERT_EQ(rows.size(), 3u);  // N = 1, 4, 8
  ASSERT_EQ(csv_lines.size(), rows.size() + 1);
  std::string header;
  for (auto it = rows[0].begin(); it != rows[0].end(); ++it) header += (header.empty() ? "" : ",") + it.key();
  EXPECT_EQ(csv_lines[0], header);
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i]["bench"], "multiquan/uniform/N=" + std::to_string(i == 0 ? 1 : i == 1 ? 4 : 8));
    EXPECT_EQ(csv_lines[i + 1].substr(0, csv_lines[i + 1].find(',')), rows[i]["bench"].get<std::string>());
    EXPECT_GT(rows[i]["samples_per_s"].get<double>(), 0.0);
  }
  const auto bad = run_cli(args + " --format xml", "2>&1");
  EXPECT_EQ(bad.status, 2);
  EXPECT_EQ(bad.out, "rdpsim: error: --format must be table, json or csv, got 'xml'\n");
}

TEST(Cli, DemoRunsByDefaultAndPrintsATable) {
  const auto demo = run_cli("", "2>/dev/null");
  ASSERT_EQ(demo.status, 0);
  EXPECT_NE(demo.out.find("multiquan"), std::string::npos);
  EXPECT_NE(demo.out.find("distortion"), std::string::npos);
}

TEST(Cli, ValidatePassesAndCatchesAnInjectedFault) {
  const auto good = run_cli("validate --samples 3e5 --backend cpu", "2>/dev/null");
  EXPECT_EQ(good.status, 0) << good.out;
  EXPECT_NE(good.out.find(" 0 failed"), std::string::npos) << good.out;
  const auto bad = run_cli("validate --samples 3e5 --backend cpu --inject-eq6-fault", "2>/dev/null");
  EXPECT_EQ(bad.status, 1);
  EXPECT_NE(bad.out.find("FAIL"), std::string::npos);
}

// H(i | n) = 2.125 bits for U[0,1], Delta = 1/4, N = 2 (docs/theory.md §7.3). The evaluator
// reaches it up to rounding (test_exact.cpp) and the JSON line keeps a double's every
// digit, so only a few ulps of 2 may separate them.
TEST(Cli, ExactPrintsTheUniformClosedForm) {
  constexpr double kRoundoff = 1e-14;
  const auto r = run_cli("exact --scheme multiquan --source uniform --N 2 --step 0.25", "2>/dev/null");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto line = nlohmann::json::parse(r.out);
  EXPECT_NEAR(line["rate_bits"].get<double>(), 2.125, kRoundoff);
  EXPECT_EQ(line["method"], "quadrature");
}

struct BadInput {
  const char* args;
  const char* names;  // what the error line must mention
};

class CliBadInput : public ::testing::TestWithParam<BadInput> {};

TEST_P(CliBadInput, ExitsTwoWithOneLineNamingTheValue) {
  const auto r = run_cli(std::string("run ") + GetParam().args);
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find(GetParam().names), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\n'), r.out.size() - 1) << "one line: " << r.out;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CliBadInput,
    ::testing::Values(BadInput{"--scheme staggered", "'staggered'"}, BadInput{"--source cauchy", "'cauchy'"},
                      BadInput{"--N 0", "--N must be in [1, 65536], got 0"}, BadInput{"--N -3", "got -3"},
                      BadInput{"--step 0", "--step must be in"}, BadInput{"--step -1", "got -1"},
                      BadInput{"--samples 0", "'0'"}, BadInput{"--samples lots", "'lots'"},
                      BadInput{"--samples 2.5", "'2.5'"}, BadInput{"--source circle", "--L"},
                      BadInput{"--scheme dithered --N 4", "--N 4"}, BadInput{"--L 3", "--L 3"},
                      BadInput{"--backend tpu", "'tpu'"}, BadInput{"--block-size 100", "got 100"},
                      BadInput{"--frobnicate", "--frobnicate"}, BadInput{"--N four", "four"},
                      BadInput{"--source circle --L 4 --step 0.5", "--step 0.5 does not apply"},
                      BadInput{"--scheme multiquan-eq6 --source circle --L 4", "1-D sources only"},
                      BadInput{"--pit-bins 1000", "power of two"},
                      BadInput{"--souce gaussian", "unknown option --souce for rdpsim run; did you mean --source?"},
                      BadInput{"--source gausian", "did you mean 'gaussian'?"},
                      BadInput{"--scheme multiqan", "did you mean 'multiquan'?"},
                      BadInput{"--seed -1", "--seed: must be a whole number from 0 to 9.2e+18, got '-1'"},
                      BadInput{"--samples 1e30", "from 1 to 9.2e+18"},
                      BadInput{"--target-se 0", "--target-se must be a positive number, got 0"}));

// A word far from every choice gets the list without a guess.
TEST(Cli, SuggestsOnlyNearNames) {
  const auto r = run_cli("run --source cauchy");
  EXPECT_EQ(r.out.find("did you mean"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("one of: uniform, exponential, gaussian, laplace, circle"), std::string::npos) << r.out;
}

TEST(Cli, QuietLeavesStderrToErrors) {
  // The automatic backend choice, a warning (indices outside the window) and progress are all silenced.
  const auto quiet = run_cli("run --samples 2e4 --quiet --scheme dithered --source uniform --step 1e-5 --dither-bins 4096",
                             "2>&1 >/dev/null");
  EXPECT_EQ(quiet.status, 0);
  EXPECT_EQ(quiet.out, "");
  const auto chatty = run_cli("run --samples 2e4 --scheme dithered --source uniform --step 1e-5 --dither-bins 4096",
                              "2>&1 >/dev/null");
  EXPECT_NE(chatty.out.find("backend auto"), std::string::npos) << chatty.out;
}

// validate at too few samples: the detection rows say "underpowered" with a count, the
// run does not fail, and the job at that count does detect the broken law.
TEST(Cli, ValidateNamesUnderpoweredChecksAndTheSamplesTheyNeed) {
  const auto r = run_cli("validate --samples 1e4 --backend cpu --format json", "2>/dev/null");
  EXPECT_EQ(r.status, 0) << r.out;
  int underpowered = 0;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    const auto check = nlohmann::json::parse(line);
    EXPECT_NE(check["verdict"], "fail") << line;
    if (check["verdict"] != "underpowered") continue;
    ++underpowered;
    const uint64_t needed = check["samples_needed"].get<uint64_t>();
    EXPECT_GT(needed, 10000u);
    std::istringstream words(check["case"].get<std::string>());  // "<source> <scheme> step=<step>"
    std::string source, scheme, step;
    words >> source >> scheme >> step;
    const auto run = run_cli("run --backend cpu --seed 20261123 --source " + source + " --scheme " + scheme + " --step " +
                                 step.substr(5) + " --samples " + std::to_string(needed),
                             "2>/dev/null");
    ASSERT_EQ(run.status, 0) << run.out;
    EXPECT_LT(nlohmann::json::parse(run.out)["ks_pvalue"].get<double>(), 1e-6) << line;
  }
  EXPECT_GT(underpowered, 0) << "1e4 samples should leave some detection without power";
}

}  // namespace
