#include "host/output/result_output.hpp"

#include <cmath>

#include <fmt/format.h>

#include "host/lattices/lattice_traits.hpp"
#include "host/plan/thresholds_file.hpp"
#include "host/schemes/lattice_design.hpp"
#include "host/schemes/scheme_traits.hpp"

namespace rdp {
namespace {

nlohmann::ordered_json optional_number(const std::optional<double>& v) {
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}

// The job's own keys, shared by simulated and exact results.
nlohmann::ordered_json job_keys(const Job& j, double step) {
  nlohmann::ordered_json o;
  o["scheme"] = to_string(j.scheme);
  o["source"] = to_string(j.source);
  // The 1-D sources' law loc + scale * Z (the lattice schemes have sigma instead).
  const bool line_law = j.source != SourceKind::circle && !applies(j.scheme, kAxisLattice);
  o["loc"] = line_law ? nlohmann::ordered_json(j.loc) : nullptr;
  o["scale"] = line_law ? nlohmann::ordered_json(j.scale) : nullptr;
  o["N"] = applies(j.scheme, kAxisN) ? nlohmann::ordered_json(j.N) : nullptr;
  o["L"] = j.source == SourceKind::circle ? nlohmann::ordered_json(j.L) : nullptr;
  o["step"] = step;
  if (!j.thresholds.empty()) {
    o["thresholds"] = j.thresholds_file.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(j.thresholds_file);
    o["thresholds_hash"] = thresholds_hash(j);
  }
  if (!std::isnan(j.target_rate)) o["target_rate"] = j.target_rate;
  if (!std::isnan(j.target_distortion)) o["target_distortion"] = j.target_distortion;
  if (applies(j.scheme, kAxisLattice)) {
    o["lattice"] = to_string(j.lattice);
    o["dim"] = j.blocks * lattice_dimension(j.lattice);
    o["blocks"] = j.blocks;
    o["gamma"] = applies(j.scheme, kAxisGamma) ? nlohmann::ordered_json(j.gamma) : nullptr;
    o["gain_a"] = j.gain_a;
    o["gain_s"] = j.gain_s;
    o["dither_scale"] = applies(j.scheme, kAxisDitherScale) ? nlohmann::ordered_json(j.dither_scale) : nullptr;
    o["sigma"] = j.sigma;
    if (has_design(j)) {
      o["target_D"] = j.target_D;
      o["target_P"] = j.target_P;
    }
  }
  return o;
}

// The keys of a lattice vector scheme's result (docs/theory.md §5.4, §5.7); rates and
// distortion per dimension.
void vector_keys(const Result& r, nlohmann::ordered_json& o) {
  const VectorFigures& v = *r.vector;
  o["rate_bits"] = r.rate.bits;
  o["rate_bits_se"] = r.rate.se;
  o["rate_bias_bits"] = r.rate.bias;
  o["cell_points"] = v.cell_points;
  o["common_bits_per_dim"] = optional_number(v.common_bits_per_dim);
  o["distortion"] = r.distortion;
  o["distortion_se"] = r.distortion_se;
  o["sw2sq"] = v.sw2sq;
  o["w2sq_per_dim"] = v.w2sq_per_dim;
  o["directions"] = r.job.directions;
  o["output_power"] = v.output_power;
  o["output_power_se"] = v.output_power_se;
  o["rdp_bound_bits"] = v.rdp_bound_bits;
  o["rdp_gap_bits"] = r.rate.bits - v.rdp_bound_bits;
}


}  // namespace

nlohmann::ordered_json to_json(const Result& r) {
  const Job& j = r.job;
  nlohmann::ordered_json o = job_keys(j, r.step);
  o["samples"] = r.samples;
  if (!std::isnan(j.target_se)) o["target_se"] = j.target_se;
  if (!std::isnan(j.target_se) || r.interrupted) o["samples_limit"] = j.samples;
  if (r.interrupted) o["interrupted"] = true;
  o["seed"] = j.seed;
  o["backend"] = r.backend;
  o["device"] = r.device;
  if (r.vector) {
    vector_keys(r, o);
  } else {
    o["rate_bits"] = r.rate.bits;
    o["rate_bits_se"] = r.rate.se;
    o["rate_bias_bits"] = r.rate.bias;
    o["rate_marginal_bits"] = r.rate_marginal.bits;
    o["rate_marginal_bits_se"] = r.rate_marginal.se;
    if (r.rate_conditional) {
      o["rate_conditional_bits"] = r.rate_conditional->bits;
      o["rate_conditional_bits_se"] = r.rate_conditional->se;
      o["dither_bins"] = j.dither_bins;
    }
    o["distortion"] = r.distortion;
    o["distortion_se"] = r.distortion_se;
  }
  const Perception& p = r.perception;
  o["w1"] = optional_number(p.w1);
  o["w2"] = optional_number(p.w2);
  o["ks"] = p.ks;
  o["ks_pvalue"] = p.ks_pvalue;
  o["ks_test"] = p.ks_test;
  o["pit_chi2"] = p.chi2;
  o["pit_chi2_pvalue"] = p.chi2_pvalue;
  o["pit_chi2_groups"] = p.chi2_groups;
  o["pit_bins"] = pit_bins_of(j);
  o["overflow"] = r.overflow;
  o["saturated"] = r.saturated;
  o["elapsed_s"] = r.elapsed_s;
  o["samples_per_s"] = r.samples_per_s;
  if (r.vector) o["coordinates_per_s"] = r.samples_per_s * r.vector->dim;
  return o;
}

std::string json_line(const Result& r) { return to_json(r).dump(); }

namespace {

std::string vector_table(const std::vector<Result>& results) {
  std::string out = fmt::format("{:<12} {:<6} {:>3} {:>5} {:>8} {:>18} {:>9} {:>22} {:>10} {:>10} {:>10}\n", "scheme",
                                "lattice", "n", "gamma", "step", "rate/dim ± se", "bias", "distortion/dim ± se",
                                "sw2sq", "R(D,P)", "KS p x1");
  for (const Result& r : results) {
    const Job& j = r.job;
    const VectorFigures& v = *r.vector;
    out += fmt::format("{:<12} {:<6} {:>3} {:>5} {:>8.4f} {:>9.5f}±{:<8.2g} {:>9.2g} {:>11.6f} ± {:<8.2g} {:>10.3g} {:>10.5f} "
                       "{:>10.3g}\n",
                       to_string(j.scheme), to_string(j.lattice), v.dim,
                       applies(j.scheme, kAxisGamma) ? std::to_string(j.gamma) : "-", r.step, r.rate.bits, r.rate.se,
                       r.rate.bias, r.distortion, r.distortion_se, v.sw2sq, v.rdp_bound_bits, r.perception.ks_pvalue);
  }
  return out;
}

}  // namespace

std::string results_table(const std::vector<Result>& results) {
  if (!results.empty() && results.front().vector) return vector_table(results);
  std::string out = fmt::format("{:<14} {:<12} {:>3} {:>3} {:>8} {:>14} {:>10} {:>10} {:>22} {:>9} {:>9}\n",
                                "scheme", "source", "N", "L", "step", "rate [bits]", "marginal", "cond.",
                                "distortion ± se", "W1", "KS p");
  for (const Result& r : results) {
    const Job& j = r.job;
    const std::string n = applies(j.scheme, kAxisN) ? std::to_string(j.N) : "-";
    const std::string l = j.source == SourceKind::circle ? std::to_string(j.L) : "-";
    const std::string cond = r.rate_conditional ? fmt::format("{:.4f}", r.rate_conditional->bits) : "-";
    const Perception& p = r.perception;
    out += fmt::format("{:<14} {:<12} {:>3} {:>3} {:>8.4f} {:>7.4f}±{:<6.4f} {:>10.4f} {:>10} {:>11.6f} ± {:<8.2g} {:>9.2e} {:>9.3g}\n",
                       to_string(j.scheme), to_string(j.source), n, l, r.step, r.rate.bits, r.rate.se,
                       r.rate_marginal.bits, cond, r.distortion, r.distortion_se, p.w1.value_or(NAN), p.ks_pvalue);
  }
  return out;
}


std::string json_line(const ExactResult& r) {
  nlohmann::ordered_json o = job_keys(r.job, r.step);
  o["rate_bits"] = r.rate_bits;
  if (!applies(r.job.scheme, kAxisLattice)) o["rate_marginal_bits"] = r.rate_marginal_bits;
  if (r.rate_conditional_bits) {
    o["rate_conditional_bits"] = *r.rate_conditional_bits;
    o["dither_bins"] = r.job.dither_bins;
    o["rate_conditional_limit_bits"] = optional_number(r.rate_conditional_limit_bits);
  }
  o["distortion"] = r.distortion;
  o["w1"] = optional_number(r.w1);
  o["method"] = r.method;
  return o.dump();
}

std::string exact_table(const ExactResult& r) {
  const std::string law =
      r.job.loc == 0.0 && r.job.scale == 1.0 ? "" : fmt::format(" with loc {:g}, scale {:g}", r.job.loc, r.job.scale);
  std::string out = fmt::format("{} on {}{} ({}), step {:.6g}\n", to_string(r.job.scheme), to_string(r.job.source),
                                law, r.method, r.step);
  out += fmt::format("  rate_bits              {:.10f}\n  rate_marginal_bits     {:.10f}\n", r.rate_bits,
                     r.rate_marginal_bits);
  if (r.rate_conditional_bits)
    out += fmt::format("  H(k|Z), {} dither bins {:.10f}\n  H(k|Z)                 {:.10f}\n", r.job.dither_bins,
                       *r.rate_conditional_bits, r.rate_conditional_limit_bits.value_or(NAN));
  out += fmt::format("  distortion             {:.12g}", r.distortion);
  return out;
}

std::string json_line(const SampleDistance& d) {
  nlohmann::ordered_json o;
  o["w1"] = d.w1;
  o["w2"] = d.w2;
  o["n_a"] = d.n_a;
  o["n_b"] = d.n_b;
  o["backend"] = d.backend;
  return o.dump();
}

}  // namespace rdp
