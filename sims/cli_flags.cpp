#include "sims/cli_flags.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "host/exact/step_solver.hpp"
#include "host/plan/thresholds_file.hpp"
#include "host/lattices/lattice_traits.hpp"
#include "host/limits.hpp"
#include "host/schemes/lattice_design.hpp"
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

std::string source_help(bool with_circle) {
  std::string help =
      "one of (a 1-D source is X = loc + scale * Z, Z the law at loc 0, scale 1; the quantizer grid stays at 0):\n"
      "  uniform      U[loc, loc + scale]\n"
      "  exponential  density exp(-(x - loc)/scale)/scale on x >= loc (mean loc + scale)\n"
      "  gaussian     N(loc, scale^2)\n"
      "  laplace      density exp(-|x - loc|/scale)/(2 scale) (variance 2 scale^2)";
  if (with_circle) help += "\n  circle       uniform on the unit circle, L levels (no --loc or --scale)";
  return help;
}

void add_source_law_flags(CLI::App* cmd, double& loc, double& scale) {
  cmd->add_option("--loc", loc, "location of a 1-D source (see --source); sweep axis loc")->capture_default_str();
  cmd->add_option("--scale", scale,
                  "scale of a 1-D source, > 0 (see --source): steps are accepted in [1e-5, 100] x scale; sweep axis scale")
      ->capture_default_str();
}

void add_job_flags(CLI::App* cmd, JobFlags& f) {
  cmd->add_option("--scheme", f.scheme, scheme_help())->capture_default_str();
  cmd->add_option("--source", f.source, source_help(true))->capture_default_str();
  add_source_law_flags(cmd, f.loc, f.scale);
  cmd->add_option("--N", f.N, "number of offset quantizers (multiquan)")->capture_default_str();
  cmd->add_option("--L", f.L, "levels on the circle; step = 2*pi/L")->capture_default_str();
  f.step_option = cmd->add_option("--step", f.step, "quantizer step Delta (1-D sources)")->capture_default_str();
  cmd->add_option("--dither-bins", f.dither_bins, "bins of the dither for H(k | Z)")->capture_default_str();
  cmd->add_option("--pit-bins", f.pit_bins,
                  "bins of each histogram of F(X^), a power of two (default 65536; 4096 per direction and coordinate "
                  "for the lattice schemes)");
  cmd->add_option("--thresholds", f.thresholds, "multiquan with general thresholds from this JSON file (rdpsim optimize)");
  auto* lattice = cmd->add_option("--lattice", f.lattice, "lattice of the lattice-* schemes: " + lattice_choices(" | "));
  lattice->capture_default_str();
  cmd->add_option("--blocks", f.blocks, "lattice-*: blocks per vector (n = blocks * lattice dimension)")->capture_default_str();
  cmd->add_option("--gamma", f.gamma, "lattice-qsd: nesting ratio (log2 gamma common bits per dimension)")
      ->capture_default_str();
  cmd->add_option("--sigma", f.sigma, "lattice-*: standard deviation of the gaussian coordinates")->capture_default_str();
  cmd->add_option("--cell-points", f.cell_points, "lattice-*: K of the rate estimator's K^m cell points (0: the default)")
      ->capture_default_str();
  cmd->add_option("--directions", f.directions, "lattice-*: unit vectors of the sliced W2")->capture_default_str();
  f.step_targets = {
      cmd->add_option("--rate", f.target_rate, "1-D sources: solve the step so that the exact rate_bits is this"),
      cmd->add_option("--distortion", f.target_distortion, "1-D sources: solve the step so that the exact D is this")};
  f.designed_options = {
      f.step_option,
      cmd->add_option("--gain-a", f.gain_a, "lattice-*: analysis gain a (y = a x)")->capture_default_str(),
      cmd->add_option("--gain-s", f.gain_s, "lattice-*: synthesis gain b (x^ = b v)")->capture_default_str(),
      cmd->add_option("--dither-scale", f.dither_scale, "lattice-pd, lattice-qsd: scale s of the private dither")
          ->capture_default_str()};
  cmd->add_option("--design", f.design, "theorem: a, b, s and the step from --target-D and --target-P (gaussian)");
  cmd->add_option("--target-D", f.target_D, "--design theorem: distortion per dimension");
  cmd->add_option("--target-P", f.target_P, "--design theorem: perception (W2^2 per dimension)")->capture_default_str();
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
  job.loc = f.loc;
  job.scale = f.scale;
  job.dither_bins = in_range<uint32_t>(f.dither_bins, limits::kDitherBins, "--dither-bins");
  if (f.pit_bins != 0) job.pit_bins = in_range<uint32_t>(f.pit_bins, limits::kPitBins, "--pit-bins");
  if (!f.thresholds.empty()) apply_thresholds(load_thresholds(f.thresholds), job, f.thresholds);
  const auto lattice = parse_lattice(f.lattice);
  if (!lattice) throw std::invalid_argument(fmt::format("unknown --lattice '{}' ({})", f.lattice, lattice_choices(", ")));
  job.lattice = *lattice;
  job.blocks = in_range<uint32_t>(f.blocks, limits::kBlocks, "--blocks");
  job.gamma = in_range<uint32_t>(f.gamma, {1, limits::kGamma.hi}, "--gamma");
  job.cell_points = in_range<uint32_t>(f.cell_points, {0, limits::kCellPoints.hi}, "--cell-points");
  job.directions = in_range<uint32_t>(f.directions, limits::kDirections, "--directions");
  job.gain_a = f.gain_a;
  job.gain_s = f.gain_s;
  job.dither_scale = f.dither_scale;
  job.sigma = f.sigma;
  if (!f.design.empty()) {
    if (f.design != "theorem") throw std::invalid_argument(fmt::format("--design must be theorem, got '{}'", f.design));
    if (std::isnan(f.target_D)) throw std::invalid_argument("--design theorem needs --target-D");
    for (const CLI::Option* o : f.designed_options)
      if (o && o->count() > 0)
        throw std::invalid_argument(fmt::format("{} is set by --design theorem: leave it out", o->get_name()));
    job.target_D = f.target_D;
    job.target_P = f.target_P;
    design_job(job);
  } else if (!std::isnan(f.target_D)) {
    throw std::invalid_argument("--target-D needs --design theorem");
  }
  for (const CLI::Option* target : f.step_targets) {
    if (target->count() == 0) continue;
    if (f.step_option->count() > 0)
      throw std::invalid_argument(fmt::format("{} solves for the step: leave --step out", target->get_name()));
    if (!f.design.empty()) throw std::invalid_argument(fmt::format("{} and --design theorem both set the step", target->get_name()));
    job.target_rate = f.target_rate;
    job.target_distortion = f.target_distortion;
    solve_step(job);
  }
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
