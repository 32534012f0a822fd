#pragma once
// `rdpsim validate`: the theorems and closed forms of docs/theory.md §7 checked against
// Monte Carlo and quadrature. Each check prints what it expects, what it measured,
// a z-score where the measurement has a standard error, and its verdict.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "host/backends/backend.hpp"
#include "host/job.hpp"

namespace rdp {

struct Check {
  std::string group;     // what is being validated, e.g. "Theorem 3.1"
  std::string name;      // the case, e.g. "L=2 N=4 distortion"
  double expected = 0.0;
  double measured = 0.0;
  std::optional<double> z;  // (measured - expected) / standard error
  std::string criterion;    // the pass condition, in words
  bool pass = false;
  // A detection check that missed with fewer samples than it needs to have power: not a
  // failure; samples_needed says how many would do (Validator::detection).
  bool underpowered = false;
  uint64_t samples_needed = 0;
  bool failed() const { return !pass && !underpowered; }
  std::string verdict() const;  // "pass", "FAIL" or "underpowered: needs about N samples"
};

struct ValidationOptions {
  uint64_t samples = 1000000;  // per Monte Carlo job
  uint64_t seed = 20261123;
  // Runs the 1-D multiquan checks with Zhou & Tian's literal equation (6) decoder, to
  // show that the table catches a broken decoder.
  bool inject_eq6_fault = false;
};

std::vector<Check> run_validation(const ValidationOptions& options, Backend& backend);
std::string checks_table(const std::vector<Check>& checks);
std::string json_line(const Check& check);

}  // namespace rdp
