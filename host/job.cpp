#include "host/job.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "host/limits.hpp"
#include "host/schemes/scheme_traits.hpp"

#include <array>
#include <type_traits>
#include <utility>

namespace rdp {
namespace {

constexpr std::array<std::pair<const char*, SourceKind>, 5> kSources{{
    {"uniform", SourceKind::uniform},
    {"exponential", SourceKind::exponential},
    {"gaussian", SourceKind::gaussian},
    {"laplace", SourceKind::laplace},
    {"circle", SourceKind::circle},
}};
constexpr std::array<std::pair<const char*, BackendKind>, 3> kBackends{{
    {"auto", BackendKind::automatic},
    {"cpu", BackendKind::cpu},
    {"cuda", BackendKind::cuda},
}};

template <class Table, class Kind>
const char* name_of(const Table& table, Kind kind) {
  for (const auto& [name, k] : table)
    if (k == kind) return name;
  return "?";
}

template <class Table>
auto kind_of(const Table& table, const std::string& s) -> std::optional<std::decay_t<decltype(table[0].second)>> {
  for (const auto& [name, k] : table)
    if (s == name) return k;
  return std::nullopt;
}

}  // namespace

void validate(const RunOptions& o) {
  limits::check(limits::kThreads, o.threads, "--threads");
  limits::check(limits::kBlockSize, o.block_size, "--block-size");
  if (o.block_size % 32 != 0)
    throw std::invalid_argument(fmt::format("--block-size must be a multiple of 32, got {}", o.block_size));
  limits::check(limits::kDevice, o.device, "--device");
}

Job make_lattice_job(SchemeKind scheme, LatticeKind lattice, uint32_t blocks, double step, uint64_t samples,
                     uint64_t seed) {
  Job job = make_job(scheme, SourceKind::gaussian, 1, 0, step, samples, seed);
  job.lattice = lattice;
  job.blocks = blocks;
  return job;
}

Job make_job(SchemeKind scheme, SourceKind source, uint32_t N, uint32_t L, double step, uint64_t samples,
             uint64_t seed) {
  Job job;
  job.scheme = scheme;
  job.source = source;
  job.N = N;
  job.L = L;
  job.step = step;
  job.samples = samples;
  job.seed = seed;
  return job;
}

const char* to_string(SchemeKind s) { return traits(s).name; }
const char* to_string(SourceKind s) { return name_of(kSources, s); }
const char* to_string(BackendKind b) { return name_of(kBackends, b); }
std::optional<SchemeKind> parse_scheme(const std::string& s) {
  for (const SchemeTraits& t : all_schemes())
    if (s == t.name) return t.kind;
  return std::nullopt;
}
std::optional<SourceKind> parse_source(const std::string& s) { return kind_of(kSources, s); }
std::optional<BackendKind> parse_backend(const std::string& s) { return kind_of(kBackends, s); }

std::vector<std::string> source_names(bool with_circle) {
  std::vector<std::string> names;
  for (const auto& [name, kind] : kSources)
    if (with_circle || kind != SourceKind::circle) names.push_back(name);
  return names;
}

std::vector<std::string> backend_names() {
  std::vector<std::string> names;
  for (const auto& [name, kind] : kBackends) names.push_back(name);
  return names;
}

}  // namespace rdp
