#pragma once
// Job and Result: the only things that cross from the command line to a backend and
// back. Plain structs; run, sweep, validate and bench all speak them.
#include <cmath>
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
  // 1-D sources: X = loc + scale * Z for the standard law Z of `source` (docs/theory.md
  // §1.1); the quantizer grid stays anchored at 0, so loc is a parameter of the law, not
  // a relabelling. Defaults only on the circle and for the lattice schemes (--sigma).
  double loc = 0.0;
  double scale = 1.0;
  uint64_t samples = 1000000;
  uint64_t seed = 1;
  uint32_t dither_bins = 64;  // B of the binned H(k | Z), dithered schemes
  uint32_t pit_bins = 0;      // bins of each histogram of F(X^) (0: the scheme's default, pit_bins_of)
  // multiquan with general thresholds (docs/theory.md §2.2): the interleaved boundaries c_j
  // for j = thresholds_first, thresholds_first + 1, ...; uniform offsets elsewhere.
  std::vector<double> thresholds;
  int64_t thresholds_first = 0;
  std::string thresholds_file;  // where they came from, for the result row ("": made in this process)
  // Lattice vector schemes (docs/theory.md §4): vectors of blocks * dim(lattice) i.i.d.
  // coordinates of sigma * source, analysis gain a, synthesis gain b, private dither
  // scale s; step is the lattice's V^(1/m).
  LatticeKind lattice = LatticeKind::Z;
  uint32_t blocks = 1;
  uint32_t gamma = 2;           // lattice-qsd: the nesting ratio of Lambda = gamma * Lambda_f
  double gain_a = 1.0;
  double gain_s = 1.0;
  double dither_scale = 1.0;
  double sigma = 1.0;
  uint32_t cell_points = 0;     // K of the rate estimator's K^m cell points per shift (0: the lattice's default)
  uint32_t directions = 16;     // unit vectors of the sliced W2
  // --design theorem (docs/theory.md §4.5): gain_a, gain_s, dither_scale and step follow
  // from the targets (design_job in host/schemes/lattice_design.hpp); NaN: no design.
  double target_D = NAN;
  double target_P = 0.0;
  // 1-D schemes: the step is solved so that the exact rate_bits or distortion equals
  // this (host/exact/step_solver.hpp); NaN: the step is given.
  double target_rate = NAN;
  double target_distortion = NAN;
  // Stop at the first checkpoint where distortion_se <= target_se, samples being the
  // most to draw (host/run_job.cpp: run_checkpoints); NaN: draw all samples.
  double target_se = NAN;
};

struct RunOptions {
  BackendKind backend = BackendKind::automatic;
  int threads = 0;            // CPU: OpenMP threads, 0 = all cores
  int block_size = 256;       // CUDA: threads per block (results do not depend on it)
  int device = -1;            // CUDA: device ordinal (-1: the runtime's default, after CUDA_VISIBLE_DEVICES)
  bool progress = true;       // progress, the backend line and warnings on stderr (false: --quiet)
};

struct EntropyEstimate {
  double bits = 0.0;
  double se = 0.0;            // delta-method standard error of the plug-in estimate
  double bias = 0.0;          // its estimated bias, E[estimate] - truth (negative: plug-in entropies fall short)
};

// What only the lattice vector schemes estimate (docs/theory.md §5.4, §5.7). Their
// rate_bits, distortion and distortion_se are per dimension; their Perception is that of
// the first coordinate.
struct VectorFigures {
  uint32_t dim = 0;                   // n = blocks * m coordinates per vector
  uint32_t cell_points = 0;           // K of the rate estimator's K^m points per shift (0: exact, Z)
  double sw2sq = 0.0;                 // sliced W2^2: the mean over the directions
  double w2sq_per_dim = 0.0;          // W2^2 of each coordinate, averaged
  double output_power = 0.0;          // E||X^||^2 / n
  double output_power_se = 0.0;
  std::optional<double> common_bits_per_dim;  // shared randomness; empty: unbounded (lattice-sd)
  double rdp_bound_bits = 0.0;        // R(D, P) at the measured D and P = sw2sq (gaussian)
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
  std::optional<VectorFigures> vector;  // the lattice vector schemes
  uint64_t samples = 0;       // drawn: job.samples unless --target-se or a signal stopped the run sooner
  bool interrupted = false;   // a signal stopped the run; every estimate is over the samples drawn
  double elapsed_s = 0.0;
  double samples_per_s = 0.0;
  Tally tally;                // the raw integer accumulators behind every estimate
};

// Throws std::invalid_argument naming the bad setting (host/limits.hpp). Job checks
// live with the plan (plan.hpp: validate(const Job&)).
void validate(const RunOptions& options);

// A lattice scheme's job on gaussian vectors of blocks * dim(lattice) coordinates.
Job make_lattice_job(SchemeKind scheme, LatticeKind lattice, uint32_t blocks, double step, uint64_t samples = 1000000,
                     uint64_t seed = 1);

// A job by its coordinates on a grid; everything else at its default.
Job make_job(SchemeKind scheme, SourceKind source, uint32_t N, uint32_t L, double step, uint64_t samples = 1000000,
             uint64_t seed = 1);

const char* to_string(SchemeKind s);
const char* to_string(SourceKind s);
const char* to_string(BackendKind b);
std::optional<SchemeKind> parse_scheme(const std::string& s);
std::optional<SourceKind> parse_source(const std::string& s);
std::optional<BackendKind> parse_backend(const std::string& s);
std::vector<std::string> source_names(bool with_circle = true);
std::vector<std::string> backend_names();

}  // namespace rdp
