#include "result_output.hpp"

#include <fmt/format.h>

namespace rdp {
namespace {
bool is_dithered(SchemeKind s) { return s == SchemeKind::dithered || s == SchemeKind::dithered_raw; }
}  // namespace

nlohmann::ordered_json to_json(const Result& r) {
  const Job& j = r.job;
  nlohmann::ordered_json o;
  o["scheme"] = to_string(j.scheme);
  o["source"] = to_string(j.source);
  o["N"] = j.scheme == SchemeKind::multiquan ? nlohmann::ordered_json(j.N) : nullptr;
  o["L"] = j.source == SourceKind::circle ? nlohmann::ordered_json(j.L) : nullptr;
  o["step"] = r.step;
  o["samples"] = j.samples;
  o["seed"] = j.seed;
  o["backend"] = r.backend;
  o["device"] = r.device;
  o["rate_bits"] = r.rate.bits;
  o["rate_bits_se"] = r.rate.se;
  o["rate_marginal_bits"] = r.rate_marginal.bits;
  o["rate_marginal_bits_se"] = r.rate_marginal.se;
  if (is_dithered(j.scheme) && r.rate_conditional) {
    o["rate_conditional_bits"] = r.rate_conditional->bits;
    o["rate_conditional_bits_se"] = r.rate_conditional->se;
    o["dither_bins"] = j.dither_bins;
  }
  o["distortion"] = r.distortion;
  o["distortion_se"] = r.distortion_se;
  // W1, W2 and KS against the exact law come with the perception estimators.
  o["w1"] = nullptr;
  o["w2"] = nullptr;
  o["ks"] = nullptr;
  o["ks_pvalue"] = nullptr;
  o["pit_chi2"] = r.pit_chi2;
  o["pit_pvalue"] = r.pit_pvalue;
  o["pit_bins"] = j.pit_bins;
  o["overflow"] = r.overflow;
  o["elapsed_s"] = r.elapsed_s;
  o["samples_per_s"] = r.samples_per_s;
  return o;
}

std::string json_line(const Result& r) { return to_json(r).dump(); }

std::string results_table(const std::vector<Result>& results) {
  std::string out = fmt::format("{:<14} {:<12} {:>3} {:>3} {:>8} {:>14} {:>10} {:>10} {:>22} {:>9}\n", "scheme",
                                "source", "N", "L", "step", "rate [bits]", "marginal", "cond.", "distortion ± se",
                                "PIT p");
  for (const Result& r : results) {
    const Job& j = r.job;
    const std::string n = j.scheme == SchemeKind::multiquan ? std::to_string(j.N) : "-";
    const std::string l = j.source == SourceKind::circle ? std::to_string(j.L) : "-";
    const std::string cond = r.rate_conditional ? fmt::format("{:.4f}", r.rate_conditional->bits) : "-";
    out += fmt::format("{:<14} {:<12} {:>3} {:>3} {:>8.4f} {:>7.4f}±{:<6.4f} {:>10.4f} {:>10} {:>11.6f} ± {:<8.2g} {:>9.3g}\n",
                       to_string(j.scheme), to_string(j.source), n, l, r.step, r.rate.bits, r.rate.se,
                       r.rate_marginal.bits, cond, r.distortion, r.distortion_se, r.pit_pvalue);
  }
  return out;
}

}  // namespace rdp
