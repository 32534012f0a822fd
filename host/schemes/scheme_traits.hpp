#pragma once
// What the host knows about each scheme, one entry per scheme (scheme_table.cpp): the
// command line, plan, run_job, exact, validate, sweeps and result lines all read it.
// A scheme is its kernel file (kernels/schemes/), its value in SchemeKind with one line
// in kernels/dispatch.cuh, its host hooks (host/schemes/, host/exact/) and its entry.
#include <string>
#include <vector>

#include "host/job.hpp"

namespace rdp {

struct Plan;
struct ExactResult;

// Settings that apply to some schemes only (besides source, step or L, samples, seed).
enum Axis : unsigned {
  kAxisN = 1u << 0,            // N offset quantizers
  kAxisDitherBins = 1u << 1,   // B of the binned H(k | Z)
  kAxisThresholds = 1u << 2,   // general thresholds from a file
  kAxisLattice = 1u << 3,      // lattice, blocks, gains a and b, sigma, cell points, directions, design
  kAxisGamma = 1u << 4,        // the nesting ratio of finite shared dither
  kAxisDitherScale = 1u << 5,  // the scale s of private dither
};

// What the second coordinate of the index histogram (bin = index * groups + group) is.
enum class IndexGroups { none, offsets, dither_bins };

// Which plug-in entropy is the practical scheme's rate_bits (docs/theory.md §5.3).
enum class RateEntropy {
  given_group,  // H(index | group): one entropy code per offset n
  marginal,     // H(index): one code
  per_vector,   // E[-log2 P(c | shared randomness)] per dimension, estimated vector by vector (§5.4)
};

struct SchemeTraits {
  SchemeKind kind;
  const char* name;
  const char* help;  // one line, for --help and error messages
  PipelineKind pipeline;  // scalar_scheme or vector_scheme
  bool on_line;      // defined on the 1-D sources
  bool on_circle;
  unsigned axes;     // Axis flags
  IndexGroups groups;
  RateEntropy rate;
  bool reports_conditional_rate;  // H(index | group) as rate_conditional_bits (dithered's binned H(k | Z))
  bool perfect_perception;        // X^ has the source's law exactly: exact W1 = 0
  // A source value x codes to an index in [floor(x/step + reach_lo) - 1, floor(x/step + reach_hi) + 1].
  double reach_lo, reach_hi;
  // |X - X^| <= error_reach * step. When the reconstruction is itself a source value,
  // the source's quantile span bounds the error as well.
  double error_reach;
  bool reconstruction_in_support;
  // Bins of each PIT histogram unless the job sets them: 2^16 for the one histogram of a
  // scalar scheme, 2^12 for each of a vector scheme's directions and coordinates.
  uint32_t default_pit_bins;
  // Hooks; null where the scheme has none.
  void (*check)(const Job&);                        // limits of its own, beyond the common ones
  void (*plan_tables)(Plan&);                       // decoder tables; a vector scheme's whole plan
  void (*exact_line)(const Plan&, ExactResult&);    // quadrature on a 1-D source
  void (*exact_circle)(const Job&, ExactResult&);   // closed form on the circle
};

const SchemeTraits& traits(SchemeKind kind);
const std::vector<SchemeTraits>& all_schemes();
inline bool applies(SchemeKind kind, Axis axis) { return (traits(kind).axes & axis) != 0; }
inline uint32_t pit_bins_of(const Job& job) {
  return job.pit_bins != 0 ? job.pit_bins : traits(job.scheme).default_pit_bins;
}

// "a | b | c" and "a, b, c": the scheme names for help texts and error messages.
std::string scheme_choices(const char* separator);
std::vector<std::string> scheme_names();
// The names of the schemes an axis applies to, e.g. "multiquan, multiquan-eq6".
std::string schemes_with(Axis axis);

}  // namespace rdp
