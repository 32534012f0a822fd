// rdpsim: the command line. Each subcommand parses its flags into a Job (or checks),
// runs it, and prints JSON lines or a table. Bad input: one line on stderr, exit 2.
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "sims/rdpsim_main.hpp"
#include "sims/bench.hpp"
#include "sims/cli_flags.hpp"
#include "host/did_you_mean.hpp"
#include "host/exact/exact.hpp"
#include "kernels/device_info.cuh"
#include "host/exact/gaussian_rdp.hpp"
#include "host/output/result_output.hpp"
#include "host/estimators/sample_distance.hpp"
#include "host/lattices/lattice_traits.hpp"
#include "host/lattices/nsm.hpp"
#include "host/optimize/threshold_optimizer.hpp"
#include "host/interrupt.hpp"
#include "host/output/sample_dump.hpp"
#include "host/run_job.hpp"
#include "host/plan/thresholds_file.hpp"
#include "host/sweep/sweep_runner.hpp"
#include "sims/validation.hpp"

namespace {

using namespace rdp;

constexpr int kBadInput = 2;

void print_results(const std::vector<Result>& results, const std::string& format) {
  if (format == "table") {
    fmt::print("{}", results_table(results));
  } else {
    for (const auto& r : results) fmt::print("{}\n", json_line(r));
  }
  std::fflush(stdout);
}

// The small default job: Zhou & Tian's comparison in miniature.
std::vector<Job> demo_jobs(uint64_t samples, uint64_t seed) {
  std::vector<Job> jobs;
  auto add = [&](SchemeKind scheme, SourceKind source, uint32_t N, uint32_t L, double step) {
    jobs.push_back(make_job(scheme, source, N, L, step, samples, seed));
  };
  for (uint32_t N : {1u, 2u, 4u, 8u}) add(SchemeKind::multiquan, SourceKind::exponential, N, 0, 0.5);
  add(SchemeKind::dithered, SourceKind::exponential, 1, 0, 0.5);
  add(SchemeKind::dithered_raw, SourceKind::exponential, 1, 0, 0.5);
  add(SchemeKind::deterministic, SourceKind::exponential, 1, 0, 0.5);
  for (uint32_t N : {1u, 4u}) add(SchemeKind::multiquan, SourceKind::circle, N, 2, 0.0);
  add(SchemeKind::dithered, SourceKind::circle, 1, 2, 0.0);
  return jobs;
}

int demo(const cli::SamplingFlags& flags, const std::string& format) {
  cli::check_format(format);
  const RunOptions options = cli::options_from(flags);
  const auto backend = make_backend(options);
  std::vector<Result> results;
  for (const Job& job : demo_jobs(cli::parse_samples(flags.samples), flags.seed))
    results.push_back(run_job(job, *backend, options.progress));
  print_results(results, format);
  if (format == "table")
    fmt::print(
        "\nrate: entropy of the transmitted index (bits); W1: Wasserstein-1 from X^'s law to the source's;\n"
        "KS p: Kolmogorov-Smirnov (Kuiper on the circle) p-value that X^ has the source's law.\n"
        "More: rdpsim run --help, rdpsim exact --help, rdpsim validate\n");
  return 0;
}

// `rdpsim run`: one job; a signal stops it at the next chunk with the result so far.
int run(const cli::JobFlags& job_flags, const cli::SamplingFlags& sampling, const cli::RunFlags& run_flags,
        const std::string& format) {
  cli::check_format(format);
  Job job = cli::job_from(job_flags, sampling);
  if (run_flags.target_se_option->count() > 0) {
    if (!(run_flags.target_se > 0.0 && std::isfinite(run_flags.target_se)))
      throw std::invalid_argument(fmt::format("--target-se must be a positive number, got {}", run_flags.target_se));
    job.target_se = run_flags.target_se;
  }
  const RunOptions options = cli::options_from(sampling);
  if (!run_flags.dump_x_hat.empty() || !run_flags.dump_x.empty()) {
    const uint64_t count = std::min(cli::parse_count(run_flags.dump_max, "--dump-max"), job.samples);
    dump_samples(job, count, run_flags.dump_x_hat, run_flags.dump_x);
  }
  install_interrupt_handlers();
  const Result r = run_job(job, options);
  print_results({r}, format);
  if (!r.interrupted) return 0;
  const int signal = interrupt_signal();
  if (options.progress)
    fmt::print(stderr, "rdpsim: stopped by {} after {} of {} samples; the result covers those\n", signal_name(signal),
               r.samples, job.samples);
  return interrupted_exit_status(signal);
}

int validate(const cli::SamplingFlags& flags, const std::string& format, bool inject_eq6) {
  cli::check_format(format);
  ValidationOptions options;
  options.samples = cli::parse_samples(flags.samples);
  options.seed = flags.seed;
  options.inject_eq6_fault = inject_eq6;
  const RunOptions run_options = cli::options_from(flags);
  const auto backend = make_backend(run_options);
  const std::vector<Check> checks = run_validation(options, *backend);
  if (format == "table") {
    fmt::print("rdpsim validate: {} samples per Monte Carlo job, seed {}, backend {} on {}\n\n", options.samples,
               options.seed, backend->name(), backend->device());
    fmt::print("{}", checks_table(checks));
  } else {
    for (const Check& c : checks) fmt::print("{}\n", json_line(c));
  }
  for (const Check& c : checks)
    if (c.failed()) return 1;
  return 0;
}

int bench(const cli::SamplingFlags& flags, const std::string& format, int repeats, const std::string& filter) {
  if (format != "table" && format != "json" && format != "csv")
    throw std::invalid_argument(fmt::format("--format must be table, json or csv, got '{}'", format));
  if (repeats < 1) throw std::invalid_argument(fmt::format("--repeats must be >= 1, got {}", repeats));
  BenchOptions options;
  options.samples = flags.samples.empty() ? 0 : cli::parse_samples(flags.samples);
  options.repeats = repeats;
  options.filter = filter;
  const auto backend = make_backend(cli::options_from(flags));
  const auto results = run_bench(*backend, options);
  fmt::print("{}", format_bench(results, format));
  return 0;
}

int sweep(const std::string& config_path, const std::string& out, bool resume, const std::string& shard, bool exact,
          const CLI::App& cmd, const cli::SamplingFlags& overrides) {
  SweepConfig config = load_sweep_config(config_path);
  if (cmd.count("--samples")) override_samples(config, cli::parse_samples(overrides.samples));
  if (exact) use_mode(config, SweepMode::exact);
  // Flags given on the command line override the configuration's run settings.
  if (cmd.count("--backend") || cmd.count("--threads") || cmd.count("--block-size") || cmd.count("--device")) {
    const RunOptions flags = cli::options_from(overrides);
    if (cmd.count("--backend")) config.run.backend = flags.backend;
    if (cmd.count("--threads")) config.run.threads = flags.threads;
    if (cmd.count("--block-size")) config.run.block_size = flags.block_size;
    if (cmd.count("--device")) config.run.device = flags.device;
  }
  SweepOptions options;
  options.out = out;
  options.resume = resume;
  options.progress = !overrides.quiet;
  config.run.progress = options.progress;
  if (!shard.empty()) parse_shard(shard, options.shard_index, options.shard_count);
  install_interrupt_handlers();
  run_sweep(config, options);
  return 0;
}

nlohmann::ordered_json figures_json(const DesignFigures& f) {
  return {{"rate_bits", f.rate_bits}, {"distortion", f.distortion}, {"lagrangian", f.lagrangian}};
}

int optimize(OptimizeOptions options, const std::string& method, const std::string& source, const std::string& out,
             bool quiet, const CLI::Option& lambda_option, double target_rate) {
  if ((lambda_option.count() > 0) == !std::isnan(target_rate))
    throw std::invalid_argument("optimize needs --lambda, or --rate to find the lambda that gives that rate (not both)");
  if (method != "gradient" && method != "lloyd")
    throw std::invalid_argument(unknown_choice("--method", method, {"gradient", "lloyd"}));
  options.method = method == "gradient" ? OptimizeMethod::gradient : OptimizeMethod::lloyd;
  const auto kind = parse_source(source);
  if (!kind || *kind == SourceKind::circle)
    throw std::invalid_argument(unknown_choice("--source", source, source_names(false)));
  options.source = *kind;
  options.progress = !quiet;
  const OptimizeResult r =
      std::isnan(target_rate) ? optimize_thresholds(options) : optimize_for_rate(options, target_rate);
  nlohmann::ordered_json line;
  line["method"] = method;
  line["source"] = source;
  line["loc"] = options.loc;
  line["scale"] = options.scale;
  line["N"] = options.N;
  line["step"] = options.step;
  line["lambda"] = r.lambda;
  if (!std::isnan(target_rate)) line["target_rate"] = target_rate;
  line["iterations"] = r.iterations;
  line["stopped"] = r.stopped;
  line["converged"] = r.converged;
  if (options.method == OptimizeMethod::gradient) {
    line["gradient_norm"] = r.gradient_norm;
    if (options.fixed_step > 0.0)
      line["fixed_step"] = options.fixed_step;
    else
      line["gradient_tolerance"] = r.gradient_tolerance;
  } else {
    line["best_iteration"] = r.best_iteration;
    line["drifted_past_best"] = r.best_iteration < r.iterations;
    if (!quiet && r.best_iteration == 0)
      fmt::print(stderr, "rdpsim optimize lloyd: no sweep lowered the Lagrangian below the start's, so the thresholds "
                         "are the uniform offsets\n");
    else if (!quiet && r.best_iteration < r.iterations)
      fmt::print(stderr, "rdpsim optimize lloyd: sweep {} had the lowest Lagrangian and the {} sweeps after it came no "
                         "lower, so the thresholds are those of sweep {}\n",
                 r.best_iteration, r.iterations - r.best_iteration, r.best_iteration);
  }
  line["before"] = figures_json(r.before);
  line["after"] = figures_json(r.after);
  line["improvement"] = r.before.lagrangian - r.after.lagrangian;
  line["collapsed"] = collapsed(r);
  if (const std::string warning = lambda_warning(r); !quiet && !warning.empty())
    fmt::print(stderr, "rdpsim optimize: warning: {}\n", warning);
  line["thresholds"] = out.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(out);
  if (!out.empty()) {
    ThresholdsFile file;
    file.source = options.source;
    file.loc = options.loc;
    file.scale = options.scale;
    file.N = options.N;
    file.step = options.step;
    file.first = r.first;
    file.boundaries = r.boundaries;
    file.provenance["method"] = method;
    file.provenance["lambda"] = r.lambda;
    file.provenance["before"] = line["before"];
    file.provenance["after"] = line["after"];
    save_thresholds(out, file);
  }
  fmt::print("{}\n", line.dump());
  return 0;
}

int nsm(const std::string& lattice_name, const cli::SamplingFlags& flags, const std::string& format) {
  cli::check_format(format);
  const auto lattice = parse_lattice(lattice_name);
  if (!lattice) throw std::invalid_argument(unknown_choice("--lattice", lattice_name, lattice_names()));
  const uint64_t samples = cli::parse_samples(flags.samples);
  const RunOptions options = cli::options_from(flags);
  const auto backend = make_backend(options);
  const NsmResult r = measure_nsm(*lattice, samples, flags.seed, *backend, options.progress);
  fmt::print("{}\n", format == "table" ? nsm_table(r) : json_line(r));
  return 0;
}

// `rdpsim exact --rdp`: the Gaussian theory of docs/theory.md §6.6 at one (D, P).
std::string gaussian_rdp_line(double D, double P, double sigma) {
  if (!(sigma > 0.0 && std::isfinite(sigma))) throw std::invalid_argument(fmt::format("--sigma must be positive, got {}", sigma));
  if (!(D > 0.0 && std::isfinite(D))) throw std::invalid_argument(fmt::format("--rdp needs --D > 0, got {}", D));
  if (!(P >= 0.0 && std::isfinite(P))) throw std::invalid_argument(fmt::format("--P must be >= 0, got {}", P));
  nlohmann::ordered_json o;
  o["D"] = D;
  o["P"] = P;
  o["sigma"] = sigma;
  o["rdp_bits"] = gaussian::rdp_bits(D, P, sigma);
  o["pd_limit_bits"] = gaussian::pd_limit_bits(D, sigma);
  o["rd_bits"] = gaussian::rd_bits(D, sigma);
  return o.dump();
}

// `rdpsim devices`: the driver, the runtime, the build's architectures and every GPU.
int devices(const std::string& format) {
  cli::check_format(format);
  const CudaSystem s = query_cuda_system();
  if (format == "table") {
    fmt::print("driver supports CUDA {}.{}, runtime {}.{}, kernels built for {}\n", s.driver_version / 1000,
               s.driver_version % 1000 / 10, s.runtime_version / 1000, s.runtime_version % 1000 / 10, s.architectures);
    for (const CudaDevice& d : s.devices)
      fmt::print("  {}: {} (sm_{}{}, {} SMs, {:.1f} GiB){}\n", d.ordinal, d.name, d.major, d.minor, d.multiprocessors,
                 d.memory_gib, d.has_kernels ? "" : ": no kernel image for it");
    fmt::print("{}\n", s.problem.empty() ? "the CUDA backend is usable" : "the CUDA backend is not usable: " + s.problem);
    return 0;
  }
  nlohmann::ordered_json o;
  o["driver_cuda_version"] = s.driver_version;
  o["runtime_cuda_version"] = s.runtime_version;
  o["architectures"] = s.architectures;
  o["usable"] = s.problem.empty();
  o["problem"] = s.problem.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s.problem);
  o["devices"] = nlohmann::ordered_json::array();
  for (const CudaDevice& d : s.devices)
    o["devices"].push_back({{"device", d.ordinal},
                            {"name", d.name},
                            {"compute_capability", fmt::format("{}.{}", d.major, d.minor)},
                            {"multiprocessors", d.multiprocessors},
                            {"memory_gib", d.memory_gib},
                            {"kernels", d.has_kernels}});
  fmt::print("{}\n", o.dump());
  return 0;
}

int distance(const std::string& file_a, const std::string& file_b, const std::string& backend_name) {
  const auto backend = parse_backend(backend_name);
  if (!backend) throw std::invalid_argument(unknown_choice("--backend", backend_name, backend_names()));
  std::vector<double> a = read_sample_file(file_a);
  std::vector<double> b = read_sample_file(file_b);
  fmt::print("{}\n", json_line(wasserstein_between(a, b, *backend)));
  return 0;
}

// CLI11's message, or for an unknown flag one that names it and the nearest flag of
// the command it was given to.
std::string parse_error_text(const CLI::App& app, const CLI::ParseError& e) {
  if (dynamic_cast<const CLI::ExtrasError*>(&e) == nullptr) return e.what();
  const CLI::App* cmd = &app;
  for (const CLI::App* sub : app.get_subcommands()) cmd = sub;
  std::vector<std::string> flags;
  for (const CLI::Option* o : cmd->get_options())
    for (const std::string& name : o->get_lnames()) flags.push_back("--" + name);
  const std::string command = cmd == &app ? "rdpsim" : "rdpsim " + cmd->get_name();
  for (const std::string& arg : cmd->remaining()) {
    if (arg.size() < 2 || arg[0] != '-') continue;
    const std::string flag = arg.substr(0, arg.find('='));
    const auto near = closest_choice(flag, flags);
    return fmt::format("unknown option {} for {}{} (`{} --help` lists them)", flag, command,
                       near ? fmt::format("; did you mean {}?", *near) : "", command);
  }
  return fmt::format("unexpected argument{} for {}: {}", cmd->remaining().size() > 1 ? "s" : "", command,
                     fmt::format("{}", fmt::join(cmd->remaining(), " ")));
}

int cli_main(int argc, char** argv) {
  CLI::App app{"rdpsim: Monte Carlo simulation of rate-distortion-perception quantizers.\n"
               "With no subcommand it runs `demo`, a small default job."};
  app.require_subcommand(0, 1);

  cli::JobFlags run_job_flags;
  cli::SamplingFlags run_sampling;
  std::string run_format = "json";
  CLI::App* run_cmd = app.add_subcommand("run", "simulate one job and print its result as a JSON line");
  cli::add_job_flags(run_cmd, run_job_flags);
  cli::add_sampling_flags(run_cmd, run_sampling);
  cli::add_format_flag(run_cmd, run_format);
  cli::RunFlags run_flags;
  cli::add_run_flags(run_cmd, run_flags);

  cli::JobFlags exact_flags;
  std::string exact_format = "json";
  bool exact_rdp = false;
  double rdp_D = NAN, rdp_P = 0.0;
  CLI::App* exact_cmd = app.add_subcommand("exact", "rate and distortion by quadrature or closed form, no sampling");
  cli::add_job_flags(exact_cmd, exact_flags);
  cli::add_format_flag(exact_cmd, exact_format);
  exact_cmd->add_flag("--rdp", exact_rdp, "the Gaussian R(D, P), R(D/2, inf) and R(D) at --D and --P (with --sigma)");
  exact_cmd->add_option("--D", rdp_D, "--rdp: distortion per dimension");
  exact_cmd->add_option("--P", rdp_P, "--rdp: perception, W2^2 per dimension")->capture_default_str();

  cli::SamplingFlags demo_flags;
  std::string demo_format = "table";
  CLI::App* demo_cmd = app.add_subcommand("demo", "MultiQuan against dithered quantization in miniature (the default)");
  cli::add_sampling_flags(demo_cmd, demo_flags);
  cli::add_format_flag(demo_cmd, demo_format);

  cli::SamplingFlags validate_flags;
  validate_flags.seed = 20261123;
  std::string validate_format = "table";
  bool inject_eq6 = false;
  CLI::App* validate_cmd =
      app.add_subcommand("validate", "check the theorems and closed forms of docs/theory.md §7; exit 1 if any check fails");
  cli::add_sampling_flags(validate_cmd, validate_flags);
  cli::add_format_flag(validate_cmd, validate_format);
  validate_cmd->add_flag("--inject-eq6-fault", inject_eq6,
                         "use Zhou & Tian's literal equation (6) decoder for 1-D multiquan: the table must fail");

  cli::SamplingFlags bench_flags;
  bench_flags.samples = "";
  std::string bench_format = "table", bench_filter;
  int bench_repeats = 5;
  CLI::App* bench_cmd = app.add_subcommand("bench", "throughput of each kernel in samples/s (median of repeats)");
  cli::add_sampling_flags(bench_cmd, bench_flags);
  bench_cmd->add_option("--format", bench_format, "table | json | csv")->capture_default_str();
  bench_cmd->add_option("--repeats", bench_repeats, "timed repeats after one warm-up")->capture_default_str();
  bench_cmd->add_option("--filter", bench_filter, "only kernels whose name contains this, e.g. multiquan/exponential/N=4");

  std::string sweep_config, sweep_out, sweep_shard;
  bool sweep_resume = false, sweep_exact = false;
  cli::SamplingFlags sweep_flags;
  CLI::App* sweep_cmd = app.add_subcommand("sweep", "run every point of a TOML grid, one JSON line per point");
  sweep_cmd->add_option("config", sweep_config, "sweep configuration (TOML)")->required();
  sweep_cmd->add_option("--out", sweep_out, "append rows to this JSON Lines file (default: stdout)");
  sweep_cmd->add_flag("--resume", sweep_resume, "skip the points whose rows --out already holds");
  sweep_cmd->add_option("--shard", sweep_shard, "run only slice i of k (points with index % k == i), e.g. 0/4");
  sweep_cmd->add_option("--samples", sweep_flags.samples, "override every point's sample count (a reduced run)");
  sweep_cmd->add_flag("--exact", sweep_exact, "evaluate the grid by quadrature (`rdpsim exact`) instead of sampling");
  sweep_cmd->add_option("--backend", sweep_flags.backend, "override the configuration's backend: auto | cpu | cuda");
  sweep_cmd->add_option("--threads", sweep_flags.threads, "override the configuration's CPU threads");
  sweep_cmd->add_option("--block-size", sweep_flags.block_size, "override the configuration's CUDA block size");
  sweep_cmd->add_option("--device", sweep_flags.device, "CUDA device ordinal for this process");
  sweep_cmd->add_flag("--quiet", sweep_flags.quiet, "nothing on stderr but errors");

  std::string merge_out;
  std::vector<std::string> merge_inputs;
  CLI::App* merge_cmd = app.add_subcommand("merge", "join shard outputs of one sweep into one file, in grid order");
  merge_cmd->add_option("inputs", merge_inputs, "shard output files")->required();
  merge_cmd->add_option("--out", merge_out, "merged JSON Lines file (written whole or not at all)")->required();

  OptimizeOptions optimize_options;
  std::string optimize_method = "lloyd", optimize_source = "exponential", optimize_out;
  bool optimize_quiet = false;
  CLI::App* optimize_cmd = app.add_subcommand(
      "optimize", "optimize multiquan thresholds for D + lambda R by quadrature (Zhou & Tian Appendix D)");
  optimize_cmd->add_option("--method", optimize_method, "gradient | lloyd")->capture_default_str();
  optimize_cmd->add_option("--source", optimize_source, cli::source_help(false))->capture_default_str();
  cli::add_source_law_flags(optimize_cmd, optimize_options.loc, optimize_options.scale);
  optimize_cmd->add_option("--N", optimize_options.N, "number of offset quantizers")->capture_default_str();
  optimize_cmd->add_option("--step", optimize_options.step, "step of the uniform-offset start")->capture_default_str();
  double optimize_rate = NAN;
  const CLI::Option* optimize_lambda =
      optimize_cmd->add_option("--lambda", optimize_options.lambda, "Lagrange multiplier, distortion per bit");
  optimize_cmd->add_option("--rate", optimize_rate,
                           "instead of --lambda: find the lambda whose optimized design has this rate_bits");
  optimize_cmd->add_option("--iterations", optimize_options.max_iterations, "at most this many iterations")
      ->capture_default_str();
  optimize_cmd->add_option("--out", optimize_out, "write the thresholds file here (for run/exact --thresholds)");
  optimize_cmd
      ->add_option("--gradient-tolerance", optimize_options.gradient_tolerance,
                   "gradient: stop when max |dJ/dc| <= this x (peak density) x step^2")
      ->capture_default_str();
  optimize_cmd->add_option("--fixed-step", optimize_options.fixed_step,
                           "gradient: take --iterations fixed steps of this size instead (Zhou & Tian's Fig. 8 setting)");
  optimize_cmd->add_flag("--quiet", optimize_quiet, "no progress line on stderr");

  std::string nsm_lattice;
  cli::SamplingFlags nsm_flags;
  std::string nsm_format = "json";
  CLI::App* nsm_cmd = app.add_subcommand(
      "nsm", "normalized second moment G of a lattice by Monte Carlo over its Voronoi cell, with its standard error");
  nsm_cmd->add_option("--lattice", nsm_lattice, "one of: " + lattice_choices(" | "))->required();
  cli::add_sampling_flags(nsm_cmd, nsm_flags);
  cli::add_format_flag(nsm_cmd, nsm_format);

  std::string devices_format = "json";
  CLI::App* devices_cmd =
      app.add_subcommand("devices", "the NVIDIA driver, CUDA runtime and GPUs, and whether the CUDA backend can run");
  cli::add_format_flag(devices_cmd, devices_format);

  std::string file_a, file_b, distance_backend = "auto";
  CLI::App* distance_cmd = app.add_subcommand(
      "distance", "W1 and W2 between two samples (text: numbers separated by white space; *.f64/*.bin: float64)");
  distance_cmd->add_option("sample_a", file_a, "first sample file")->required();
  distance_cmd->add_option("sample_b", file_b, "second sample file")->required();
  distance_cmd->add_option("--backend", distance_backend, "where to sort: auto | cpu | cuda")->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    fmt::print(stderr, "rdpsim: error: {}\n", parse_error_text(app, e));
    return kBadInput;
  }

  try {
    if (*run_cmd) return run(run_job_flags, run_sampling, run_flags, run_format);
    if (*exact_cmd && exact_rdp) {
      fmt::print("{}\n", gaussian_rdp_line(rdp_D, rdp_P, exact_flags.sigma));
      return 0;
    }
    if (*exact_cmd) {
      cli::check_format(exact_format);
      const ExactResult r = evaluate_exact(cli::job_from(exact_flags));
      fmt::print("{}\n", exact_format == "table" ? exact_table(r) : json_line(r));
      return 0;
    }
    if (*validate_cmd) return validate(validate_flags, validate_format, inject_eq6);
    if (*distance_cmd) return distance(file_a, file_b, distance_backend);
    if (*nsm_cmd) return nsm(nsm_lattice, nsm_flags, nsm_format);
    if (*devices_cmd) return devices(devices_format);
    if (*bench_cmd) return bench(bench_flags, bench_format, bench_repeats, bench_filter);
    if (*sweep_cmd)
      return sweep(sweep_config, sweep_out, sweep_resume, sweep_shard, sweep_exact, *sweep_cmd, sweep_flags);
    if (*optimize_cmd)
      return optimize(optimize_options, optimize_method, optimize_source, optimize_out, optimize_quiet,
                      *optimize_lambda, optimize_rate);
    if (*merge_cmd) {
      merge_sweep_outputs(merge_inputs, merge_out);
      return 0;
    }
    return demo(demo_flags, demo_format);
  } catch (const std::invalid_argument& e) {
    fmt::print(stderr, "rdpsim: error: {}\n", e.what());
    return kBadInput;
  } catch (const Interrupted& e) {
    fmt::print(stderr, "rdpsim: {}\n", e.what());
    return interrupted_exit_status(e.signal);
  } catch (const std::exception& e) {
    fmt::print(stderr, "rdpsim: failed: {}\n", e.what());
    return 1;
  }
}

}  // namespace

int rdp::rdpsim_main(int argc, char** argv) { return cli_main(argc, argv); }
