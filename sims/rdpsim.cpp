// rdpsim: the command line. Parses flags into a Job and RunOptions, runs it, prints
// one JSON line per result (or a table). Bad input: one line on stderr, exit 2.
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "../host/job.hpp"
#include "../host/result_output.hpp"
#include "../host/simulation.hpp"

namespace {

using rdp::Job;
using rdp::RunOptions;

constexpr int kBadInput = 2;

// The flags shared by subcommands that simulate, as their raw text, so that every
// rejection can name exactly what the user typed.
struct RunFlags {
  std::string scheme = "multiquan";
  std::string source = "exponential";
  long long N = 1;
  long long L = 0;
  double step = 0.5;
  std::string samples = "1e6";
  unsigned long long seed = 1;
  std::string backend = "auto";
  int threads = 0;
  int block_size = 256;
  long long dither_bins = 64;
  long long pit_bins = 4096;
  std::string format = "json";
  bool quiet = false;
};

uint64_t parse_samples(const std::string& text) {
  double v = 0.0;
  size_t used = 0;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || !(v >= 1.0) || v > 9.2e18 || std::floor(v) != v)
    throw std::invalid_argument(fmt::format("--samples must be a positive whole number such as 1e9, got '{}'", text));
  return static_cast<uint64_t>(v);
}

template <class T>
T in_range(long long v, long long lo, long long hi, const char* flag) {
  if (v < lo || v > hi) throw std::invalid_argument(fmt::format("{} must be in [{}, {}], got {}", flag, lo, hi, v));
  return static_cast<T>(v);
}

Job job_from(const RunFlags& f) {
  Job job;
  const auto scheme = rdp::parse_scheme(f.scheme);
  if (!scheme)
    throw std::invalid_argument(
        fmt::format("unknown --scheme '{}' (multiquan, dithered, dithered-raw, deterministic)", f.scheme));
  const auto source = rdp::parse_source(f.source);
  if (!source)
    throw std::invalid_argument(
        fmt::format("unknown --source '{}' (uniform, exponential, gaussian, laplace, circle)", f.source));
  job.scheme = *scheme;
  job.source = *source;
  job.N = in_range<uint32_t>(f.N, 1, 65536, "--N");
  job.L = in_range<uint32_t>(f.L, 0, 65536, "--L");
  if (job.source == rdp::SourceKind::circle && f.L == 0)
    throw std::invalid_argument("--L (number of levels) is required for the circle source");
  job.step = f.step;
  job.samples = parse_samples(f.samples);
  job.seed = f.seed;
  job.dither_bins = in_range<uint32_t>(f.dither_bins, 1, 65536, "--dither-bins");
  job.pit_bins = in_range<uint32_t>(f.pit_bins, 2, 1 << 24, "--pit-bins");
  return job;
}

RunOptions options_from(const RunFlags& f) {
  RunOptions o;
  const auto backend = rdp::parse_backend(f.backend);
  if (!backend) throw std::invalid_argument(fmt::format("unknown --backend '{}' (auto, cpu, cuda)", f.backend));
  o.backend = *backend;
  if (f.threads < 0) throw std::invalid_argument(fmt::format("--threads must be >= 0, got {}", f.threads));
  o.threads = f.threads;
  if (f.block_size < 32 || f.block_size > 1024 || f.block_size % 32 != 0)
    throw std::invalid_argument(fmt::format("--block-size must be a multiple of 32 in [32, 1024], got {}", f.block_size));
  o.block_size = f.block_size;
  o.progress = !f.quiet;
  return o;
}

void add_backend_flags(CLI::App* cmd, RunFlags& f) {
  cmd->add_option("--samples", f.samples, "Monte Carlo samples per job, e.g. 1e9")->capture_default_str();
  cmd->add_option("--seed", f.seed, "seed of the counter-based generator")->capture_default_str();
  cmd->add_option("--backend", f.backend, "auto | cpu | cuda")->capture_default_str();
  cmd->add_option("--threads", f.threads, "CPU threads (0: all cores)")->capture_default_str();
  cmd->add_option("--block-size", f.block_size, "CUDA threads per block")->capture_default_str();
  cmd->add_flag("--quiet", f.quiet, "no progress line on stderr");
}

void add_job_flags(CLI::App* cmd, RunFlags& f) {
  cmd->add_option("--scheme", f.scheme, "multiquan | dithered | dithered-raw | deterministic")->capture_default_str();
  cmd->add_option("--source", f.source, "uniform | exponential | gaussian | laplace | circle")->capture_default_str();
  cmd->add_option("--N", f.N, "number of offset quantizers (multiquan)")->capture_default_str();
  cmd->add_option("--L", f.L, "levels on the circle; step = 2*pi/L")->capture_default_str();
  cmd->add_option("--step", f.step, "quantizer step Delta (1-D sources)")->capture_default_str();
  cmd->add_option("--dither-bins", f.dither_bins, "bins of the dither for H(k | Z)")->capture_default_str();
  cmd->add_option("--pit-bins", f.pit_bins, "bins of the PIT goodness-of-fit histogram")->capture_default_str();
  cmd->add_option("--format", f.format, "json | table")->capture_default_str();
  add_backend_flags(cmd, f);
}

void print_results(const std::vector<rdp::Result>& results, const std::string& format) {
  if (format == "table") {
    fmt::print("{}", rdp::results_table(results));
  } else {
    for (const auto& r : results) fmt::print("{}\n", rdp::json_line(r));
  }
  std::fflush(stdout);
}

// The small default job: the seed paper's comparison in miniature.
std::vector<Job> demo_jobs(uint64_t samples, uint64_t seed) {
  using rdp::SchemeKind;
  using rdp::SourceKind;
  std::vector<Job> jobs;
  auto add = [&](SchemeKind scheme, SourceKind source, uint32_t N, uint32_t L, double step) {
    Job j;
    j.scheme = scheme;
    j.source = source;
    j.N = N;
    j.L = L;
    j.step = step;
    j.samples = samples;
    j.seed = seed;
    jobs.push_back(j);
  };
  for (uint32_t N : {1u, 2u, 4u, 8u}) add(SchemeKind::multiquan, SourceKind::exponential, N, 0, 0.5);
  add(SchemeKind::dithered, SourceKind::exponential, 1, 0, 0.5);
  add(SchemeKind::dithered_raw, SourceKind::exponential, 1, 0, 0.5);
  add(SchemeKind::deterministic, SourceKind::exponential, 1, 0, 0.5);
  for (uint32_t N : {1u, 4u}) add(SchemeKind::multiquan, SourceKind::circle, N, 2, 0.0);
  add(SchemeKind::dithered, SourceKind::circle, 1, 2, 0.0);
  return jobs;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"rdpsim: Monte Carlo simulation of rate-distortion-perception quantizers"};
  app.require_subcommand(0, 1);

  RunFlags run_flags;
  CLI::App* run = app.add_subcommand("run", "simulate one job and print its result as a JSON line");
  add_job_flags(run, run_flags);

  RunFlags demo_flags;
  demo_flags.format = "table";
  CLI::App* demo = app.add_subcommand("demo", "a small default job: MultiQuan vs dithered, printed as a table (the default)");
  add_backend_flags(demo, demo_flags);
  demo->add_option("--format", demo_flags.format, "json | table")->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    fmt::print(stderr, "rdpsim: error: {}\n", e.what());
    return kBadInput;
  }

  try {
    if (*run) {
      if (run_flags.format != "json" && run_flags.format != "table")
        throw std::invalid_argument(fmt::format("--format must be json or table, got '{}'", run_flags.format));
      const Job job = job_from(run_flags);
      print_results({rdp::run_job(job, options_from(run_flags))}, run_flags.format);
      return 0;
    }
    if (demo_flags.format != "json" && demo_flags.format != "table")
      throw std::invalid_argument(fmt::format("--format must be json or table, got '{}'", demo_flags.format));
    const RunOptions options = options_from(demo_flags);
    const auto backend = rdp::make_backend(options);
    std::vector<rdp::Result> results;
    for (const Job& job : demo_jobs(parse_samples(demo_flags.samples), demo_flags.seed))
      results.push_back(rdp::run_job(job, *backend, options.progress));
    print_results(results, demo_flags.format);
    if (demo_flags.format == "table")
      fmt::print("\nrate: entropy of the transmitted index (bits); PIT p: chi-square test that X^ has the source's law.\n"
                 "One job: rdpsim run --scheme multiquan --source exponential --N 4 --step 0.5 --samples 1e8\n");
    return 0;
  } catch (const std::invalid_argument& e) {
    fmt::print(stderr, "rdpsim: error: {}\n", e.what());
    return kBadInput;
  } catch (const std::exception& e) {
    fmt::print(stderr, "rdpsim: failed: {}\n", e.what());
    return 1;
  }
}
