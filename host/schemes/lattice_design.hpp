#pragma once
// `--design theorem`: the gains, dither scale and step of a lattice scheme from a target
// distortion D and perception P per dimension (docs/theory.md §4.5), for X ~ N(0, sigma^2)
// and the lattice's normalized second moment G (sigma^2(Lambda) = G step^2):
//   lattice-sd (Lei et al., Thm 4.3), and lattice-qsd and lattice-det with the same gains;
//   lattice-pd at P = 0 (Thm 4.5).
#include "host/job.hpp"

namespace rdp {

// Sets job.gain_a, gain_s, dither_scale and step from job.target_D and job.target_P.
// Throws std::invalid_argument naming the target when it is outside the theorem's range.
void design_job(Job& job);

inline bool has_design(const Job& job) { return !std::isnan(job.target_D); }

// The job with the theorem design for target D and P.
inline Job designed(Job job, double D, double P) {
  job.target_D = D;
  job.target_P = P;
  design_job(job);
  return job;
}

}  // namespace rdp
