#pragma once
// `rdpsim bench`: throughput of each simulation kernel and of the sort-based distance,
// as the median of timed repeats after a warm-up.
#include <cstdint>
#include <string>
#include <vector>

#include "host/backends/backend.hpp"

namespace rdp {

struct BenchOptions {
  uint64_t samples = 0;  // per timed repeat; 0: 2^22 on the CPU, 2^30 on the GPU
  int repeats = 5;
  std::string filter;    // run only kernels whose name contains this
};

struct BenchResult {
  std::string kernel;    // e.g. "multiquan/exponential/N=4"
  uint64_t samples = 0;
  int repeats = 0;
  double median_s = 0.0;
  double min_s = 0.0;
  double samples_per_s = 0.0;  // samples / median_s (vectors / median_s for a vector scheme)
  uint32_t coordinates = 1;    // per sample: n for a vector scheme
  std::string backend, device, timer;
};

std::vector<BenchResult> run_bench(Backend& backend, const BenchOptions& options);
// The results as a table for people, JSON lines or CSV (a header, then a row per kernel,
// with the JSON lines' keys as columns) for scripts; format is "table", "json" or "csv".
std::string format_bench(const std::vector<BenchResult>& results, const std::string& format);

}  // namespace rdp
