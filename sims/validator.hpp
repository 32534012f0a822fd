#pragma once
// The bookkeeping of `rdpsim validate`: the jobs it runs (each once) and the checks it
// records, each with its criterion and verdict (docs/theory.md §7).
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "host/run_job.hpp"
#include "host/sweep/grid.hpp"
#include "sims/validation.hpp"

namespace rdp {

constexpr double kZ = 5.0;              // statistical checks pass within 5 standard errors
constexpr double kPerceptionP = 1e-4;   // perfect perception: KS (Kuiper) p-value at least this
constexpr double kBrokenP = 1e-6;       // broken decoders: p-value below this
constexpr double kExactRelative = 1e-6;  // quadrature against closed forms

class Validator {
 public:
  Validator(const ValidationOptions& options, Backend& backend) : options_(options), backend_(backend) {}

  // A job run once per table, whoever asks for it.
  const Result& sampled(const Job& job) {
    const std::string key = point_id(job);
    auto it = jobs_.find(key);
    if (it != jobs_.end()) return it->second;
    return jobs_.emplace(key, run_job(job, backend_, false)).first->second;
  }

  const Result& sampled(SchemeKind scheme, SourceKind source, uint32_t N, uint32_t L, double step) {
    return sampled(make_job(scheme, source, N, L, source == SourceKind::circle ? 0.0 : step, options_.samples,
                            options_.seed));
  }

  void statistical(const std::string& group, const std::string& name, double expected, double measured, double se,
                   double z_limit = kZ) {
    Check c{group, name, expected, measured, std::nullopt, fmt::format("|z| <= {}", z_limit), false};
    if (se > 0.0) {
      c.z = (measured - expected) / se;
      c.pass = std::fabs(*c.z) <= z_limit;
    } else {
      c.pass = measured == expected;
      c.criterion = "equal";
    }
    checks_.push_back(c);
  }

  // A plug-in entropy falls short of the truth by about |bias| (EntropyEstimate::bias,
  // docs/theory.md §5.3); the check allows twice that on top of 5 standard errors.
  void rate(const std::string& group, const std::string& name, double expected, const EntropyEstimate& measured) {
    const double diff = measured.bits - expected;
    Check c{group, name, expected, measured.bits, std::nullopt, "|diff| <= 5 se + 2 |bias|", false};
    if (measured.se > 0.0) c.z = diff / measured.se;
    c.pass = std::fabs(diff) <= kZ * measured.se + 2.0 * std::fabs(measured.bias);
    checks_.push_back(c);
  }

  void bound(const std::string& group, const std::string& name, double limit, double measured, bool at_least,
             const std::string& criterion) {
    checks_.push_back({group, name, limit, measured, std::nullopt, criterion, at_least ? measured >= limit : measured <= limit});
  }

  // A broken law must be detected: KS p-value below kBrokenP. With n samples the KS
  // statistic D sits near the law's true distance, so detection needs sqrt(n) D above
  // the critical value sqrt(ln(2/p)/2) of p = kBrokenP, with a margin of 2 for the
  // statistic's own spread; a miss below that count is "underpowered", not a failure.
  void detection(const std::string& group, const std::string& name, const Result& r) {
    Check c{group, name, kBrokenP, r.perception.ks_pvalue, std::nullopt, fmt::format("p < {:g}", kBrokenP),
            r.perception.ks_pvalue < kBrokenP};
    const double critical = std::sqrt(std::log(2.0 / kBrokenP) / 2.0) + 2.0;
    c.samples_needed = static_cast<uint64_t>(std::ceil(std::pow(critical / r.perception.ks, 2.0)));
    c.underpowered = !c.pass && r.samples < c.samples_needed;
    checks_.push_back(c);
  }

  void within(const std::string& group, const std::string& name, double expected, double measured, double tolerance,
              const std::string& criterion) {
    checks_.push_back({group, name, expected, measured, std::nullopt, criterion,
                       std::fabs(measured - expected) <= tolerance});
  }

  void relative(const std::string& group, const std::string& name, double expected, double measured) {
    checks_.push_back({group, name, expected, measured, std::nullopt, fmt::format("rel. err <= {:g}", kExactRelative),
                       std::fabs(measured - expected) <= kExactRelative * std::fabs(expected)});
  }

  std::vector<Check> take() { return std::move(checks_); }
  const ValidationOptions& options() const { return options_; }
  Backend& backend() { return backend_; }

 private:
  ValidationOptions options_;
  Backend& backend_;
  std::map<std::string, Result> jobs_;
  std::vector<Check> checks_;
};

// The lattice and vector-scheme rows (sims/lattice_validation.cpp; docs/theory.md §7.5).
void lattice_checks(Validator& v);
// The threshold-optimization rows (sims/optimizer_validation.cpp; docs/theory.md §7.6).
void optimizer_checks(Validator& v);

}  // namespace rdp
