#pragma once
// The unit-circle source (docs/theory.md §1.2, §2.5; Zhou & Tian Section 3): X uniform on the
// circle, coded by its angle theta in (-pi, pi); Delta = 2*pi/L and indices mod L.
// Distortion ||x - x^||^2 = 2 - 2 cos(theta - theta^), written 4 sin^2(d/2) so that
// small errors keep their precision.
#include "../pipeline_params.cuh"
#include "../rng.cuh"

namespace rdp {

// Delta on the circle: L equal arcs.
RDP_HD double circle_step(uint32_t L) { return 2.0 * kPi / L; }

// pi (2U - 1) for U = t or 1 - t; 1 - 2t is exact.
RDP_HD double circle_angle(double tail_u, bool upper) {
  const double a = kPi * (1.0 - 2.0 * tail_u);
  return upper ? a : -a;
}

RDP_HD double chord_sq(double angle_diff) {
  const double s = sin(0.5 * angle_diff);
  return 4.0 * s * s;
}

// Position of an angle on the circle as a fraction of a turn in [0, 1): the PIT of
// the uniform law on the circle.
RDP_HD double circle_pit(double angle) {
  const double t = (angle + kPi) / (2.0 * kPi);
  return t - floor(t);
}

RDP_HD SampleOutcome circle_outcome(double theta, const Reconstruction& c) {
  SampleOutcome out;
  out.bin = c.bin;
  out.sq_error = chord_sq(theta - c.x_hat);
  out.pit = circle_pit(c.x_hat);
  return out;
}

// Indices on the circle: |theta| <= pi keeps them within L of 0, exact in a double.
RDP_HD uint32_t mod_levels(int64_t i, uint32_t L) {
  const int64_t m = i % static_cast<int64_t>(L);
  return static_cast<uint32_t>(m < 0 ? m + L : m);
}

// MultiQuan on the circle (Theorem 3.1): quantizer n offset by 2*pi*n/(L*N); the
// private reconstruction is uniform on the arc of length 2*pi/(L*N) centred in the cell.
struct CircleMultiquan {
  RDP_HD static double draw(const PipelineParams&, const SampleRandoms& r) { return circle_angle(r.tail_u, r.upper != 0); }

  RDP_HD static Reconstruction code(const PipelineParams& p, const SampleRandoms& r, double theta) {
    const uint32_t n = index_from_word(r.common, p.N);
    const double shift = static_cast<double>(n) / p.N;
    const double index = floor(theta / p.step - shift + 0.5);
    const double theta_hat = (index + shift + (unit_from_word(r.priv) - 0.5) / p.N) * p.step;
    return {mod_levels(portable::integer_from_double(index), p.L) * p.groups + n, theta_hat};
  }

  RDP_HD static SampleOutcome score(const PipelineParams&, double theta, const Reconstruction& c) {
    return circle_outcome(theta, c);
  }
};

// Dithered quantization on the circle: theta^ = theta + Z~ mod 2*pi is uniform
// already, so no post-processing is needed (Theorem 3.3's extreme points).
struct CircleDithered {
  RDP_HD static double draw(const PipelineParams&, const SampleRandoms& r) { return circle_angle(r.tail_u, r.upper != 0); }

  RDP_HD static Reconstruction code(const PipelineParams& p, const SampleRandoms& r, double theta) {
    const double z = (unit_from_word(r.common) - 0.5) * p.step;
    const double index = floor((theta + z) / p.step + 0.5);
    return {mod_levels(portable::integer_from_double(index), p.L) * p.groups + index_from_word(r.common, p.groups),
            index * p.step - z};
  }

  RDP_HD static SampleOutcome score(const PipelineParams&, double theta, const Reconstruction& c) {
    return circle_outcome(theta, c);
  }
};

// Deterministic encoder with the centroid decoder: the centroid of an arc of angle
// Delta lies at radius sinc(Delta/2) inside the disc, so D = 1 - sinc^2(pi/L).
struct CircleDeterministic {
  RDP_HD static double draw(const PipelineParams&, const SampleRandoms& r) { return circle_angle(r.tail_u, r.upper != 0); }

  // X^ is the arc's centre direction; its radius enters the error in score().
  RDP_HD static Reconstruction code(const PipelineParams& p, const SampleRandoms&, double theta) {
    const double index = floor(theta / p.step + 0.5);
    return {mod_levels(portable::integer_from_double(index), p.L), index * p.step};
  }

  RDP_HD static SampleOutcome score(const PipelineParams& p, double theta, const Reconstruction& c) {
    const double radius = sin(0.5 * p.step) / (0.5 * p.step);
    SampleOutcome out;
    out.bin = c.bin;
    out.sq_error = (1.0 - radius) * (1.0 - radius) + radius * chord_sq(theta - c.x_hat);
    out.pit = circle_pit(c.x_hat);
    return out;
  }
};

}  // namespace rdp
