#pragma once
// Job and Result: the only things that cross from the command line to a backend and
// back. Plain structs; run, sweep, validate and bench all speak them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kernels/kinds.cuh"
#include "host/estimators/perception.hpp"
#include "host/backends/tally.hpp"

namespace rdp {

enum class BackendKind { automatic, cpu, cuda };

struct Job {
  SchemeKind scheme = SchemeKind::multiquan;
  SourceKind source = SourceKind::exponential;
  uint32_t N = 1;             // multiquan only
  uint32_t L = 0;             // circle only; sets step = 2*pi/L
  double step = 0.5;          // 1-D sources
  uint64_t samples = 1000000;
  uint64_t seed = 1;
  uint32_t dither_bins = 64;  // B of the binned H(k | Z), dithered schemes
  uint32_t pit_bins = 65536;  // bins of the histogram of F(X^) behind the perception estimates
  // multiquan with general thresholds (docs/theory.md §2.2): the interleaved boundaries c_j
  // for j = thresholds_first, thresholds_first + 1, ...; uniform offsets elsewhere.
  std::vector<double> thresholds;
  int64_t thresholds_first = 0;
};

struct RunOptions {
  BackendKind backend = BackendKind::automatic;
  int threads = 0;            // CPU: OpenMP threads, 0 = all cores
  int block_size = 256;       // CUDA: threads per block (results do not depend on it)
  int device = -1;            // CUDA: device ordinal (-1: the runtime's default, after CUDA_VISIBLE_DEVICES)
  bool progress = true;       // progress line on stderr for long runs
};

struct EntropyEstimate {
  double bits = 0.0;
  double se = 0.0;            // delta-method standard error of the plug-in estimate
  double bias = 0.0;          // its estimated bias, E[estimate] - truth (negative: plug-in entropies fall short)
};

struct Result {
  Job job;
  double step = 0.0;          // the step used (2*pi/L on the circle)
  std::string backend;        // "cpu" or "cuda"
  std::string device;         // CPU model or GPU name
  EntropyEstimate rate;               // rate of the practical scheme (docs/theory.md §5.3)
  EntropyEstimate rate_marginal;      // one shared entropy code
  std::optional<EntropyEstimate> rate_conditional;  // dithered: binned H(k | Z)
  double distortion = 0.0;
  double distortion_se = 0.0;
  uint64_t overflow = 0;      // samples whose index fell outside the histogram window
  uint64_t saturated = 0;     // samples whose error exceeded the a-priori bound (never, unless a bug)
  Perception perception;      // W1, W2, KS and chi-square of X^ against the source's law
  double elapsed_s = 0.0;
  double samples_per_s = 0.0;
  Tally tally;                // the raw integer accumulators behind every estimate
};

// Throws std::invalid_argument naming the bad setting (host/limits.hpp). Job checks
// live with the plan (plan.hpp: validate(const Job&)).
void validate(const RunOptions& options);

// A job by its coordinates on a grid; everything else at its default.
Job make_job(SchemeKind scheme, SourceKind source, uint32_t N, uint32_t L, double step, uint64_t samples = 1000000,
             uint64_t seed = 1);

const char* to_string(SchemeKind s);
const char* to_string(SourceKind s);
const char* to_string(BackendKind b);
std::optional<SchemeKind> parse_scheme(const std::string& s);
std::optional<SourceKind> parse_source(const std::string& s);
std::optional<BackendKind> parse_backend(const std::string& s);

}  // namespace rdp
