// Thresholds as a researcher uses them: a thresholds file is enough to run, rows name
// the thresholds by content, optimize finds the lambda for a rate and warns when lambda
// collapses the design, and sweeps take thresholds files and an [optimize] block.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "host/exact/exact.hpp"
#include "host/plan/thresholds_file.hpp"
#include "tests/backend_param.hpp"
#include "tests/cli_runner.hpp"

namespace {

using nlohmann::json;
using rdp::testing::run_cli;
using rdp::testing::scratch_path;

// `rdpsim optimize ... --out path` (quiet), its JSON line.
json optimize_to(const std::string& args, const std::string& path) {
  const auto r = run_cli("optimize --quiet --method gradient " + args + " --out " + path, "2>/dev/null");
  EXPECT_EQ(r.status, 0) << r.out;
  return json::parse(r.out);
}

json parse_without_timing(const std::string& line) {
  json j = json::parse(line);
  j.erase("elapsed_s");
  j.erase("samples_per_s");
  return j;
}

TEST(ThresholdsFile, AloneSetsSourceNAndStep) {
  const std::string file = scratch_path("alone.json");
  optimize_to("--source laplace --N 3 --step 0.4 --lambda 0.02", file);
  const auto alone = run_cli("run --backend cpu --samples 2e4 --thresholds " + file, "2>/dev/null");
  const auto spelled =
      run_cli("run --backend cpu --samples 2e4 --source laplace --N 3 --step 0.4 --thresholds " + file, "2>/dev/null");
  ASSERT_EQ(alone.status, 0) << alone.out;
  EXPECT_EQ(parse_without_timing(alone.out), parse_without_timing(spelled.out));
  EXPECT_EQ(json::parse(alone.out)["source"], "laplace");
  // A flag that contradicts the file is refused, naming the file's setting.
  for (const char* contradiction : {"--N 4", "--step 0.5", "--source gaussian"}) {
    const auto bad = run_cli(std::string("run --samples 1e3 --thresholds ") + file + " " + contradiction);
    EXPECT_EQ(bad.status, 2) << contradiction;
    EXPECT_NE(bad.out.find("was made for --source laplace --N 3 --step 0.4"), std::string::npos) << bad.out;
  }
  EXPECT_EQ(run_cli("exact --rate 2 --thresholds " + file).status, 2);
}

// The hash names the thresholds' content: equal for equal boundaries wherever they
// come from, different when one boundary moves by one ulp.
TEST(ThresholdsFile, RowsNameTheThresholdsByContent) {
  const std::string file = scratch_path("hashed.json");
  optimize_to("--source exponential --N 4 --step 0.5 --lambda 0.028", file);
  const auto row = json::parse(run_cli("exact --thresholds " + file, "2>/dev/null").out);
  EXPECT_EQ(row["thresholds"], file);
  rdp::Job job = rdp::make_job(rdp::SchemeKind::multiquan, rdp::SourceKind::exponential, 4, 0, 0.5);
  rdp::apply_thresholds(rdp::load_thresholds(file), job, file);
  EXPECT_EQ(row["thresholds_hash"], rdp::thresholds_hash(job));
  const std::string original = rdp::thresholds_hash(job);
  job.thresholds[job.thresholds.size() / 2] = std::nextafter(job.thresholds[job.thresholds.size() / 2], 1e300);
  EXPECT_NE(rdp::thresholds_hash(job), original);
  EXPECT_EQ(rdp::thresholds_hash(job).size(), 16u);
}

// --rate finds lambda: the design's exact rate meets the target, and optimizing at the
// lambda it reports gives the same thresholds.
TEST(OptimizeForRate, FindsTheLambdaWhoseOptimumHasTheRate) {
  const std::string by_rate = scratch_path("by_rate.json"), by_lambda = scratch_path("by_lambda.json");
  const json r = optimize_to("--source uniform --N 2 --step 0.25 --rate 2.1", by_rate);
  EXPECT_NEAR(r["after"]["rate_bits"].get<double>(), 2.1, 1e-9);
  EXPECT_EQ(r["target_rate"], 2.1);
  const auto exact = json::parse(run_cli("exact --thresholds " + by_rate, "2>/dev/null").out);
  EXPECT_NEAR(exact["rate_bits"].get<double>(), 2.1, 1e-9);
  char lambda[64];
  std::snprintf(lambda, sizeof lambda, "%.17g", r["lambda"].get<double>());
  optimize_to(std::string("--source uniform --N 2 --step 0.25 --lambda ") + lambda, by_lambda);
  const auto again = json::parse(run_cli("exact --thresholds " + by_lambda, "2>/dev/null").out);
  EXPECT_EQ(again["thresholds_hash"], exact["thresholds_hash"]);
  // Beyond what any lambda reaches at this step: refused with the reachable range.
  const auto far = run_cli("optimize --quiet --method gradient --source uniform --N 2 --step 0.25 --rate 9");
  EXPECT_EQ(far.status, 2) << far.out;
  EXPECT_NE(far.out.find("the optimized rate runs from"), std::string::npos) << far.out;
  EXPECT_EQ(run_cli("optimize --source uniform --N 2 --step 0.25 --rate 2 --lambda 0.1").status, 2);
  EXPECT_EQ(run_cli("optimize --source uniform --N 2 --step 0.25").status, 2);
}

TEST(OptimizeForRate, WarnsWhenLambdaCollapsesTheDesign) {
  const auto collapsed =
      run_cli("optimize --method lloyd --source exponential --N 4 --step 0.5 --lambda 28", "2>&1 >/dev/null");
  EXPECT_NE(collapsed.out.find("collapsed from 2.6026 to 0.0000 bits"), std::string::npos) << collapsed.out;
  EXPECT_NE(collapsed.out.find("lambda near 0.0279"), std::string::npos) << collapsed.out;
  const auto fine =
      run_cli("optimize --method lloyd --source exponential --N 4 --step 0.5 --lambda 0.028", "2>&1 >/dev/null");
  EXPECT_EQ(fine.out.find("warning"), std::string::npos) << fine.out;
}

std::vector<json> sweep_rows(const std::string& toml, const std::string& name) {
  const std::string config = scratch_path(name + ".toml");
  std::ofstream(config) << toml;
  const auto r = run_cli("sweep --quiet " + config, "2>&1");
  EXPECT_EQ(r.status, 0) << r.out;
  std::vector<json> rows;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) rows.push_back(json::parse(line));
  return rows;
}

// A thresholds axis runs each file's design; an [optimize] block optimizes each
// multiquan point first, with the same thresholds as `optimize --out`.
TEST(SweepThresholds, FilesAndOptimizeBlocksGiveTheOptimizersDesigns) {
  const std::string a = scratch_path("axis_a.json"), b = scratch_path("axis_b.json");
  optimize_to("--source gaussian --N 4 --step 0.5 --lambda 0.03", a);
  optimize_to("--source gaussian --N 2 --step 0.3 --lambda 0.01", b);
  const auto rows = sweep_rows("mode = \"exact\"\n[grid]\nscheme = \"multiquan\"\nsource = \"gaussian\"\nthresholds = [\"" +
                                   a + "\", \"" + b + "\"]\n",
                               "axis");
  ASSERT_EQ(rows.size(), 2u);
  for (size_t k = 0; k < 2; ++k) {
    const auto single = json::parse(run_cli("exact --thresholds " + (k == 0 ? a : b), "2>/dev/null").out);
    EXPECT_EQ(rows[k]["rate_bits"], single["rate_bits"]);
    EXPECT_EQ(rows[k]["thresholds_hash"], single["thresholds_hash"]);
    EXPECT_NE(rows[k]["point"].get<std::string>().find("/thresholds=" + single["thresholds_hash"].get<std::string>()),
              std::string::npos);
  }
  const auto optimized = sweep_rows(
      "mode = \"exact\"\n[optimize]\nmethod = \"gradient\"\nlambda = 0.03\n[grid]\nscheme = [\"multiquan\", "
      "\"dithered\"]\nsource = \"gaussian\"\nN = [1, 4]\nstep = 0.5\n",
      "optimize_block");
  ASSERT_EQ(optimized.size(), 3u);  // multiquan N=1 (nothing to optimize), N=4 optimized, dithered
  EXPECT_FALSE(optimized[0].contains("thresholds_hash"));
  EXPECT_EQ(optimized[1]["thresholds_hash"], rows[0]["thresholds_hash"]);
  EXPECT_EQ(optimized[1]["lambda"], 0.03);
  EXPECT_TRUE(optimized[1]["optimize_converged"].get<bool>());
  EXPECT_FALSE(optimized[2].contains("lambda"));
}

TEST(SweepThresholds, MalformedBlocksAreRefused) {
  const std::string a = scratch_path("refused.json");
  optimize_to("--source gaussian --N 4 --step 0.5 --lambda 0.03", a);
  const std::string grid = "[grid]\nscheme = \"multiquan\"\nsource = \"gaussian\"\n";
  for (const auto& [toml, names] : std::vector<std::pair<std::string, std::string>>{
           {grid + "N = 4\nthresholds = \"" + a + "\"\n", "leave 'N' out"},
           {grid + "thresholds = \"missing.json\"\n", "cannot read thresholds file"},
           {"[grid]\nscheme = \"multiquan\"\nsource = \"uniform\"\nthresholds = \"" + a + "\"\n", "was made for"},
           {"[optimize]\nlambda = 0.1\n" + grid + "N = 1\nstep = 0.5\n", "[optimize] applies to none"},
           {"[optimize]\nlambda = 0.1\nrate = 2\n" + grid + "N = 4\nstep = 0.5\n", "one of them"},
           {"[optimize]\nmethod = \"newton\"\nlambda = 0.1\n" + grid + "N = 4\nstep = 0.5\n", "method must be"}}) {
    const std::string config = scratch_path("refused.toml");
    std::ofstream(config) << toml;
    const auto r = run_cli("sweep " + config);
    EXPECT_EQ(r.status, 2) << toml;
    EXPECT_NE(r.out.find(names), std::string::npos) << r.out;
  }
}

}  // namespace
