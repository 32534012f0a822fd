#pragma once
// The Gaussian rate-distortion-perception function (docs/theory.md §6.6): X ~ N(0, sigma^2),
// squared error D and perception P measured as W2^2, per dimension, in bits (Zhang, Qian,
// Chen & Khisti, NeurIPS 2021; Lei, Hassani & Saeedi Bidokhti, arXiv:2503.17558, Prop. 4.1).
namespace rdp::gaussian {

// R(D) = max(0, 1/2 log2(sigma^2 / D)).
double rd_bits(double D, double sigma);
// R(D, P): 1/2 log2[sigma^2 (sigma - sqrt P)^2 / (sigma^2 (sigma - sqrt P)^2 - theta^2)] with
// theta = (sigma^2 + (sigma - sqrt P)^2 - D) / 2 when sqrt P < sigma - sqrt|sigma^2 - D|, else R(D).
double rdp_bits(double D, double P, double sigma);
// R(D/2, infinity) = 1/2 log2(2 sigma^2 / D): the limit of private dither at P = 0.
double pd_limit_bits(double D, double sigma);

}  // namespace rdp::gaussian
