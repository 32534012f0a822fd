#include "sims/validation.hpp"

#include <cmath>
#include <functional>
#include <map>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "host/exact/circle_theory.hpp"
#include "host/exact/exact.hpp"
#include "host/schemes/scheme_traits.hpp"
#include "kernels/schemes/circle.cuh"
#include "sims/validator.hpp"

namespace rdp {
namespace {

const SourceKind kLineSources[] = {SourceKind::uniform, SourceKind::exponential, SourceKind::gaussian,
                                   SourceKind::laplace};

double default_step(SourceKind s) { return s == SourceKind::uniform ? 0.25 : 0.5; }

void theorem_3_1(Validator& v) {
  for (uint32_t L : {2u, 3u, 4u, 8u})
    for (uint32_t N : {1u, 2u, 4u, 8u}) {
      const Result& r = v.sampled(SchemeKind::multiquan, SourceKind::circle, N, L, 0.0);
      v.statistical("Thm 3.1 circle multiquan", fmt::format("L={} N={} D", L, N), circle::multiquan_distortion(L, N),
                    r.distortion, r.distortion_se);
    }
}

void theorem_3_3(Validator& v) {
  for (uint32_t L : {2u, 3u, 4u, 8u, 16u}) {
    const Result& r = v.sampled(SchemeKind::dithered, SourceKind::circle, 1, L, 0.0);
    v.statistical("Thm 3.3 dithered extreme pts", fmt::format("L={} D", L), circle::dithered_distortion(L),
                  r.distortion, r.distortion_se);
  }
}

void one_bit_values(Validator& v) {
  const Result& private_only = v.sampled(SchemeKind::multiquan, SourceKind::circle, 1, 2, 0.0);
  v.statistical("L=2 values", "multiquan N=1: 2-8/pi^2", 2.0 - 8.0 / (kPi * kPi), private_only.distortion,
                private_only.distortion_se);
  const Result& dithered = v.sampled(SchemeKind::dithered, SourceKind::circle, 1, 2, 0.0);
  v.statistical("L=2 values", "dithered: 2-4/pi", 2.0 - 4.0 / kPi, dithered.distortion, dithered.distortion_se);
}

void theorem_3_2(Validator& v) {
  // R(D, 0) bounds every scheme: at the top of each point's 5-sigma distortion
  // interval, log2 L must be at least R(D, 0). Theorem 3.3 bounds the one-shot schemes.
  for (uint32_t L : {2u, 3u, 4u, 8u})
    for (uint32_t N : {1u, 8u}) {
      const Result& r = v.sampled(SchemeKind::multiquan, SourceKind::circle, N, L, 0.0);
      const double d_top = r.distortion + kZ * r.distortion_se;
      v.bound("Thm 3.2 R(D,0) lower bound", fmt::format("multiquan L={} N={}: R >= R(D+5se,0)", L, N),
              circle::perfect_perception_rate(d_top), std::log2(L), true, "measured >= expected");
      v.bound("Thm 3.3 scalar bound", fmt::format("multiquan L={} N={}: D+5se >= D_scalar(R)", L, N),
              circle::scalar_distortion_bound(std::log2(L)), d_top, true, "measured >= expected");
    }
}

void dithered_raw(Validator& v) {
  for (SourceKind s : kLineSources) {
    const double step = default_step(s);
    const Result& r = v.sampled(SchemeKind::dithered_raw, s, 1, 0, step);
    v.statistical("dithered-raw D = step^2/12", fmt::format("{} step={}", to_string(s), step), step * step / 12.0,
                  r.distortion, r.distortion_se);
  }
}

void spec_closed_forms(Validator& v) {
  auto exact = [](SchemeKind scheme, uint32_t N, double step) {
    return evaluate_exact(make_job(scheme, SourceKind::uniform, N, 0, step));
  };
  v.relative("exact vs closed form", "uniform multiquan N=1 step=1/4 R", 2.25, exact(SchemeKind::multiquan, 1, 0.25).rate_bits);
  v.relative("exact vs closed form", "uniform multiquan N=2 step=1/4 R", 2.125, exact(SchemeKind::multiquan, 2, 0.25).rate_bits);
  for (uint32_t M : {4u, 8u}) {
    const double d = 1.0 / M;
    const ExactResult r = exact(SchemeKind::dithered, 1, d);
    v.relative("exact vs closed form", fmt::format("uniform dithered step=1/{} D", M), d * d / 12.0 - d * d * d / 30.0,
               r.distortion);
    v.relative("exact vs closed form", fmt::format("uniform dithered step=1/{} H(k|Z)", M),
               std::log2(M) + d / (2.0 * std::log(2.0)), *r.rate_conditional_limit_bits);
  }
}

struct SchemeCase {
  SchemeKind scheme;
  uint32_t N;
};

void exact_versus_monte_carlo(Validator& v) {
  const SchemeKind multiquan = v.options().inject_eq6_fault ? SchemeKind::multiquan_eq6 : SchemeKind::multiquan;
  const SchemeCase cases[] = {{multiquan, 4}, {SchemeKind::dithered, 1}, {SchemeKind::dithered_raw, 1},
                              {SchemeKind::deterministic, 1}};
  for (SourceKind s : kLineSources)
    for (const SchemeCase& c : cases) {
      const SchemeKind truth = c.scheme == SchemeKind::multiquan_eq6 ? SchemeKind::multiquan : c.scheme;
      const Job job = make_job(truth, s, c.N, 0, default_step(s));
      const ExactResult e = evaluate_exact(job);
      const Result& r = v.sampled(c.scheme, s, c.N, 0, job.step);
      const std::string name = fmt::format("{} {}{}", to_string(s), to_string(job.scheme),
                                           c.N > 1 ? fmt::format(" N={}", c.N) : "");
      v.statistical("exact vs Monte Carlo", name + " D", e.distortion, r.distortion, r.distortion_se);
      v.rate("exact vs Monte Carlo", name + " R", e.rate_bits, r.rate);
      if (e.rate_conditional_bits)
        v.rate("exact vs Monte Carlo", name + " H(k|Z) binned", *e.rate_conditional_bits, *r.rate_conditional);
    }
  for (SchemeKind scheme : {SchemeKind::multiquan, SchemeKind::dithered, SchemeKind::deterministic}) {
    const Job job = make_job(scheme, SourceKind::circle, scheme == SchemeKind::multiquan ? 2 : 1, 4, 0.0);
    const ExactResult e = evaluate_exact(job);
    const Result& r = v.sampled(scheme, SourceKind::circle, job.N, 4, 0.0);
    v.statistical("exact vs Monte Carlo", fmt::format("circle {} L=4 D", to_string(scheme)), e.distortion, r.distortion,
                  r.distortion_se);
  }
}

void perception(Validator& v) {
  const SchemeKind multiquan = v.options().inject_eq6_fault ? SchemeKind::multiquan_eq6 : SchemeKind::multiquan;
  for (SourceKind s : kLineSources)
    for (SchemeKind scheme : {multiquan, SchemeKind::dithered}) {
      const uint32_t N = applies(scheme, kAxisN) ? 4 : 1;
      const Result& r = v.sampled(scheme, s, N, 0, default_step(s));
      v.bound("perfect perception (KS p)", fmt::format("{} {}", to_string(s), to_string(scheme)), kPerceptionP,
              r.perception.ks_pvalue, true, fmt::format("p >= {:g}", kPerceptionP));
    }
  for (SchemeKind scheme : {SchemeKind::multiquan, SchemeKind::dithered}) {
    const Result& r = v.sampled(scheme, SourceKind::circle, scheme == SchemeKind::multiquan ? 2 : 1, 4, 0.0);
    v.bound("perfect perception (Kuiper p)", fmt::format("circle {} L=4", to_string(scheme)), kPerceptionP,
            r.perception.ks_pvalue, true, fmt::format("p >= {:g}", kPerceptionP));
  }
  // Negative controls: the estimators must reject X + Z~ (at step 1, where the smoothing
  // is visible at 1e6 samples) and the literal eq. (6) decoder.
  for (SourceKind s : kLineSources)
    for (SchemeKind scheme : {SchemeKind::dithered_raw, SchemeKind::multiquan_eq6}) {
      const double step = scheme == SchemeKind::dithered_raw ? 1.0 : default_step(s);
      const Result& r = v.sampled(scheme, s, applies(scheme, kAxisN) ? 4 : 1, 0, step);
      v.detection("broken law detected (KS p)", fmt::format("{} {} step={}", to_string(s), to_string(scheme), step), r);
    }
}

}  // namespace

std::vector<Check> run_validation(const ValidationOptions& options, Backend& backend) {
  Validator v(options, backend);
  theorem_3_1(v);
  theorem_3_3(v);
  one_bit_values(v);
  theorem_3_2(v);
  dithered_raw(v);
  spec_closed_forms(v);
  exact_versus_monte_carlo(v);
  perception(v);
  lattice_checks(v);
  optimizer_checks(v);
  return v.take();
}

std::string checks_table(const std::vector<Check>& checks) {
  std::string out = fmt::format("{:<30} {:<44} {:>14} {:>14} {:>8}  {:<24} {}\n", "check", "case", "expected",
                                "measured", "z", "criterion", "verdict");
  size_t passed = 0, failed = 0;
  for (const Check& c : checks) {
    out += fmt::format("{:<30} {:<44} {:>14.8g} {:>14.8g} {:>8}  {:<24} {}\n", c.group, c.name, c.expected, c.measured,
                       c.z ? fmt::format("{:.2f}", *c.z) : "-", c.criterion, c.verdict());
    passed += c.pass;
    failed += c.failed();
  }
  out += fmt::format("\n{} checks, {} passed, {} failed", checks.size(), passed, failed);
  if (passed + failed < checks.size())
    out += fmt::format(", {} underpowered (rerun with the --samples they name)", checks.size() - passed - failed);
  return out + "\n";
}

std::string Check::verdict() const {
  if (pass) return "pass";
  if (underpowered) return fmt::format("underpowered: needs about {:.2g} samples", static_cast<double>(samples_needed));
  return "FAIL";
}

std::string json_line(const Check& c) {
  nlohmann::ordered_json o;
  o["group"] = c.group;
  o["case"] = c.name;
  o["expected"] = c.expected;
  o["measured"] = c.measured;
  o["z"] = c.z ? nlohmann::ordered_json(*c.z) : nlohmann::ordered_json(nullptr);
  o["criterion"] = c.criterion;
  o["pass"] = c.pass;
  o["verdict"] = c.pass ? "pass" : c.underpowered ? "underpowered" : "fail";
  if (c.underpowered) o["samples_needed"] = c.samples_needed;
  return o.dump();
}

}  // namespace rdp
