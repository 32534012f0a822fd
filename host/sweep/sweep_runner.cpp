#include "host/sweep/sweep_runner.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "host/backends/backend.hpp"
#include "host/exact/exact.hpp"
#include "host/interrupt.hpp"
#include "host/output/progress.hpp"
#include "host/output/result_output.hpp"
#include "host/profiling/profile_range.hpp"
#include "host/run_job.hpp"
#include "host/sweep/jsonl_file.hpp"

namespace rdp {
namespace {

using Json = nlohmann::ordered_json;

std::string row_for(const GridPoint& point, size_t total, const Json& optimized, const std::string& result_line) {
  Json row;
  row["point"] = point.id;
  row["point_index"] = point.index;
  row["points_total"] = total;
  for (const auto& [key, value] : optimized.items()) row[key] = value;
  const Json result = Json::parse(result_line);
  for (const auto& [key, value] : result.items()) row[key] = value;
  return row.dump();
}

// [optimize]: the point's thresholds, optimized now, and the row keys that say how.
Json optimize_point(const SweepConfig& config, Job& job) {
  if (!config.optimize || !optimizes(job)) return Json::object();
  const OptimizeResult r = optimize_job(job, *config.optimize);
  Json keys;
  keys["optimize_method"] = config.optimize->method == OptimizeMethod::gradient ? "gradient" : "lloyd";
  keys["lambda"] = r.lambda;
  keys["optimize_converged"] = r.converged;
  return keys;
}

std::string format_duration(double seconds) {
  if (seconds < 120.0) return fmt::format("{:.0f}s", seconds);
  if (seconds < 7200.0) return fmt::format("{:.0f}m{:02.0f}s", std::floor(seconds / 60.0), std::fmod(seconds, 60.0));
  return fmt::format("{:.1f}h", seconds / 3600.0);
}

}  // namespace

void parse_shard(const std::string& text, size_t& index, size_t& count) {
  unsigned long long i = 0, k = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%llu/%llu%c", &i, &k, &tail) != 2 || k == 0 || i >= k)
    throw std::invalid_argument(fmt::format("--shard must be i/k with 0 <= i < k, got '{}'", text));
  index = i;
  count = k;
}

size_t run_sweep(const SweepConfig& config, const SweepOptions& options) {
  if (options.resume && options.out.empty()) throw std::invalid_argument("--resume needs --out FILE");
  if (config.mode == SweepMode::exact)  // before any file is touched
    for (const GridPoint& p : config.points) check_exact(p.job);
  std::optional<JsonlAppender> file;
  std::set<std::string> done;
  if (!options.out.empty()) {
    file.emplace(options.out, options.resume);
    std::set<std::string> ids;
    for (const GridPoint& p : config.points) ids.insert(p.id);
    size_t line = 0;
    for (const std::string& row : file->existing_rows()) {
      ++line;
      Json parsed;
      try {
        parsed = Json::parse(row);
      } catch (const std::exception&) {
        throw std::invalid_argument(fmt::format("{}:{}: not a JSON row of rdpsim sweep", options.out, line));
      }
      const auto id = parsed.contains("point") && parsed["point"].is_string() ? parsed["point"].get<std::string>() : "";
      if (!ids.count(id) || parsed.value("points_total", size_t{0}) != config.points.size())
        throw std::invalid_argument(fmt::format("{}:{}: row '{}' is not a point of {} as configured now; resume only "
                                                "with the same configuration and --samples",
                                                options.out, line, id, config.path));
      done.insert(id);
    }
  }
  std::vector<const GridPoint*> todo;
  for (const GridPoint& p : config.points)
    if (p.index % options.shard_count == options.shard_index && !done.count(p.id)) todo.push_back(&p);


  std::unique_ptr<Backend> backend;
  if (config.mode == SweepMode::simulate && !todo.empty()) backend = make_backend(config.run);
  uint64_t samples_total = 0, samples_done = 0;
  for (const GridPoint* p : todo) samples_total += p->job.samples;
  const auto start = std::chrono::steady_clock::now();
  ProgressLine line(options.progress);
  size_t run = 0;
  for (const GridPoint* p : todo) {
    if (const int signal = interrupt_signal())
      throw Interrupted(signal, fmt::format("sweep stopped by {} after {} of {} points; --resume runs the rest",
                                            signal_name(signal), run, todo.size()));
    const ProfileRange range(fmt::format("sweep point {} of {}: {}", p->index + 1, config.points.size(), p->id));
    Job job = p->job;
    const Json optimized = optimize_point(config, job);
    std::string result;
    if (config.mode == SweepMode::exact) {
      result = json_line(evaluate_exact(job));
    } else {
      const Result r = run_job(job, *backend, false);
      if (r.interrupted)
        throw Interrupted(interrupt_signal(),
                          fmt::format("sweep stopped by {} after {} of {} points; point {} left no row; --resume runs "
                                      "the rest",
                                      signal_name(interrupt_signal()), run, todo.size(), p->id));
      result = json_line(r);
    }
    const std::string row = row_for(*p, config.points.size(), optimized, result);
    if (file)
      file->append(row);
    else
      fmt::print("{}\n", row);
    std::fflush(stdout);
    ++run;
    samples_done += p->job.samples;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    // Simulated points take time in proportion to their samples; exact ones do not.
    const bool simulated = config.mode == SweepMode::simulate;
    const double fraction =
        simulated ? static_cast<double>(samples_done) / samples_total : static_cast<double>(run) / todo.size();
    const std::string speed = simulated ? fmt::format("{:.3g} samples/s", samples_done / std::max(elapsed, 1e-9))
                                        : fmt::format("{:.3g} points/s", run / std::max(elapsed, 1e-9));
    notify_progress(run, todo.size(), "points");
    if (run < todo.size())
      line.show(fmt::format("rdpsim sweep: {}/{} points ({} done before), {}, {} left", run, todo.size(), done.size(),
                            speed, format_duration(elapsed * (1.0 - fraction) / std::max(fraction, 1e-12))));
  }
  line.finish();
  return run;
}

void merge_sweep_outputs(const std::vector<std::string>& inputs, const std::string& out) {
  std::map<size_t, std::string> rows;
  std::optional<size_t> total;
  for (const std::string& path : inputs) {
    const auto lines = read_jsonl_rows(path);
    if (lines.empty()) throw std::invalid_argument(fmt::format("'{}' holds no sweep rows", path));
    for (const std::string& line : lines) {
      Json row;
      try {
        row = Json::parse(line);
      } catch (const std::exception&) {
        throw std::invalid_argument(fmt::format("'{}' holds a line that is not JSON: {}", path, line.substr(0, 80)));
      }
      if (!row.contains("point_index") || !row.contains("points_total"))
        throw std::invalid_argument(fmt::format("'{}' is not the output of rdpsim sweep (no point_index)", path));
      if (!row["point_index"].is_number_unsigned() || !row["points_total"].is_number_unsigned() ||
          !row.contains("point"))
        throw std::invalid_argument(fmt::format("'{}' holds a row without a valid point, point_index, points_total", path));
      const size_t n = row["points_total"].get<size_t>(), index = row["point_index"].get<size_t>();
      if (total && *total != n)
        throw std::invalid_argument(fmt::format("'{}' comes from a sweep of {} points, others of {}", path, n, *total));
      if (index >= n)
        throw std::invalid_argument(fmt::format("'{}' holds point_index {} of a sweep of {} points", path, index, n));
      total = n;
      const auto [existing, inserted] = rows.emplace(index, line);  // a point run twice keeps its first row
      if (!inserted && Json::parse(existing->second)["point"] != row["point"])
        throw std::invalid_argument(fmt::format("'{}': point_index {} is {} here but {} in another input", path, index,
                                                row["point"].dump(), Json::parse(existing->second)["point"].dump()));
    }
  }
  if (rows.size() != *total) {
    std::string missing;
    for (size_t i = 0, shown = 0; i < *total && shown < 10; ++i)
      if (!rows.count(i)) missing += fmt::format("{}{}", shown++ ? ", " : "", i);
    throw std::invalid_argument(fmt::format("merge: {} of {} points are missing (indices {}{})", *total - rows.size(),
                                            *total, missing, *total - rows.size() > 10 ? ", ..." : ""));
  }
  std::vector<std::string> ordered;
  for (auto& [index, line] : rows) ordered.push_back(line);
  write_jsonl_atomically(out, ordered);
}

}  // namespace rdp
