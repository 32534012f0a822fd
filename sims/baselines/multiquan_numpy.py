#!/usr/bin/env python3
"""MultiQuan on the exponential or gaussian source in numpy, as a careful researcher would write it.

The same pipeline as `rdpsim run --scheme multiquan --source exponential` (or gaussian):
draw X and the offset n, encode i = round(x/step - n/N), decode X^ uniformly in
probability on the reconstruction interval [a_j, a_j+1) of cell j = N*i + n, accumulate
the squared error and the index histogram. The gaussian decoder interpolates in F left
of the median and in S = 1 - F right of it (scipy.special.ndtr and ndtri), so that no
tail probability is formed as 1 - (1 - p). Vectorised over chunks, so memory stays flat.

Prints one JSON line: throughput and the distortion and rate it measured.
"""
import argparse
import json
import math
import time

import numpy as np
from scipy.special import ndtr, ndtri  # the Gaussian CDF and its inverse


def thresholds(N, step, i_lo, i_hi):
    """c_{j+k} for the boundaries j of the window's cells, k = 0..N-1 (docs/theory.md §2.1)."""
    j = np.arange(N * i_lo, N * (i_hi + 1) + 1)
    return ((j[:, None] + np.arange(N)[None, :]) / N - 0.5) * step


def reconstruction_cdf(N, step, i_lo, i_hi):
    """F(a_j) = mean_k F(c_{j+k}) for the exponential source."""
    return (-np.expm1(-np.maximum(thresholds(N, step, i_lo, i_hi), 0.0))).mean(axis=1)


def gaussian_tables(N, step, i_lo, i_hi):
    """F(a_j) and S(a_j) = mean_k S(c_{j+k}) for the gaussian source."""
    c = thresholds(N, step, i_lo, i_hi)
    return ndtr(c).mean(axis=1), ndtr(-c).mean(axis=1)


def conditional_entropy_bits(hist, N):
    """H(i | n) from counts laid out as rows i, columns n."""
    counts = hist.reshape(-1, N).astype(np.float64)
    per_n = counts.sum(axis=0)
    p = counts / per_n
    with np.errstate(divide="ignore", invalid="ignore"):
        h = -np.where(counts > 0, p * np.log2(p), 0.0).sum(axis=0)
    return float((per_n / per_n.sum() * h).sum())


def simulate(samples, N=4, step=0.5, seed=1, source="exponential", chunk=1 << 22):
    rng = np.random.default_rng(seed)
    gaussian = source == "gaussian"
    if gaussian:  # gaussian draws stay far inside |x| < 12
        i_lo, i_hi = -int(math.ceil(12.0 / step)), int(math.ceil(12.0 / step))
        cdf, sf = gaussian_tables(N, step, i_lo, i_hi)
    else:  # exponential draws stay far below 60
        i_lo, i_hi = -1, int(math.ceil(60.0 / step))
        table = reconstruction_cdf(N, step, i_lo, i_hi)
    bins = N * (i_hi - i_lo + 1)
    hist = np.zeros(bins, np.int64)
    s1 = s2 = 0.0
    start = time.perf_counter()
    done = 0
    while done < samples:
        m = min(chunk, samples - done)
        x = rng.standard_normal(m) if gaussian else rng.exponential(size=m)
        n = rng.integers(0, N, size=m)
        i = np.floor(x / step - n / N + 0.5).astype(np.int64)
        j = N * (i - i_lo) + n
        u = rng.random(m)
        if gaussian:
            lo_cdf, hi_cdf, lo_sf, hi_sf = cdf[j], cdf[j + 1], sf[j], sf[j + 1]
            lower = lo_cdf < 0.5
            x_hat = np.where(lower, ndtri(lo_cdf + u * (hi_cdf - lo_cdf)), -ndtri(lo_sf - u * (lo_sf - hi_sf)))
        else:
            lo, hi = table[j], table[j + 1]
            x_hat = -np.log1p(-(lo + u * (hi - lo)))
        e = (x - x_hat) ** 2
        s1 += float(e.sum())
        s2 += float((e * e).sum())
        hist += np.bincount(j, minlength=bins)
        done += m
    seconds = time.perf_counter() - start
    d = s1 / samples
    return {
        "baseline": "numpy",
        "source": source,
        "device": "cpu (1 thread)",
        "samples": samples,
        "seconds": seconds,
        "samples_per_s": samples / seconds,
        "distortion": d,
        "distortion_se": math.sqrt(max(s2 / samples - d * d, 0.0) / (samples - 1)),
        "rate_bits": conditional_entropy_bits(hist, N),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=float, default=2e7)
    parser.add_argument("--N", type=int, default=4)
    parser.add_argument("--step", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--source", choices=["exponential", "gaussian"], default="exponential")
    args = parser.parse_args()
    print(json.dumps(simulate(int(args.samples), args.N, args.step, args.seed, args.source)))


if __name__ == "__main__":
    main()
