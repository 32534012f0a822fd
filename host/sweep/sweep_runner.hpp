#pragma once
// Runs the points of a sweep (or one shard of them) and appends one JSON line per
// point: the point's id and index, then the keys of `rdpsim run` (or `exact`).
#include <string>

#include "host/sweep/grid.hpp"

namespace rdp {

struct SweepOptions {
  std::string out;          // empty: rows go to stdout
  bool resume = false;      // skip the points whose rows `out` already holds
  size_t shard_index = 0;   // run the points with index % shard_count == shard_index
  size_t shard_count = 1;
  bool progress = true;
};

// Returns the number of points run now. A signal (host/interrupt.hpp) ends it after the
// last finished row and throws Interrupted; the point in progress leaves no row.
size_t run_sweep(const SweepConfig& config, const SweepOptions& options);

// Parses "i/k" with 0 <= i < k; throws std::invalid_argument naming the text.
void parse_shard(const std::string& text, size_t& index, size_t& count);

// Joins shard outputs: one row per point, in grid order, all points present.
// Throws std::invalid_argument if a point is missing or rows disagree on the total.
void merge_sweep_outputs(const std::vector<std::string>& inputs, const std::string& out);

}  // namespace rdp
