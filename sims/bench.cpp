#include "sims/bench.hpp"

#include <algorithm>
#include <chrono>
#include <random>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "host/lattices/lattice_traits.hpp"
#include "host/schemes/scheme_traits.hpp"
#include "host/plan/plan.hpp"
#include "host/estimators/sample_distance.hpp"

namespace rdp {
namespace {

struct BenchCase {
  std::string name;
  Job job;
};

std::vector<BenchCase> simulation_cases() {
  std::vector<BenchCase> cases;
  auto add = [&](std::string name, SchemeKind scheme, SourceKind source, uint32_t N, uint32_t L, double step) {
    cases.push_back({std::move(name), make_job(scheme, source, N, L, step)});
  };
  const SourceKind sources[] = {SourceKind::uniform, SourceKind::exponential, SourceKind::gaussian, SourceKind::laplace};
  for (SourceKind s : sources) {
    const double step = s == SourceKind::uniform ? 0.25 : 0.5;
    for (uint32_t N : {1u, 4u, 8u})
      add(fmt::format("multiquan/{}/N={}", to_string(s), N), SchemeKind::multiquan, s, N, 0, step);
    add(fmt::format("dithered/{}", to_string(s)), SchemeKind::dithered, s, 1, 0, step);
  }
  add("multiquan/circle/L=8/N=4", SchemeKind::multiquan, SourceKind::circle, 4, 8, 0.0);
  add("dithered/circle/L=8", SchemeKind::dithered, SourceKind::circle, 1, 8, 0.0);
  // The vector schemes on n = 8 gaussian coordinates, every estimator on (the rate's K^m
  // cell points at their default), at one bit per dimension or so.
  for (LatticeKind lattice : {LatticeKind::Z, LatticeKind::E8})
    for (SchemeKind scheme :
         {SchemeKind::lattice_sd, SchemeKind::lattice_pd, SchemeKind::lattice_qsd, SchemeKind::lattice_det}) {
      const uint32_t blocks = 8 / lattice_dimension(lattice);
      cases.push_back({fmt::format("{}/{}x{}", to_string(scheme), to_string(lattice), blocks),
                       make_lattice_job(scheme, lattice, blocks, 1.2)});
    }
  return cases;
}

template <class TimedRun>
BenchResult time_repeats(const std::string& kernel, uint64_t samples, int repeats, TimedRun timed_run) {
  timed_run();  // warm-up: first-touch allocations, kernel loading, caches
  std::vector<double> seconds;
  for (int r = 0; r < repeats; ++r) seconds.push_back(timed_run());
  std::sort(seconds.begin(), seconds.end());
  BenchResult b;
  b.kernel = kernel;
  b.samples = samples;
  b.repeats = repeats;
  b.median_s = seconds[seconds.size() / 2];
  b.min_s = seconds.front();
  b.samples_per_s = static_cast<double>(samples) / b.median_s;
  return b;
}

}  // namespace

std::vector<BenchResult> run_bench(Backend& backend, const BenchOptions& options) {
  const bool gpu = backend.name() == "cuda";
  const uint64_t samples = options.samples ? options.samples : (gpu ? uint64_t{1} << 30 : uint64_t{1} << 22);
  std::vector<BenchResult> results;
  for (BenchCase& c : simulation_cases()) {
    if (c.name.find(options.filter) == std::string::npos) continue;
    const Plan plan = make_plan(c.job);
    // As many samples as cost about the same time for every kernel.
    const uint64_t count = std::max<uint64_t>(1024, static_cast<uint64_t>(samples / plan.work_per_sample));
    BenchResult b = time_repeats(c.name, count, options.repeats, [&] {
      Tally tally;
      tally.pit_hist.assign(plan.pit_bins_total(), 0);
      backend.accumulate(plan, 0, count, tally);
      return backend.last_kernel_seconds();
    });
    b.coordinates = plan.params.pit_channels - plan.params.directions;
    b.timer = gpu ? "cuda-events" : "steady-clock";
    results.push_back(b);
  }
  // The closest-point search of every lattice, on uniform points of its Voronoi cell
  // (`rdpsim nsm`'s pipeline), at a sample count scaled to its cost.
  for (const LatticeTraits& lattice : all_lattices()) {
    const std::string name = fmt::format("lattice/{}/closest-point", lattice.name);
    if (name.find(options.filter) == std::string::npos) continue;
    const Plan plan = make_cell_plan(lattice.kind, 1);
    const uint64_t points = std::max<uint64_t>(1024, static_cast<uint64_t>(samples / lattice.work_per_point));
    BenchResult b = time_repeats(name, points, options.repeats, [&] {
      Tally tally;
      backend.accumulate(plan, 0, points, tally);
      return backend.last_kernel_seconds();
    });
    b.timer = gpu ? "cuda-events" : "steady-clock";
    results.push_back(b);
  }
  // The sort-based W1/W2 path, on two samples of samples/2 values each.
  const std::string sort_name = "distance/sort+walk";
  if (sort_name.find(options.filter) != std::string::npos) {
    std::mt19937_64 gen(1);
    std::normal_distribution<double> normal;
    std::vector<double> a(samples / 2), b(samples / 2);
    for (auto& x : a) x = normal(gen);
    for (auto& x : b) x = normal(gen);
    BenchResult r = time_repeats(sort_name, 2 * (samples / 2), options.repeats, [&] {
      std::vector<double> a_copy = a, b_copy = b;
      const auto start = std::chrono::steady_clock::now();
      wasserstein_between(a_copy, b_copy, gpu ? BackendKind::cuda : BackendKind::cpu);
      return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    });
    r.timer = "steady-clock";
    results.push_back(r);
  }
  for (BenchResult& r : results) {
    r.backend = backend.name();
    r.device = backend.device();
  }
  return results;
}

namespace {

std::string bench_table(const std::vector<BenchResult>& results) {
  if (results.empty()) return "no kernel matches the filter\n";
  std::string out = fmt::format("rdpsim bench on {} ({}), median of {} repeats\n\n", results.front().device,
                                results.front().backend, results.front().repeats);
  out += fmt::format("{:<32} {:>10} {:>14} {:>16} {:>12} {:>12}\n", "kernel", "samples", "samples/s", "coordinates/s",
                     "median [s]", "min [s]");
  for (const BenchResult& r : results)
    out += fmt::format("{:<32} {:>10.3g} {:>14.4g} {:>16.4g} {:>12.4g} {:>12.4g}\n", r.kernel,
                       static_cast<double>(r.samples), r.samples_per_s, r.samples_per_s * r.coordinates, r.median_s,
                       r.min_s);
  return out;
}

nlohmann::ordered_json bench_record(const BenchResult& r) {
  nlohmann::ordered_json o;
  o["bench"] = r.kernel;
  o["samples"] = r.samples;
  o["repeats"] = r.repeats;
  o["median_s"] = r.median_s;
  o["min_s"] = r.min_s;
  o["samples_per_s"] = r.samples_per_s;
  o["coordinates_per_s"] = r.samples_per_s * r.coordinates;
  o["backend"] = r.backend;
  o["device"] = r.device;
  o["timer"] = r.timer;
  return o;
}

// A CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line break.
std::string csv_field(const nlohmann::ordered_json& value) {
  const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string bench_csv(const std::vector<BenchResult>& results) {
  std::string out;
  for (const BenchResult& r : results) {
    const auto record = bench_record(r);
    if (out.empty()) {
      for (auto it = record.begin(); it != record.end(); ++it) out += (it == record.begin() ? "" : ",") + it.key();
      out += "\n";
    }
    for (auto it = record.begin(); it != record.end(); ++it) out += (it == record.begin() ? "" : ",") + csv_field(*it);
    out += "\n";
  }
  return out;
}

}  // namespace

std::string format_bench(const std::vector<BenchResult>& results, const std::string& format) {
  if (format == "table") return bench_table(results);
  if (format == "csv") return bench_csv(results);
  std::string out;
  for (const BenchResult& r : results) out += bench_record(r).dump() + "\n";
  return out;
}

}  // namespace rdp
