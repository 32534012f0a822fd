#!/usr/bin/env python3
"""E8 shared-dither lattice coding of N(0, I_8) vectors in numpy, with every estimator that
`rdpsim run --scheme lattice-sd --lattice E8` computes, as a careful researcher would write it.

Per vector: x ~ N(0, I_8); u uniform on the Voronoi cell V0 of Lambda = s E8 (v uniform on a
fundamental box of 2s Z^8, u = v - Q(v)); c = Q(x - u); x^ = b (c + u). Estimators:
distortion ||x - x^||^2 / 8; rate -log2 P^(c | u) / 8 by randomized QMC over the cell (the
2^8 points of (1/2) Lambda reduced into V0, two random shifts each with its antithetic, the
Jensen bias from the shifts' spread); perception from histograms of Phi(theta . x^) along
16 random unit directions and of Phi(x^_i) per coordinate (4096 bins each). Vectorised over
chunks of vectors, one thread, memory flat in the number of vectors.

Prints one JSON line: throughput and the estimates.
"""
import argparse
import json
import math
import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np
from scipy.special import ndtr  # the Gaussian CDF


def closest_dn(x):
    f = np.floor(x + 0.5)
    odd = (f.sum(axis=-1) % 2) != 0
    err = x - f
    worst = np.abs(err).argmax(axis=-1)
    fix = np.take_along_axis(err, worst[..., None], axis=-1)[..., 0]
    step = np.where(fix >= 0, 1.0, -1.0) * odd
    np.put_along_axis(f, worst[..., None], (np.take_along_axis(f, worst[..., None], axis=-1)[..., 0] + step)[..., None],
                      axis=-1)
    return f


def closest_e8(x):
    a = closest_dn(x)
    b = closest_dn(x - 0.5) + 0.5
    da = ((x - a) ** 2).sum(axis=-1)
    db = ((x - b) ** 2).sum(axis=-1)
    return np.where((db < da)[..., None], b, a)


def e8_generator():
    g = np.zeros((8, 8))
    g[0, 0] = 2.0
    for r in range(1, 7):
        g[r, r] = 1.0
        g[r, r - 1] = -1.0
    g[7, :] = 0.5
    return g


def simulate(vectors, step=1.2, gain_s=1.0, sigma=1.0, directions=16, bins=4096, seed=1, chunk=2048):
    rng = np.random.default_rng(seed)
    scale = step  # E8 has covolume 1
    z = np.array(np.meshgrid(*[[0, 1]] * 8, indexing="ij")).reshape(8, -1).T
    fine = z @ e8_generator() * (scale / 2)
    cell_points = fine - scale * closest_e8(fine / scale)  # (256, 8), reduced into V0
    log_const = 8 * math.log(step) - 4 * math.log(2 * math.pi * sigma * sigma) - math.log(len(cell_points))
    theta = rng.standard_normal((directions, 8))
    theta /= np.linalg.norm(theta, axis=1, keepdims=True)
    hist = np.zeros((directions + 8, bins), dtype=np.int64)
    d_sum = d_sq = r_sum = r_sq = b_sum = 0.0
    done = 0
    while done < vectors:
        n = min(chunk, vectors - done)
        x = sigma * rng.standard_normal((n, 8))
        v = rng.random((n, 8)) * 2 * scale
        u = v - scale * closest_e8(v / scale)
        c = scale * closest_e8((x - u) / scale)
        centre = c + u
        x_hat = gain_s * centre
        d = ((x - x_hat) ** 2).sum(axis=1)
        d_sum += d.sum()
        d_sq += (d * d).sum()
        logs = []
        for _ in range(2):
            shift = rng.random((n, 8)) * scale  # a uniform point of V0(scale/2 E8): box of side 2 * scale/2
            shift = shift - (scale / 2) * closest_e8(shift / (scale / 2))
            pair = []
            for sgn in (1.0, -1.0):
                w = cell_points[None, :, :] + sgn * shift[:, None, :]
                w = w - scale * closest_e8(w / scale)
                e = -(((centre[:, None, :] + w) ** 2).sum(axis=2)) / (2 * sigma * sigma)
                top = e.max(axis=1)
                pair.append(log_const + top + np.log(np.exp(e - top[:, None]).sum(axis=1)))
            logs.append(np.logaddexp(pair[0], pair[1]) - math.log(2))
        log_mean = np.logaddexp(logs[0], logs[1]) - math.log(2)
        rel = np.tanh(0.5 * np.abs(logs[0] - logs[1]))
        info = -log_mean / math.log(2)
        r_sum += info.sum()
        r_sq += (info * info).sum()
        b_sum += (rel * rel / (2 * math.log(2))).sum()
        pits = np.concatenate([ndtr((x_hat @ theta.T) / sigma), ndtr(x_hat / sigma)], axis=1)
        idx = np.minimum((pits * bins).astype(np.int64), bins - 1)
        for ch in range(directions + 8):
            hist[ch] += np.bincount(idx[:, ch], minlength=bins)
        done += n
    D = d_sum / vectors / 8
    D_se = math.sqrt(max(d_sq / vectors - (d_sum / vectors) ** 2, 0) / vectors) / 8
    R = r_sum / vectors / 8
    R_se = math.sqrt(max(r_sq / vectors - (r_sum / vectors) ** 2, 0) / vectors) / 8
    return {"distortion": D, "distortion_se": D_se, "rate_bits": R, "rate_bits_se": R_se,
            "rate_bias_bits": b_sum / vectors / 8, "histogram_total": int(hist.sum())}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=float, default=2e4, help="vectors")
    parser.add_argument("--step", type=float, default=1.2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    vectors = int(args.samples)
    start = time.perf_counter()
    out = simulate(vectors, args.step, seed=args.seed)
    elapsed = time.perf_counter() - start
    out.update({"scheme": "lattice-sd", "lattice": "E8", "samples": vectors, "elapsed_s": elapsed,
                "samples_per_s": vectors / elapsed})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
