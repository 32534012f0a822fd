#pragma once
// The 1-D sources (docs/theory.md §1.1). The four standard laws Z are stateless structs
// whose members run on host and device: density, CDF F, survival S = 1 - F, quantiles
// icdf (of F) and isf (of S), the integrated CDF G(t) = int_{-inf}^t F and the
// integrated survival H(t) = int_t^inf S. A source is one of them moved and stretched,
// X = loc + scale * Z (LocationScale below): the object the schemes, the planner and
// the exact evaluators call. Each quantity has a form that keeps full relative
// precision in its own tail: callers use F, icdf and G left of the median and S,
// isf and H right of it, so that no far-tail probability is formed as 1 - (1 - p).
// exp and log come from portable_math.cuh and erfc from portable_erf.cuh (the same
// bits on CPU and GPU); sqrt is correctly rounded on both.
#include <cmath>

#include "hd.cuh"
#include "portable_erf.cuh"
#include "portable_math.cuh"

namespace rdp {

struct UniformSource {  // U[0, 1]
  RDP_HD static double median() { return 0.5; }
  RDP_HD static double pdf(double x) { return (x >= 0.0 && x <= 1.0) ? 1.0 : 0.0; }
  RDP_HD static double cdf(double x) { return x <= 0.0 ? 0.0 : (x >= 1.0 ? 1.0 : x); }
  RDP_HD static double sf(double x) { return x <= 0.0 ? 1.0 : (x >= 1.0 ? 0.0 : 1.0 - x); }
  RDP_HD static double icdf(double p) { return p; }
  RDP_HD static double isf(double q) { return 1.0 - q; }
  RDP_HD static double tail_quantile(double t, bool upper) { return upper ? 1.0 - t : t; }
  RDP_HD static double integrated_cdf(double t) {
    return t <= 0.0 ? 0.0 : (t <= 1.0 ? 0.5 * t * t : t - 0.5);
  }
  RDP_HD static double integrated_sf(double t) {
    return t <= 0.0 ? 0.5 - t : (t <= 1.0 ? 0.5 * (1.0 - t) * (1.0 - t) : 0.0);
  }
};

struct ExponentialSource {  // p(x) = exp(-x), x >= 0
  RDP_HD static double median() { return 0.69314718055994530942; }
  RDP_HD static double pdf(double x) { return x < 0.0 ? 0.0 : portable::exp(-x); }
  RDP_HD static double cdf(double x) { return x <= 0.0 ? 0.0 : -portable::expm1(-x); }
  RDP_HD static double sf(double x) { return x <= 0.0 ? 1.0 : portable::exp(-x); }
  RDP_HD static double icdf(double p) { return -portable::log1p(-p); }
  RDP_HD static double isf(double q) { return -portable::log(q); }
  // -log1p(-t) or -log(t) as one logarithm, of 1 - t (held with its rounding error) or
  // of t; the same bits for every normal t, as draws (t >= 2^-54) and decodes have.
  RDP_HD static double tail_quantile(double t, bool upper) {
    const double w = upper ? t : 1.0 - t;
    const double c = upper ? 0.0 : -t - (w - 1.0);
    return -portable::log_of_sum(w, c);
  }
  RDP_HD static double integrated_cdf(double t) { return t <= 0.0 ? 0.0 : t + portable::expm1(-t); }
  RDP_HD static double integrated_sf(double t) { return t <= 0.0 ? 1.0 - t : portable::exp(-t); }
};

struct GaussianSource {  // N(0, 1)
  RDP_HD static double median() { return 0.0; }
  RDP_HD static double pdf(double x) { return 0.39894228040143267794 * portable::exp(-0.5 * x * x); }
  RDP_HD static double cdf(double x) { return 0.5 * portable::erfc(-x * 0.70710678118654752440); }
  RDP_HD static double sf(double x) { return 0.5 * portable::erfc(x * 0.70710678118654752440); }
  RDP_HD static double icdf(double p) {
    const double x = lower_quantile(p <= 0.5 ? p : 1.0 - p);
    return p <= 0.5 ? x : -x;
  }
  RDP_HD static double isf(double q) { return -icdf(q); }
  RDP_HD static double tail_quantile(double t, bool upper) { return upper ? -icdf(t) : icdf(t); }
  // E[(t - X)+] and E[(X - t)+]. In the far tail pdf and t*F (or t*S) nearly cancel,
  // costing about t^2 ulps: 1e-14 relative at |t| = 8.3, the edge of the reachable range.
  RDP_HD static double integrated_cdf(double t) { return pdf(t) + t * cdf(t); }
  RDP_HD static double integrated_sf(double t) { return pdf(t) - t * sf(t); }

  // Quantile for p <= 1/2: Acklam's rational approximation (relative error about
  // 1e-9), refined by one Halley step on the erfc-based CDF to full double precision.
  RDP_HD static double lower_quantile(double p) {
    if (p <= 0.0) return -INFINITY;
    double x;
    if (p < 0.02425) {
      const double q = sqrt(-2.0 * portable::log(p));
      x = (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q -
             2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00) /
          ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q +
            3.754408661907416e+00) * q + 1.0);
    } else {
      const double q = p - 0.5;
      const double r = q * q;
      x = (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r +
             1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * q /
          (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r +
             6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1.0);
    }
    const double e = cdf(x) - p;
    const double u = e / pdf(x);
    return x - u / (1.0 + 0.5 * x * u);
  }
};

struct LaplaceSource {  // p(x) = exp(-|x|) / 2
  RDP_HD static double median() { return 0.0; }
  RDP_HD static double pdf(double x) { return 0.5 * portable::exp(-fabs(x)); }
  RDP_HD static double cdf(double x) {
    const double tail = 0.5 * portable::exp(-fabs(x));
    return x < 0.0 ? tail : 1.0 - tail;
  }
  RDP_HD static double sf(double x) { return cdf(-x); }
  RDP_HD static double icdf(double p) {
    const double x = portable::log(2.0 * (p <= 0.5 ? p : 1.0 - p));
    return p <= 0.5 ? x : -x;
  }
  RDP_HD static double isf(double q) { return -icdf(q); }
  RDP_HD static double tail_quantile(double t, bool upper) { return upper ? -icdf(t) : icdf(t); }
  RDP_HD static double integrated_cdf(double t) { return t < 0.0 ? 0.5 * portable::exp(t) : t + 0.5 * portable::exp(-t); }
  RDP_HD static double integrated_sf(double t) { return integrated_cdf(-t); }
};

// The quantile function F^-1(u), evaluated in whichever tail u lies. The pipelines call
// each source's tail_quantile(t, upper) = upper ? isf(t) : icdf(t) instead, written
// as one evaluation rather than two arms of a branch, since SIMD lanes evaluate both.
template <class Source>
RDP_HD double quantile(double u) {
  return u < 0.5 ? Source::icdf(u) : Source::isf(1.0 - u);
}

// The law of X = loc + scale * Z, Z one of the standard laws above (scale > 0):
// F(x) = F_Z((x - loc)/scale), p(x) = p_Z((x - loc)/scale)/scale, quantiles
// loc + scale * q_Z, G(t) = scale * G_Z((t - loc)/scale) and H likewise. Probabilities
// keep the standard law's tail precision. At loc = 0, scale = 1 every member returns
// the standard law's bits: x - 0 and x / 1 are x exactly, and so is 0 + 1 * q (up to
// the sign of a zero), with no fused multiply-add (the build forbids contraction).
template <class StandardLaw>
struct LocationScale {
  using Standard = StandardLaw;
  double loc = 0.0;
  double scale = 1.0;

  RDP_HD double to_standard(double x) const { return (x - loc) / scale; }
  RDP_HD double from_standard(double z) const { return loc + scale * z; }

  RDP_HD double median() const { return from_standard(Standard::median()); }
  RDP_HD double pdf(double x) const { return Standard::pdf(to_standard(x)) / scale; }
  RDP_HD double cdf(double x) const { return Standard::cdf(to_standard(x)); }
  RDP_HD double sf(double x) const { return Standard::sf(to_standard(x)); }
  RDP_HD double icdf(double p) const { return from_standard(Standard::icdf(p)); }
  RDP_HD double isf(double q) const { return from_standard(Standard::isf(q)); }
  RDP_HD double tail_quantile(double t, bool upper) const { return from_standard(Standard::tail_quantile(t, upper)); }
  RDP_HD double quantile(double u) const { return from_standard(rdp::quantile<Standard>(u)); }
  RDP_HD double integrated_cdf(double t) const { return scale * Standard::integrated_cdf(to_standard(t)); }
  RDP_HD double integrated_sf(double t) const { return scale * Standard::integrated_sf(to_standard(t)); }
};

}  // namespace rdp
