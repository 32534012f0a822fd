#pragma once
// `rdpsim exact`: rate and distortion of a job without sampling, by quadrature on
// the 1-D sources and in closed form on the circle (docs/theory.md §6).
#include <optional>
#include <string>

#include "host/job.hpp"

namespace rdp {

struct ExactResult {
  Job job;
  double step = 0.0;
  double rate_bits = 0.0;
  double rate_marginal_bits = 0.0;
  std::optional<double> rate_conditional_bits;        // dithered: H(k | Z) binned into job.dither_bins
  std::optional<double> rate_conditional_limit_bits;  // dithered: H(k | Z) itself
  double distortion = 0.0;
  std::optional<double> w1;                           // perception, where it is known exactly
  std::string method;                                 // "quadrature" or "closed form"
};

// Throws std::invalid_argument for an invalid job or one without an exact evaluation.
ExactResult evaluate_exact(const Job& job);
void check_exact(const Job& job);

}  // namespace rdp
