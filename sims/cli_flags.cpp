#include "sims/cli_flags.hpp"

#include <cmath>
#include <optional>
#include <tuple>
#include <utility>
#include <stdexcept>

#include <fmt/format.h>

#include "host/did_you_mean.hpp"
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

// A seed is a whole number in [0, limits::kMaxSeed], named in the error as such.
CLI::Validator seed_check() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
        if (digits && text.size() <= 19 && std::stod(text) <= limits::kMaxSeed) return "";
        return fmt::format("must be a whole number from 0 to {:.2g}, got '{}'", limits::kMaxSeed, text);
      },
      "SEED");
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

std::pair<const CLI::Option*, const CLI::Option*> add_source_law_flags(CLI::App* cmd, double& loc, double& scale) {
  return {cmd->add_option("--loc", loc, "location of a 1-D source (see --source); sweep axis loc")->capture_default_str(),
          cmd->add_option("--scale", scale,
                          "scale of a 1-D source, > 0 (see --source): steps are accepted in [1e-5, 100] x scale; "
                          "sweep axis scale")
              ->capture_default_str()};
}

void add_job_flags(CLI::App* cmd, JobFlags& f) {
  cmd->add_option("--scheme", f.scheme, scheme_help())->capture_default_str();
  f.source_option = cmd->add_option("--source", f.source, source_help(true))->capture_default_str();
  std::tie(f.loc_option, f.scale_option) = add_source_law_flags(cmd, f.loc, f.scale);
  f.N_option = cmd->add_option("--N", f.N, "number of offset quantizers (multiquan)")->capture_default_str();
  cmd->add_option("--L", f.L, "levels on the circle; step = 2*pi/L")->capture_default_str();
  f.step_option = cmd->add_option("--step", f.step, "quantizer step Delta (1-D sources)")->capture_default_str();
  cmd->add_option("--dither-bins", f.dither_bins, "bins of the dither for H(k | Z)")->capture_default_str();
  cmd->add_option("--pit-bins", f.pit_bins,
                  "bins of each histogram of F(X^), a power of two (default 65536; 4096 per direction and coordinate "
                  "for the lattice schemes)");
  cmd->add_option("--thresholds", f.thresholds,
                  "multiquan with general thresholds from this JSON file (rdpsim optimize --out); it sets --source, "
                  "--N and --step, which may be left out");
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

void add_run_flags(CLI::App* cmd, RunFlags& f) {
  f.target_se_option = cmd->add_option("--target-se", f.target_se,
                  "stop once distortion_se <= this (checked at sample counts that depend on the seed alone); "
                  "--samples is then the most to draw");
  cmd->add_option("--dump-xhat", f.dump_x_hat,
                  "write the first --dump-max reconstructions X^ here, raw little-endian float64 (1-D schemes)");
  cmd->add_option("--dump-x", f.dump_x, "write the first --dump-max source samples X here, raw little-endian float64");
  cmd->add_option("--dump-max", f.dump_max, "samples to dump, at most --samples")->capture_default_str();
}

void add_sampling_flags(CLI::App* cmd, SamplingFlags& f) {
  cmd->add_option("--samples", f.samples, "Monte Carlo samples per job, e.g. 1e9")->capture_default_str();
  cmd->add_option("--seed", f.seed, "seed of the counter-based generator")
      ->check(seed_check())
      ->capture_default_str();
  cmd->add_option("--backend", f.backend, "auto | cpu | cuda")->capture_default_str();
  cmd->add_option("--threads", f.threads, "CPU threads (0: all cores)")->capture_default_str();
  cmd->add_option("--block-size", f.block_size, "CUDA threads per block")->capture_default_str();
  cmd->add_option("--device", f.device, "CUDA device ordinal (default: the first visible; see CUDA_VISIBLE_DEVICES)");
  cmd->add_flag("--quiet", f.quiet, "nothing on stderr but errors: no progress, backend line or warnings");
}

void add_format_flag(CLI::App* cmd, std::string& format) {
  cmd->add_option("--format", format, "json | table")->capture_default_str();
}

uint64_t parse_samples(const std::string& text) { return parse_count(text, "--samples"); }

uint64_t parse_count(const std::string& text, const char* flag) {
  double v = 0.0;
  size_t used = 0;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || !(v >= 1.0) || v > limits::kMaxSamples || std::floor(v) != v)
    throw std::invalid_argument(
        fmt::format("{} must be a whole number from 1 to {:.2g}, such as 1e9, got '{}'", flag, limits::kMaxSamples, text));
  return static_cast<uint64_t>(v);
}

Job job_from(const JobFlags& given) {
  JobFlags f = given;
  std::optional<ThresholdsFile> thresholds;
  if (!f.thresholds.empty()) {
    thresholds = load_thresholds(f.thresholds);
    // The file names its source, N and step; flags left out take them, flags given must agree (apply_thresholds).
    if (f.source_option->count() == 0) f.source = to_string(thresholds->source);
    if (f.loc_option->count() == 0) f.loc = thresholds->loc;
    if (f.scale_option->count() == 0) f.scale = thresholds->scale;
    if (f.N_option->count() == 0) f.N = thresholds->N;
    if (f.step_option->count() == 0) f.step = thresholds->step;
  }
  Job job;
  const auto scheme = parse_scheme(f.scheme);
  if (!scheme) throw std::invalid_argument(unknown_choice("--scheme", f.scheme, scheme_names()));
  const auto source = parse_source(f.source);
  if (!source) throw std::invalid_argument(unknown_choice("--source", f.source, source_names()));
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
  if (thresholds) apply_thresholds(*thresholds, job, f.thresholds);
  const auto lattice = parse_lattice(f.lattice);
  if (!lattice) throw std::invalid_argument(unknown_choice("--lattice", f.lattice, lattice_names()));
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
    if (thresholds) throw std::invalid_argument(fmt::format("{} and --thresholds both set the step", target->get_name()));
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
  if (!backend) throw std::invalid_argument(unknown_choice("--backend", f.backend, backend_names()));
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
