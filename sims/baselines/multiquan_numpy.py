#!/usr/bin/env python3
"""MultiQuan on the exponential source in numpy, as a careful researcher would write it.

The same pipeline as `rdpsim run --scheme multiquan --source exponential`: draw X and the
offset n, encode i = round(x/step - n/N), decode X^ uniformly in probability on the
reconstruction interval [a_j, a_j+1) of cell j = N*i + n, accumulate the squared error
and the index histogram. Vectorised over chunks, so memory stays flat.

Prints one JSON line: throughput and the distortion and rate it measured.
"""
import argparse
import json
import math
import time

import numpy as np


def reconstruction_cdf(N, step, i_lo, i_hi):
    """F(a_j) = mean_k F(c_{j+k}) for the boundaries j of the window's cells (docs/theory.md §2.1)."""
    j = np.arange(N * i_lo, N * (i_hi + 1) + 1)
    c = ((j[:, None] + np.arange(N)[None, :]) / N - 0.5) * step
    return (-np.expm1(-np.maximum(c, 0.0))).mean(axis=1)


def conditional_entropy_bits(hist, N):
    """H(i | n) from counts laid out as rows i, columns n."""
    counts = hist.reshape(-1, N).astype(np.float64)
    per_n = counts.sum(axis=0)
    p = counts / per_n
    with np.errstate(divide="ignore", invalid="ignore"):
        h = -np.where(counts > 0, p * np.log2(p), 0.0).sum(axis=0)
    return float((per_n / per_n.sum() * h).sum())


def simulate(samples, N=4, step=0.5, seed=1, chunk=1 << 22):
    rng = np.random.default_rng(seed)
    i_lo, i_hi = -1, int(math.ceil(60.0 / step))  # exponential draws stay far below 60
    table = reconstruction_cdf(N, step, i_lo, i_hi)
    bins = N * (i_hi - i_lo + 1)
    hist = np.zeros(bins, np.int64)
    s1 = s2 = 0.0
    start = time.perf_counter()
    done = 0
    while done < samples:
        m = min(chunk, samples - done)
        x = rng.exponential(size=m)
        n = rng.integers(0, N, size=m)
        i = np.floor(x / step - n / N + 0.5).astype(np.int64)
        j = N * (i - i_lo) + n
        lo, hi = table[j], table[j + 1]
        x_hat = -np.log1p(-(lo + rng.random(m) * (hi - lo)))
        e = (x - x_hat) ** 2
        s1 += float(e.sum())
        s2 += float((e * e).sum())
        hist += np.bincount(j, minlength=bins)
        done += m
    seconds = time.perf_counter() - start
    d = s1 / samples
    return {
        "baseline": "numpy",
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
    args = parser.parse_args()
    print(json.dumps(simulate(int(args.samples), args.N, args.step, args.seed)))


if __name__ == "__main__":
    main()
