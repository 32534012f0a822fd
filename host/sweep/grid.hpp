#pragma once
// A sweep configuration (TOML, README "Sweeps") and its expansion into grid points.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "host/job.hpp"
#include "host/optimize/threshold_optimizer.hpp"

namespace rdp {

enum class SweepMode { simulate, exact };

struct GridPoint {
  Job job;
  std::string id;      // stable: the point's own parameters, e.g. "multiquan/exponential/N=4/step=0.5/samples=1000000/seed=1"
  size_t index = 0;    // position in the full grid
};

struct SweepConfig {
  std::string path;
  SweepMode mode = SweepMode::simulate;
  RunOptions run;                 // backend, threads, block size
  std::optional<OptimizeRequest> optimize;  // [optimize]: thresholds optimized per multiquan point before it runs
  std::vector<GridPoint> points;  // the cartesian product, in grid order
};

// Reads and expands a sweep configuration. Throws std::invalid_argument with one line
// naming the file, the key and the bad value for anything malformed: unknown keys,
// wrong types, empty axes, invalid jobs.
SweepConfig load_sweep_config(const std::string& path);
SweepConfig parse_sweep_config(const std::string& toml_text, const std::string& origin);

// Stable identifier of a job's grid point; exact points' leave samples and seed out.
std::string point_id(const Job& job, SweepMode mode = SweepMode::simulate);

// Names every point by point_id and numbers them in grid order. Exact points that then
// coincide (they differed only in samples or seed) are kept once; simulated ones that
// coincide are an error (std::invalid_argument, `because` leading its text).
void name_points(SweepConfig& config, const std::string& because);

// Switches a configuration to mode (`sweep --exact`); ids follow.
void use_mode(SweepConfig& config, SweepMode mode);

// Sets every point's sample count (a reduced run of a full-size configuration);
// ids follow. Throws std::invalid_argument if two points then coincide.
void override_samples(SweepConfig& config, uint64_t samples);

}  // namespace rdp
