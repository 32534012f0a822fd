// The lattice rows of `rdpsim validate` (docs/theory.md §7.5): normalized second moments,
// the crypto lemma, the Z lattice against quadrature, finite shared dither against
// MultiQuan, the theorem designs on target, and the Gaussian R(D, P) as a lower bound.
#include <algorithm>
#include <cmath>

#include "host/exact/exact.hpp"
#include "host/lattices/lattice_traits.hpp"
#include "host/lattices/nsm.hpp"
#include "host/schemes/lattice_design.hpp"
#include "sims/validator.hpp"

namespace rdp {
namespace {

// Design rows pass within 3 standard errors.
constexpr double kDesignZ = 3.0;

// A vector costs a lattice search per block and, beyond Z, 4 K^m more for its rate: the
// table runs 1/20 as many vectors as scalar samples with Z, 1/100 with the others.
uint64_t vector_samples(const Validator& v, LatticeKind lattice) {
  return std::max<uint64_t>(2000, v.options().samples / (lattice == LatticeKind::Z ? 20 : 100));
}

Job lattice_job(const Validator& v, SchemeKind scheme, LatticeKind lattice, uint32_t blocks) {
  return make_lattice_job(scheme, lattice, blocks, 0.5, vector_samples(v, lattice), v.options().seed);
}

std::string label(const Job& job) {
  std::string s = fmt::format("{} {}", to_string(job.lattice), job.blocks > 1 ? fmt::format("x{}", job.blocks) : "");
  if (job.scheme == SchemeKind::lattice_qsd) s += fmt::format(" gamma={}", job.gamma);
  return s;
}

// Blocks that make vectors of 8 coordinates or the nearest below.
uint32_t blocks_for_8(LatticeKind lattice) { return std::max(1, 8 / lattice_dimension(lattice)); }

const LatticeKind kVectorLattices[] = {LatticeKind::Z, LatticeKind::A2, LatticeKind::D3, LatticeKind::D3_dual,
                                       LatticeKind::D4, LatticeKind::E8};

void second_moments(Validator& v) {
  for (const LatticeTraits& t : all_lattices()) {
    // As many points as cost the table about the same time for every lattice.
    const uint64_t n =
        std::max<uint64_t>(2000, static_cast<uint64_t>(v.options().samples * std::min(1.0, 20.0 / t.work_per_point)));
    const NsmResult r = measure_nsm(t.kind, n, v.options().seed, v.backend(), false);
    v.statistical("NSM (Conway & Sloane)", fmt::format("{} G", t.name), t.reference_nsm, r.nsm, r.nsm_se);
  }
}

// Crypto lemma: c + u = a x + E with E uniform on the cell, independent of x, so
// D = (1 - ab)^2 sigma^2 + b^2 G step^2 per dimension, on every lattice.
void crypto_lemma(Validator& v) {
  for (LatticeKind lattice : kVectorLattices) {
    const Job job = designed(lattice_job(v, SchemeKind::lattice_sd, lattice, blocks_for_8(lattice)), 0.2, 0.0);
    const Result& r = v.sampled(job);
    const double loss = 1.0 - job.gain_a * job.gain_s;
    const double expected = loss * loss * job.sigma * job.sigma +
                            job.gain_s * job.gain_s * traits(lattice).reference_nsm * job.step * job.step;
    v.statistical("SD crypto lemma", label(job) + " D", expected, r.distortion, r.distortion_se);
  }
}

void z_against_quadrature(Validator& v) {
  for (SchemeKind scheme : {SchemeKind::lattice_sd, SchemeKind::lattice_pd, SchemeKind::lattice_qsd,
                            SchemeKind::lattice_det}) {
    Job job = lattice_job(v, scheme, LatticeKind::Z, 4);
    job.step = 0.7;
    job.gain_s = 0.9;
    if (scheme == SchemeKind::lattice_qsd) job.gamma = 3;
    const ExactResult e = evaluate_exact(job);
    const Result& r = v.sampled(job);
    const std::string name = fmt::format("{} {}", to_string(scheme), label(job));
    v.statistical("Z lattice vs exact", name + " D", e.distortion, r.distortion, r.distortion_se);
    v.statistical("Z lattice vs exact", name + " R", e.rate_bits, r.rate.bits, r.rate.se);
  }
}

// With Z and gamma = N, finite shared dither encodes as MultiQuan with N offsets.
void qsd_is_multiquan(Validator& v) {
  constexpr uint32_t N = 4;
  Job qsd = lattice_job(v, SchemeKind::lattice_qsd, LatticeKind::Z, 1);
  qsd.gamma = N;
  qsd.samples = v.options().samples;
  const Job multiquan = make_job(SchemeKind::multiquan, SourceKind::gaussian, N, 0, qsd.step);
  const double multiquan_rate = evaluate_exact(multiquan).rate_bits;
  v.relative("QSD = MultiQuan", "Z gamma=4 vs N=4 exact R", multiquan_rate, evaluate_exact(qsd).rate_bits);
  const Result& r = v.sampled(qsd);
  v.statistical("QSD = MultiQuan", "Z gamma=4 Monte Carlo R vs N=4 exact", multiquan_rate, r.rate.bits, r.rate.se);
}

void designs_on_target(Validator& v) {
  for (LatticeKind lattice : {LatticeKind::Z, LatticeKind::E8}) {
    for (double P : {0.0, 0.01}) {
      const Job job = designed(lattice_job(v, SchemeKind::lattice_sd, lattice, blocks_for_8(lattice)), 0.1, P);
      const Result& r = v.sampled(job);
      v.statistical("Thm 4.3 SD design", fmt::format("{} P={} D", label(job), P), 0.1, r.distortion, r.distortion_se,
                    kDesignZ);
    }
    const Job pd = designed(lattice_job(v, SchemeKind::lattice_pd, lattice, blocks_for_8(lattice)), 0.02, 0.0);
    const Result& r = v.sampled(pd);
    v.statistical("Thm 4.5 PD design", label(pd) + " D", 0.02, r.distortion, r.distortion_se, kDesignZ);
    v.statistical("Thm 4.5 PD design", label(pd) + " E||X^||^2/n = sigma^2", 1.0, r.vector->output_power,
                  r.vector->output_power_se, kDesignZ);
  }
}

// No scheme beats R(D, P); a better packing comes closer to it.
void rdp_bounds(Validator& v) {
  double gap[2] = {0.0, 0.0}, gap_se[2] = {0.0, 0.0};
  int k = 0;
  for (LatticeKind lattice : {LatticeKind::Z, LatticeKind::E8}) {
    const Job sd = designed(lattice_job(v, SchemeKind::lattice_sd, lattice, blocks_for_8(lattice)), 0.1, 0.0);
    std::vector<Job> jobs = {sd};
    for (uint32_t gamma : {2u, 3u}) {
      Job qsd = sd;
      qsd.scheme = SchemeKind::lattice_qsd;
      qsd.gamma = gamma;
      jobs.push_back(qsd);
    }
    for (const Job& job : jobs) {
      const Result& r = v.sampled(job);
      v.bound("R(D,P) lower bound", fmt::format("{} {}: R + 3se >= R(D,P)", to_string(job.scheme), label(job)),
              r.vector->rdp_bound_bits, r.rate.bits + kDesignZ * r.rate.se, true, "measured >= expected");
    }
    const Result& r = v.sampled(sd);
    gap[k] = r.rate.bits - r.vector->rdp_bound_bits;
    gap_se[k++] = r.rate.se;
  }
  v.bound("R(D,P) lower bound", "SD: gap(Z^8) - gap(E8) - 3se > 0", 0.0,
          gap[0] - gap[1] - kDesignZ * std::hypot(gap_se[0], gap_se[1]), true, "measured >= expected");
}

}  // namespace

void lattice_checks(Validator& v) {
  second_moments(v);
  crypto_lemma(v);
  z_against_quadrature(v);
  qsd_is_multiquan(v);
  designs_on_target(v);
  rdp_bounds(v);
}

}  // namespace rdp
