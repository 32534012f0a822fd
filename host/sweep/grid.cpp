#include "host/sweep/grid.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <set>
#include <type_traits>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "host/did_you_mean.hpp"
#include "host/limits.hpp"
#include "host/plan/plan.hpp"
#include "host/plan/thresholds_file.hpp"
#include "host/lattices/lattice_traits.hpp"
#include "host/exact/step_solver.hpp"
#include "host/schemes/lattice_design.hpp"
#include "host/schemes/scheme_traits.hpp"
#include "host/sweep/toml_prescan.hpp"
#include "kernels/schemes/lattice_vector.cuh"

namespace rdp {
namespace {

[[noreturn]] void fail(const std::string& origin, const std::string& what) {
  throw std::invalid_argument(fmt::format("{}: {}", origin, what));
}

// A value as an error message shows it. Arrays and tables are written here rather than by
// toml++'s formatter, whose width estimate casts a negative log10 to size_t (undefined
// behaviour for values below 1, found by tests/fuzz).
std::string describe(const toml::node& node) {
  if (const toml::array* list = node.as_array()) {
    std::string out = "[";
    for (const toml::node& item : *list) out += (out.size() > 1 ? ", " : "") + describe(item);
    return out + "]";
  }
  if (const toml::table* table = node.as_table()) {
    std::string out = "{";
    for (const auto& [key, value] : *table) out += fmt::format("{} {} = {}", out.size() > 1 ? "," : "", key.str(), describe(value));
    return out + " }";
  }
  if (const auto text = node.value_exact<std::string>()) return "'" + *text + "'";
  if (const auto integer = node.value_exact<int64_t>()) return std::to_string(*integer);
  if (const auto number = node.value_exact<double>()) return fmt::format("{}", *number);
  std::ostringstream s;  // booleans, dates and times
  node.visit([&](const auto& v) { s << v; });
  return s.str();
}

bool looks_like_number(const std::string& text) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  return !text.empty() && end == text.c_str() + text.size() && std::isfinite(v);
}

// An axis is a scalar, a list, { lin = [a, b, count] } or { geom = [a, b, count] };
// ranges include both ends.
std::vector<double> numeric_axis(const toml::node& node, const std::string& key, const std::string& origin) {
  auto number = [&](const toml::node& n) -> double {
    if (auto i = n.value_exact<int64_t>()) return static_cast<double>(*i);
    if (auto v = n.value<double>(); v && std::isfinite(*v)) return *v;
    // A number written in quotes is a TOML string: say so, since it looks right.
    if (const auto text = n.value<std::string>(); text && looks_like_number(*text))
      fail(origin, fmt::format("'{}' must hold numbers, got the string \"{}\": write it without quotes", key, *text));
    fail(origin, fmt::format("'{}' must hold finite numbers, got {}", key, describe(n)));
  };
  std::vector<double> values;
  if (const toml::array* list = node.as_array()) {
    for (const toml::node& n : *list) values.push_back(number(n));
  } else if (const toml::table* range = node.as_table()) {
    if (range->size() != 1 || !(range->contains("lin") || range->contains("geom")))
      fail(origin, fmt::format("'{}' range must be {{ lin = [a, b, count] }} or {{ geom = [a, b, count] }}, got {}", key,
                               describe(node)));
    const bool geom = range->contains("geom");
    const toml::array* abc = (*range)[geom ? "geom" : "lin"].as_array();
    if (!abc || abc->size() != 3)
      fail(origin, fmt::format("'{}' range needs [first, last, count], got {}", key, describe(node)));
    const double a = number(*abc->get(0)), b = number(*abc->get(1)), count = number(*abc->get(2));
    if (!(count >= 1.0) || std::floor(count) != count || count > 1e6)
      fail(origin, fmt::format("'{}' range count must be a whole number in [1, 1e6], got {}", key, count));
    if (geom && !(a > 0.0 && b > 0.0))
      fail(origin, fmt::format("'{}' geom range needs positive ends, got {} and {}", key, a, b));
    const int n = static_cast<int>(count);
    for (int k = 0; k < n; ++k) {
      const double t = n == 1 ? 0.0 : static_cast<double>(k) / (n - 1);
      values.push_back(k == n - 1 && n > 1 ? b : (geom ? a * std::pow(b / a, t) : a + (b - a) * t));
    }
  } else {
    values.push_back(number(node));
  }
  if (values.empty()) fail(origin, fmt::format("'{}' is an empty axis: the grid would have no points", key));
  return values;
}

std::vector<uint64_t> integer_axis(const toml::node& node, const std::string& key, const std::string& origin,
                                   double lo, double hi) {
  // Whole numbers are read as integers, so seeds beyond 2^53 keep every digit.
  if (auto i = node.value_exact<int64_t>()) {
    if (static_cast<double>(*i) < lo || static_cast<double>(*i) > hi)
      fail(origin, fmt::format("'{}' must hold whole numbers in [{}, {}], got {}", key, lo, hi, *i));
    return {static_cast<uint64_t>(*i)};
  }
  std::vector<uint64_t> values;
  for (double v : numeric_axis(node, key, origin)) {
    const double r = std::round(v);
    if (std::fabs(v - r) > 1e-9 * std::max(1.0, std::fabs(v)) || r < lo || r > hi)
      fail(origin, fmt::format("'{}' must hold whole numbers in [{}, {}], got {}", key, lo, hi, v));
    values.push_back(static_cast<uint64_t>(r));
  }
  return values;
}

std::vector<uint64_t> integer_axis(const toml::node& node, const std::string& key, const std::string& origin,
                                   const limits::IntegerRange& range) {
  return integer_axis(node, key, origin, static_cast<double>(range.lo), static_cast<double>(range.hi));
}

template <class Kind>
std::vector<Kind> name_axis(const toml::node& node, const std::string& key, const std::string& origin,
                            std::optional<Kind> (*parse)(const std::string&), const std::vector<std::string>& names) {
  std::vector<const toml::node*> items;
  if (const toml::array* list = node.as_array())
    for (const toml::node& n : *list) items.push_back(&n);
  else
    items.push_back(&node);
  std::vector<Kind> kinds;
  for (const toml::node* n : items) {
    const auto text = n->value<std::string>();
    if (!text) fail(origin, fmt::format("'{}' must hold names, got {}", key, describe(*n)));
    const auto kind = parse(*text);
    if (!kind) fail(origin, unknown_choice(key, *text, names));
    kinds.push_back(*kind);
  }
  if (kinds.empty()) fail(origin, fmt::format("'{}' is an empty axis: the grid would have no points", key));
  return kinds;
}

// The keys of [grid]: the axes.
const std::set<std::string>& grid_keys() {
  static const std::set<std::string> keys{"scheme", "source", "loc", "scale", "N", "L", "step", "thresholds", "lattice", "blocks", "gamma",
                                          "sigma", "gain_a", "gain_s", "dither_scale", "cell_points", "directions",
                                          "target_D", "target_P", "dim", "rate", "distortion", "samples", "seed"};
  return keys;
}

// Refuses keys outside `known`, suggesting the nearest; at the top level (grid_hint
// set) an axis key gets the hint that it belongs under [grid].
void reject_unknown_keys(const toml::table& table, const std::set<std::string>& known, const std::string& where,
                         const std::string& origin, const std::string& grid_hint = "") {
  const std::vector<std::string> names(known.begin(), known.end());
  for (const auto& [key, value] : table) {
    const std::string name(key.str());
    if (known.count(name)) continue;
    if (!grid_hint.empty() && grid_keys().count(name))
      fail(origin, fmt::format("'{}' is a grid axis: put it under [grid]{}", name, grid_hint));
    fail(origin, fmt::format("unknown key '{}'{}", name, where) + choices_hint(name, names));
  }
}

// [optimize]: method = "gradient" | "lloyd" (default gradient), and lambda = x or rate = R.
OptimizeRequest optimize_request(const toml::node& node, const std::string& origin) {
  const toml::table* table = node.as_table();
  if (!table) fail(origin, "'optimize' must be a table: [optimize] with method and lambda (or rate)");
  reject_unknown_keys(*table, {"method", "lambda", "rate"}, " in [optimize]", origin);
  OptimizeRequest r;
  if (const toml::node* m = table->get("method")) {
    const auto name = m->value<std::string>();
    if (!name || (*name != "gradient" && *name != "lloyd"))
      fail(origin, fmt::format("[optimize] method must be \"gradient\" or \"lloyd\", got {}", describe(*m)));
    r.method = *name == "gradient" ? OptimizeMethod::gradient : OptimizeMethod::lloyd;
  }
  if (table->contains("lambda") == table->contains("rate"))
    fail(origin, "[optimize] takes lambda (distortion per bit) or rate (bits), one of them");
  if (const toml::node* l = table->get("lambda")) {
    r.lambda = numeric_axis(*l, "lambda", origin).front();
    if (!(r.lambda >= 0.0) || l->is_array()) fail(origin, fmt::format("[optimize] lambda must be one number >= 0, got {}", describe(*l)));
  }
  if (const toml::node* R = table->get("rate")) {
    r.rate = numeric_axis(*R, "rate", origin).front();
    if (!(r.rate > 0.0) || R->is_array()) fail(origin, fmt::format("[optimize] rate must be one number > 0, got {}", describe(*R)));
  }
  return r;
}

// Relative paths in a configuration are relative to its folder.
std::string beside(const std::string& origin, const std::string& path) {
  const std::filesystem::path p(path);
  return p.is_absolute() ? path : (std::filesystem::path(origin).parent_path() / p).string();
}

}  // namespace

std::string point_id(const Job& job, SweepMode mode) {
  // Exact points do not sample: their ids leave samples and seed out.
  const std::string sampling = mode == SweepMode::exact ? "" : fmt::format("/samples={}/seed={}", job.samples, job.seed);
  std::string id = fmt::format("{}/{}", to_string(job.scheme), to_string(job.source));
  if (job.loc != Job{}.loc) id += fmt::format("/loc={}", job.loc);  // only when set: older ids stay as they were
  if (job.scale != Job{}.scale) id += fmt::format("/scale={}", job.scale);
  if (applies(job.scheme, kAxisN)) id += fmt::format("/N={}", job.N);
  if (applies(job.scheme, kAxisLattice)) {
    id += fmt::format("/lattice={}/blocks={}", to_string(job.lattice), job.blocks);
    if (applies(job.scheme, kAxisGamma)) id += fmt::format("/gamma={}", job.gamma);
    if (job.sigma != 1.0) id += fmt::format("/sigma={}", job.sigma);
    if (job.cell_points != 0) id += fmt::format("/cell_points={}", job.cell_points);
    if (job.directions != Job{}.directions) id += fmt::format("/directions={}", job.directions);
    // A designed point is named by its targets: its step and gains follow from them.
    if (has_design(job)) return id + fmt::format("/target_D={}/target_P={}", job.target_D, job.target_P) + sampling;
    id += fmt::format("/gain_a={}/gain_s={}", job.gain_a, job.gain_s);
    if (applies(job.scheme, kAxisDitherScale)) id += fmt::format("/dither_scale={}", job.dither_scale);
  }
  if (!job.thresholds.empty()) id += fmt::format("/thresholds={}", thresholds_hash(job));
  if (job.source == SourceKind::circle)
    id += fmt::format("/L={}", job.L);
  else if (!std::isnan(job.target_rate))  // named by its target; the step follows from it
    id += fmt::format("/rate={}", job.target_rate);
  else if (!std::isnan(job.target_distortion))
    id += fmt::format("/distortion={}", job.target_distortion);
  else
    id += fmt::format("/step={}", job.step);
  return id + sampling;
}

SweepConfig parse_sweep_config(const std::string& toml_text, const std::string& origin) {
  refuse_non_ascii_outside_strings(toml_text, origin);
  toml::table root;
  try {
    root = toml::parse(toml_text, origin);
  } catch (const toml::parse_error& e) {
    fail(origin, fmt::format("line {}: {}", e.source().begin.line, e.description()));
  }
  reject_unknown_keys(root, {"name", "samples", "seed", "backend", "threads", "block_size", "mode", "dither_bins",
                             "pit_bins", "grid", "optimize"},
                      " at the top level", origin, " (the top level holds one value per run setting)");
  for (const char* key : {"samples", "seed", "dither_bins", "pit_bins", "threads", "block_size"})
    if (const toml::node* n = root.get(key); n && (n->is_array() || n->is_table()))
      fail(origin, fmt::format("'{}' at the top level takes one value; put a list or range under [grid]", key));
  SweepConfig config;
  config.path = origin;
  Job base;
  base.samples = 1000000;
  if (const toml::node* n = root.get("samples")) base.samples = integer_axis(*n, "samples", origin, 1, limits::kMaxSamples).front();
  if (const toml::node* n = root.get("seed")) base.seed = integer_axis(*n, "seed", origin, 0, limits::kMaxSeed).front();
  if (const toml::node* n = root.get("dither_bins"))
    base.dither_bins = static_cast<uint32_t>(integer_axis(*n, "dither_bins", origin, limits::kDitherBins).front());
  if (const toml::node* n = root.get("pit_bins"))
    base.pit_bins = static_cast<uint32_t>(integer_axis(*n, "pit_bins", origin, limits::kPitBins).front());
  if (const toml::node* n = root.get("threads"))
    config.run.threads = static_cast<int>(integer_axis(*n, "threads", origin, limits::kThreads).front());
  if (const toml::node* n = root.get("block_size"))
    config.run.block_size = static_cast<int>(integer_axis(*n, "block_size", origin, limits::kBlockSize).front());
  if (const toml::node* n = root.get("backend")) {
    const auto name = n->value<std::string>();
    const auto kind = name ? parse_backend(*name) : std::nullopt;
    if (!kind) fail(origin, fmt::format("backend must be \"auto\", \"cpu\" or \"cuda\", got {}", describe(*n)));
    config.run.backend = *kind;
  }
  if (const toml::node* n = root.get("mode")) {
    const auto name = n->value<std::string>();
    if (!name || (*name != "simulate" && *name != "exact"))
      fail(origin, fmt::format("mode must be \"simulate\" or \"exact\", got {}", describe(*n)));
    config.mode = *name == "exact" ? SweepMode::exact : SweepMode::simulate;
  }
  if (const toml::node* n = root.get("name"); n && !n->is_string()) fail(origin, "name must be a string");
  try {
    validate(config.run);
  } catch (const std::invalid_argument& e) {
    fail(origin, e.what());
  }

  if (const toml::node* n = root.get("optimize")) config.optimize = optimize_request(*n, origin);
  const toml::table* grid = root["grid"].as_table();
  if (!grid) fail(origin, "missing [grid] table");
  reject_unknown_keys(*grid, grid_keys(), " in [grid]", origin);
  if (!grid->contains("scheme") || !grid->contains("source")) fail(origin, "[grid] needs both scheme and source");
  const auto schemes = name_axis<SchemeKind>(*grid->get("scheme"), "scheme", origin, parse_scheme, scheme_names());
  const auto sources = name_axis<SourceKind>(*grid->get("source"), "source", origin, parse_source, source_names());

  // Every other axis, in the order its values vary (the last fastest): each value sets a
  // field of the Job; an axis that does not apply to a (scheme, source) does not multiply
  // its points (docs: README "Sweeps").
  struct Axis {
    std::string key;
    std::vector<std::function<void(Job&)>> values;
    std::function<bool(SchemeKind, SourceKind)> applies_to;
  };
  std::vector<Axis> axes;
  auto numbers = [&](const char* key, auto field, auto applies_to) {
    if (const toml::node* n = grid->get(key)) {
      Axis a{key, {}, applies_to};
      for (double v : numeric_axis(*n, key, origin)) a.values.push_back([field, v](Job& j) { j.*field = v; });
      axes.push_back(std::move(a));
    }
  };
  auto integers = [&](const char* key, auto field, double lo, double hi, auto applies_to) {
    if (const toml::node* n = grid->get(key)) {
      Axis a{key, {}, applies_to};
      for (uint64_t v : integer_axis(*n, key, origin, lo, hi))
        a.values.push_back([field, v](Job& j) { j.*field = static_cast<std::remove_reference_t<decltype(j.*field)>>(v); });
      axes.push_back(std::move(a));
    }
  };
  auto on_circle = [](SchemeKind, SourceKind s) { return s == SourceKind::circle; };
  auto on_line = [](SchemeKind, SourceKind s) { return s != SourceKind::circle; };
  auto with = [](rdp::Axis axis) { return [axis](SchemeKind k, SourceKind) { return applies(k, axis); }; };
  integers("N", &Job::N, limits::kN.lo, limits::kN.hi, with(kAxisN));
  integers("L", &Job::L, limits::kL.lo, limits::kL.hi, on_circle);
  numbers("step", &Job::step, on_line);
  // The law loc + scale * Z of the 1-D sources; the lattice schemes take sigma instead.
  auto on_line_law = [](SchemeKind k, SourceKind s) { return s != SourceKind::circle && !applies(k, kAxisLattice); };
  numbers("loc", &Job::loc, on_line_law);
  numbers("scale", &Job::scale, on_line_law);
  // thresholds = ["t.json", ...]: each file sets N, step and the thresholds of a multiquan point.
  if (const toml::node* n = grid->get("thresholds")) {
    for (const char* key : {"N", "step", "rate", "distortion", "loc", "scale"})
      if (grid->contains(key))
        fail(origin, fmt::format("'thresholds' files set N, step, loc and scale: leave '{}' out of [grid]", key));
    Axis a{"thresholds", {}, with(kAxisThresholds)};
    std::vector<const toml::node*> items;
    if (const toml::array* list = n->as_array())
      for (const toml::node& item : *list) items.push_back(&item);
    else
      items.push_back(n);
    for (const toml::node* item : items) {
      const auto name = item->value<std::string>();
      if (!name) fail(origin, fmt::format("'thresholds' must hold file names, got {}", describe(*item)));
      const std::string path = beside(origin, *name);
      ThresholdsFile t;
      try {
        t = load_thresholds(path);
      } catch (const std::invalid_argument& e) {
        fail(origin, e.what());
      }
      a.values.push_back([t, path](Job& j) {
        j.N = t.N;
        j.step = t.step;
        j.loc = t.loc;
        j.scale = t.scale;
        apply_thresholds(t, j, path);
      });
    }
    if (a.values.empty()) fail(origin, "'thresholds' is an empty axis: the grid would have no points");
    axes.push_back(std::move(a));
  }
  if (const toml::node* n = grid->get("lattice")) {
    Axis a{"lattice", {}, with(kAxisLattice)};
    for (LatticeKind k : name_axis<LatticeKind>(*n, "lattice", origin, parse_lattice, lattice_names()))
      a.values.push_back([k](Job& j) { j.lattice = k; });
    axes.push_back(std::move(a));
  }
  integers("blocks", &Job::blocks, limits::kBlocks.lo, limits::kBlocks.hi, with(kAxisLattice));
  // dim = n, the coordinates of a vector: blocks = n / m for each lattice of the grid.
  if (const toml::node* n = grid->get("dim")) {
    if (grid->contains("blocks")) fail(origin, "[grid] takes 'dim' or 'blocks', not both");
    Axis a{"dim", {}, with(kAxisLattice)};
    for (uint64_t dim : integer_axis(*n, "dim", origin, 1, kMaxVectorDim))
      a.values.push_back([dim](Job& j) {
        const uint64_t m = static_cast<uint64_t>(lattice_dimension(j.lattice));
        if (dim % m != 0)
          throw std::invalid_argument(fmt::format("dim {} is not a multiple of {}'s dimension {}", dim,
                                                  to_string(j.lattice), m));
        j.blocks = static_cast<uint32_t>(dim / m);
      });
    axes.push_back(std::move(a));
  }
  integers("gamma", &Job::gamma, limits::kGamma.lo, limits::kGamma.hi, with(kAxisGamma));
  numbers("sigma", &Job::sigma, with(kAxisLattice));
  numbers("gain_a", &Job::gain_a, with(kAxisLattice));
  numbers("gain_s", &Job::gain_s, with(kAxisLattice));
  numbers("dither_scale", &Job::dither_scale, with(kAxisDitherScale));
  integers("cell_points", &Job::cell_points, 0, limits::kCellPoints.hi, with(kAxisLattice));
  integers("directions", &Job::directions, limits::kDirections.lo, limits::kDirections.hi, with(kAxisLattice));
  numbers("target_D", &Job::target_D, with(kAxisLattice));
  numbers("target_P", &Job::target_P, with(kAxisLattice));
  numbers("rate", &Job::target_rate, on_line);
  numbers("distortion", &Job::target_distortion, on_line);
  integers("samples", &Job::samples, 1, limits::kMaxSamples, [](SchemeKind, SourceKind) { return true; });
  integers("seed", &Job::seed, 0, limits::kMaxSeed, [](SchemeKind, SourceKind) { return true; });
  // One rule for settings that do not apply, as in `run`: a setting must apply to some
  // job it is given for. An axis that applies to no (scheme, source) of the grid is refused.
  for (const Axis& a : axes) {
    bool used = false;
    for (SchemeKind scheme : schemes)
      for (SourceKind source : sources) used = used || a.applies_to(scheme, source);
    if (!used)
      fail(origin, fmt::format("'{}' applies to none of the grid's schemes and sources: leave it out of [grid]", a.key));
  }
  const bool designed = grid->contains("target_D");
  for (const char* key : {"step", "gain_a", "gain_s", "dither_scale"})
    if (designed && grid->contains(key))
      fail(origin, fmt::format("'{}' is set by the design (target_D): leave it out of [grid]", key));
  if (grid->contains("target_P") && !designed) fail(origin, "'target_P' needs 'target_D' in [grid]");
  const bool step_targeted = grid->contains("rate") || grid->contains("distortion");
  if (grid->contains("rate") && grid->contains("distortion"))
    fail(origin, "[grid] takes 'rate' or 'distortion' (each solves for the step), not both");
  if (step_targeted && (grid->contains("step") || designed))
    fail(origin, fmt::format("'{}' solves for the step: leave 'step' and 'target_D' out of [grid]",
                             grid->contains("rate") ? "rate" : "distortion"));

  for (SchemeKind scheme : schemes)
    for (SourceKind source : sources) {
      const bool circle = source == SourceKind::circle;
      if (circle && !grid->contains("L")) fail(origin, "[grid] needs L for the circle source");
      const bool from_thresholds = grid->contains("thresholds") && applies(scheme, kAxisThresholds);
      if (!circle && !grid->contains("step") && !step_targeted && !from_thresholds &&
          !(designed && applies(scheme, kAxisLattice)))
        fail(origin, fmt::format("[grid] needs step for the {} source", to_string(source)));
      std::vector<const Axis*> used;
      for (const Axis& a : axes)
        if (a.applies_to(scheme, source)) used.push_back(&a);
      // The cartesian product of the used axes, odometer order.
      std::vector<size_t> digit(used.size(), 0);
      while (true) {
        GridPoint p;
        p.job = base;
        p.job.scheme = scheme;
        p.job.source = source;
        try {
          for (size_t k = 0; k < used.size(); ++k) used[k]->values[digit[k]](p.job);
          if (has_design(p.job)) design_job(p.job);
          if (has_step_target(p.job)) solve_step(p.job);
          validate(p.job);
        } catch (const std::invalid_argument& e) {
          fail(origin, fmt::format("grid point {}: {}", point_id(p.job, config.mode), e.what()));
        }
        config.points.push_back(std::move(p));
        size_t k = used.size();
        while (k > 0 && ++digit[k - 1] == used[k - 1]->values.size()) digit[--k] = 0;
        if (k == 0) break;
      }
    }
  name_points(config, "");
  if (config.optimize) {
    bool used = false;
    for (const GridPoint& p : config.points) used = used || optimizes(p.job);
    if (!used) fail(origin, "[optimize] applies to none of the grid's points (multiquan on a 1-D source with N >= 2)");
  }
  return config;
}

void name_points(SweepConfig& config, const std::string& because) {
  std::set<std::string> seen;
  std::vector<GridPoint> kept;
  for (GridPoint& p : config.points) {
    p.id = point_id(p.job, config.mode);
    if (config.optimize && optimizes(p.job)) {
      const OptimizeRequest& o = *config.optimize;
      p.id += fmt::format("/optimize={}/", o.method == OptimizeMethod::gradient ? "gradient" : "lloyd") +
              (std::isnan(o.rate) ? fmt::format("lambda={}", o.lambda) : fmt::format("rate={}", o.rate));
    }
    if (!seen.insert(p.id).second) {
      if (config.mode == SweepMode::exact) continue;  // samples and seed axes do not apply to exact points
      fail(config.path, fmt::format("{}grid point {} appears twice", because, p.id));
    }
    p.index = kept.size();
    kept.push_back(std::move(p));
  }
  config.points = std::move(kept);
}

void override_samples(SweepConfig& config, uint64_t samples) {
  for (GridPoint& p : config.points) p.job.samples = samples;
  name_points(config, fmt::format("with --samples {}, ", samples));
}

void use_mode(SweepConfig& config, SweepMode mode) {
  config.mode = mode;
  name_points(config, "");
}

SweepConfig load_sweep_config(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::invalid_argument(fmt::format("cannot read sweep configuration '{}'", path));
  std::stringstream text;
  text << in.rdbuf();
  return parse_sweep_config(text.str(), path);
}

}  // namespace rdp
