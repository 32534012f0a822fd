#include "sims/cli_flags.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "host/plan/thresholds_file.hpp"
#include "host/limits.hpp"
#include "host/schemes/scheme_traits.hpp"

namespace rdp::cli {
namespace {

template <class T>
T in_range(long long v, const limits::IntegerRange& range, const char* flag) {
  limits::check(range, v, flag);
  return static_cast<T>(v);
}

std::string scheme_help() {
  std::string help = "one of:";
  for (const SchemeTraits& t : all_schemes()) help += fmt::format("\n  {:<14} {}", t.name, t.help);
  return help;
}

}  // namespace

void add_job_flags(CLI::App* cmd, JobFlags& f) {
  cmd->add_option("--scheme", f.scheme, scheme_help())->capture_default_str();
  cmd->add_option("--source", f.source, "uniform | exponential | gaussian | laplace | circle")->capture_default_str();
  cmd->add_option("--N", f.N, "number of offset quantizers (multiquan)")->capture_default_str();
  cmd->add_option("--L", f.L, "levels on the circle; step = 2*pi/L")->capture_default_str();
  f.step_option = cmd->add_option("--step", f.step, "quantizer step Delta (1-D sources)")->capture_default_str();
  cmd->add_option("--dither-bins", f.dither_bins, "bins of the dither for H(k | Z)")->capture_default_str();
  cmd->add_option("--pit-bins", f.pit_bins, "bins of the histogram of F(X^) (power of two)")->capture_default_str();
  cmd->add_option("--thresholds", f.thresholds, "multiquan with general thresholds from this JSON file (rdpsim optimize)");
}

void add_sampling_flags(CLI::App* cmd, SamplingFlags& f) {
  cmd->add_option("--samples", f.samples, "Monte Carlo samples per job, e.g. 1e9")->capture_default_str();
  cmd->add_option("--seed", f.seed, "seed of the counter-based generator")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--backend", f.backend, "auto | cpu | cuda")->capture_default_str();
  cmd->add_option("--threads", f.threads, "CPU threads (0: all cores)")->capture_default_str();
  cmd->add_option("--block-size", f.block_size, "CUDA threads per block")->capture_default_str();
  cmd->add_option("--device", f.device, "CUDA device ordinal (default: the first visible; see CUDA_VISIBLE_DEVICES)");
  cmd->add_flag("--quiet", f.quiet, "no progress line on stderr");
}

void add_format_flag(CLI::App* cmd, std::string& format) {
  cmd->add_option("--format", format, "json | table")->capture_default_str();
}

uint64_t parse_samples(const std::string& text) {
  double v = 0.0;
  size_t used = 0;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || !(v >= 1.0) || v > limits::kMaxSamples || std::floor(v) != v)
    throw std::invalid_argument(fmt::format("--samples must be a positive whole number such as 1e9, got '{}'", text));
  return static_cast<uint64_t>(v);
}

Job job_from(const JobFlags& f) {
  Job job;
  const auto scheme = parse_scheme(f.scheme);
  if (!scheme) throw std::invalid_argument(fmt::format("unknown --scheme '{}' ({})", f.scheme, scheme_choices(", ")));
  const auto source = parse_source(f.source);
  if (!source)
    throw std::invalid_argument(
        fmt::format("unknown --source '{}' (uniform, exponential, gaussian, laplace, circle)", f.source));
  job.scheme = *scheme;
  job.source = *source;
  job.N = in_range<uint32_t>(f.N, limits::kN, "--N");
  job.L = in_range<uint32_t>(f.L, {0, limits::kL.hi}, "--L");
  if (job.source == SourceKind::circle) {
    if (f.L == 0) throw std::invalid_argument("--L (number of levels) is required for the circle source");
    if (f.step_option && f.step_option->count() > 0)
      throw std::invalid_argument(fmt::format("--step {} does not apply to the circle source: use --L", f.step));
  }
  job.step = f.step;
  job.dither_bins = in_range<uint32_t>(f.dither_bins, limits::kDitherBins, "--dither-bins");
  job.pit_bins = in_range<uint32_t>(f.pit_bins, limits::kPitBins, "--pit-bins");
  if (!f.thresholds.empty()) apply_thresholds(load_thresholds(f.thresholds), job, f.thresholds);
  return job;
}

Job job_from(const JobFlags& f, const SamplingFlags& s) {
  Job job = job_from(f);
  job.samples = parse_samples(s.samples);
  job.seed = s.seed;
  return job;
}

RunOptions options_from(const SamplingFlags& f) {
  RunOptions o;
  const auto backend = parse_backend(f.backend);
  if (!backend) throw std::invalid_argument(fmt::format("unknown --backend '{}' (auto, cpu, cuda)", f.backend));
  o.backend = *backend;
  o.threads = f.threads;
  o.block_size = f.block_size;
  o.device = f.device;
  validate(o);
  o.progress = !f.quiet;
  return o;
}

void check_format(const std::string& format) {
  if (format != "json" && format != "table")
    throw std::invalid_argument(fmt::format("--format must be json or table, got '{}'", format));
}

}  // namespace rdp::cli
