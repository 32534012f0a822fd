#pragma once
// The order that general multiquan thresholds must keep (docs/theory.md §2.2): the
// interleaved boundaries c_j, spliced into the uniform grid, are finite and
// non-decreasing. Checked for thresholds files and by the optimizer's line search.
#include <cstdint>
#include <optional>
#include <vector>

namespace rdp {

struct ThresholdDisorder {
  int64_t j;        // c_j is the first boundary out of order
  double value;     // c_j
  double previous;  // c_{j-1}
  bool on_grid;     // c_j or c_{j-1} is the uniform grid's, outside the given boundaries
};

// c holds c_first, c_first+1, ...; the uniform grid of N offsets at `step` continues on both sides.
std::optional<ThresholdDisorder> first_disorder(const std::vector<double>& c, int64_t first, uint32_t N,
                                                double step);

}  // namespace rdp
