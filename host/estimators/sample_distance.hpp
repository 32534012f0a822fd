#pragma once
// Wasserstein distances between two samples in 1-D, for laws known only through
// samples (as scipy.stats.wasserstein_distance computes W1): sort both, then walk the
// two empirical quantile functions, W_p^p = int_0^1 |Q_a(t) - Q_b(t)|^p dt.
#include <cstddef>
#include <string>
#include <vector>

#include "host/job.hpp"

namespace rdp {

struct SampleDistance {
  double w1 = 0.0;
  double w2 = 0.0;
  size_t n_a = 0, n_b = 0;
  std::string backend;  // where the sorting ran
};

// Sorts a and b in place (on the GPU for BackendKind::cuda or automatic with a device).
SampleDistance wasserstein_between(std::vector<double>& a, std::vector<double>& b, BackendKind backend);

// Distances of two already sorted samples.
SampleDistance wasserstein_sorted(const std::vector<double>& a, const std::vector<double>& b);

// Reads a sample: raw little-endian float64 for *.f64 and *.bin, else whitespace-
// separated numbers. Throws std::invalid_argument naming the file and the bad token.
std::vector<double> read_sample_file(const std::string& path);

}  // namespace rdp
