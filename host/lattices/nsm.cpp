#include "host/lattices/nsm.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "host/estimators/mean.hpp"
#include "host/lattices/lattice_traits.hpp"
#include "host/output/progress.hpp"
#include "host/plan/plan.hpp"
#include "kernels/lattices/lattice_dispatch.cuh"

namespace rdp {

NsmResult measure_nsm(LatticeKind lattice, uint64_t samples, uint64_t seed, Backend& backend, bool progress) {
  if (samples < 2) throw std::invalid_argument(fmt::format("--samples must be at least 2, got {}", samples));
  const Plan plan = make_cell_plan(lattice, seed);
  const auto start = std::chrono::steady_clock::now();
  Tally tally;
  ProgressLine line(progress);
  for (uint64_t first = 0; first < samples;) {
    const uint64_t count = std::min(backend.chunk_samples(plan), samples - first);
    backend.accumulate(plan, first, count, tally);
    first += count;
    line.update(first, samples);
  }
  line.finish();
  NsmResult r;
  r.lattice = lattice;
  r.dim = lattice_dimension(lattice);
  r.samples = samples;
  r.seed = seed;
  r.backend = backend.name();
  r.device = backend.device();
  r.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.points_per_s = static_cast<double>(samples) / r.elapsed_s;
  // G = E||U||^2 / (m V^(2/m)), U in the lattice's own coordinates.
  const double volume = visit_lattice(lattice, [](auto tag) { return decltype(tag)::type::kVolume; });
  const double unit = r.dim * std::pow(volume, 2.0 / r.dim);
  const MeanEstimate norm = error_mean(tally.moments.errors, tally.samples, plan.params.error_scale_exp);
  r.nsm = norm.mean / unit;
  r.nsm_se = norm.se / unit;
  r.nsm_reference = traits(lattice).reference_nsm;
  return r;
}

std::string json_line(const NsmResult& r) {
  nlohmann::ordered_json o;
  o["lattice"] = to_string(r.lattice);
  o["dim"] = r.dim;
  o["samples"] = r.samples;
  o["seed"] = r.seed;
  o["nsm"] = r.nsm;
  o["nsm_se"] = r.nsm_se;
  o["nsm_reference"] = r.nsm_reference;
  o["nsm_z"] = r.nsm_se > 0.0 ? (r.nsm - r.nsm_reference) / r.nsm_se : 0.0;
  o["backend"] = r.backend;
  o["device"] = r.device;
  o["elapsed_s"] = r.elapsed_s;
  o["points_per_s"] = r.points_per_s;
  return o.dump();
}

std::string nsm_table(const NsmResult& r) {
  return fmt::format(
      "{} (dimension {}), {} uniform points of the Voronoi cell on {}\n"
      "  G measured   {:.7f} ± {:.1e}\n  G reference  {:.7f}   (z = {:+.2f})\n  sphere bound {:.7f}\n"
      "  {:.3g} points/s\n",
      to_string(r.lattice), r.dim, r.samples, r.device, r.nsm, r.nsm_se, r.nsm_reference,
      r.nsm_se > 0.0 ? (r.nsm - r.nsm_reference) / r.nsm_se : 0.0, kSphereBoundNsm, r.points_per_s);
}

}  // namespace rdp
