#include "host/plan/thresholds_file.hpp"

#include <cmath>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "host/limits.hpp"
#include "host/plan/plan.hpp"
#include "host/schemes/scheme_traits.hpp"
#include "host/sweep/jsonl_file.hpp"

namespace rdp {

ThresholdsFile load_thresholds(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::invalid_argument(fmt::format("cannot read thresholds file '{}'", path));
  nlohmann::ordered_json j;
  try {
    j = nlohmann::ordered_json::parse(in);
  } catch (const std::exception& e) {
    throw std::invalid_argument(fmt::format("'{}' is not JSON: {}", path, e.what()));
  }
  auto need = [&](const char* key) -> const nlohmann::ordered_json& {
    if (!j.contains(key)) throw std::invalid_argument(fmt::format("'{}' has no \"{}\"", path, key));
    return j[key];
  };
  ThresholdsFile t;
  try {
    const auto source = parse_source(need("source").get<std::string>());
    if (!source) throw std::invalid_argument(fmt::format("'{}': unknown source {}", path, j["source"].dump()));
    t.source = *source;
    for (auto [key, field] : {std::pair{"loc", &t.loc}, std::pair{"scale", &t.scale}})
      if (j.contains(key)) {
        if (!j[key].is_number())
          throw std::invalid_argument(fmt::format("'{}': \"{}\" must be a number, got {}", path, key, j[key].dump()));
        *field = j[key].get<double>();
      }
    const auto& n = need("N");
    if (!n.is_number_integer() || !limits::kN.contains(n.get<int64_t>()))
      throw std::invalid_argument(fmt::format("'{}': \"N\" must be a whole number in [{}, {}], got {}", path,
                                              limits::kN.lo, limits::kN.hi, n.dump()));
    t.N = n.get<uint32_t>();
    t.step = need("step").get<double>();
    t.first = need("first").get<int64_t>();
    for (const auto& v : need("boundaries")) {
      // JSON has no NaN: null (what most writers emit for it) is rejected as not finite.
      if (!v.is_number())
        throw std::invalid_argument(fmt::format("'{}': boundary {} is not a finite number", path, v.dump()));
      t.boundaries.push_back(v.get<double>());
    }
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(fmt::format("'{}': {}", path, e.what()));
  }
  for (const char* key : {"method", "lambda", "before", "after"})
    if (j.contains(key)) t.provenance[key] = j[key];
  return t;
}

void save_thresholds(const std::string& path, const ThresholdsFile& t) {
  nlohmann::ordered_json j;
  j["scheme"] = "multiquan";
  j["source"] = to_string(t.source);
  if (t.loc != 0.0 || t.scale != 1.0) {
    j["loc"] = t.loc;
    j["scale"] = t.scale;
  }
  j["N"] = t.N;
  j["step"] = t.step;
  for (const auto& [key, value] : t.provenance.items()) j[key] = value;
  j["first"] = t.first;
  j["boundaries"] = t.boundaries;
  write_jsonl_atomically(path, {j.dump()});
}

std::string thresholds_hash(const Job& job) {
  uint64_t h = 0xcbf29ce484222325ull;
  const auto add = [&h](uint64_t word) {
    for (int byte = 0; byte < 8; ++byte) {
      h ^= (word >> (8 * byte)) & 0xffu;
      h *= 0x100000001b3ull;
    }
  };
  add(static_cast<uint64_t>(job.thresholds_first));
  for (double c : job.thresholds) {
    uint64_t bits = 0;
    std::memcpy(&bits, &c, sizeof bits);
    add(bits);
  }
  return fmt::format("{:016x}", h);
}

void apply_thresholds(const ThresholdsFile& t, Job& job, const std::string& path) {
  if (!applies(job.scheme, kAxisThresholds))
    throw std::invalid_argument(fmt::format("--thresholds applies to --scheme {}, not {}", schemes_with(kAxisThresholds),
                                            to_string(job.scheme)));
  if (job.source != t.source || job.loc != t.loc || job.scale != t.scale || job.N != t.N || job.step != t.step) {
    auto law = [](double loc, double scale) {
      return loc == 0.0 && scale == 1.0 ? std::string() : fmt::format(" --loc {} --scale {}", loc, scale);
    };
    throw std::invalid_argument(fmt::format("'{}' was made for --source {}{} --N {} --step {}, not --source {}{} --N {} --step {}",
                                            path, to_string(t.source), law(t.loc, t.scale), t.N, t.step,
                                            to_string(job.source), law(job.loc, job.scale), job.N, job.step));
  }
  job.thresholds = t.boundaries;
  job.thresholds_first = t.first;
  job.thresholds_file = path;
  try {
    validate(job);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(fmt::format("'{}': {}", path, e.what()));
  }
}

}  // namespace rdp
