#!/usr/bin/env python3
"""MultiQuan on the exponential source in PyTorch on the GPU, as a careful researcher would write it.

The pipeline of multiquan_numpy.py (and of `rdpsim run --scheme multiquan --source
exponential`), in float64 on the GPU, chunked so that memory stays flat. Timing
synchronises the device. Prints one JSON line like the numpy baseline.
"""
import argparse
import json
import math
import time

import torch


def reconstruction_cdf(N, step, i_lo, i_hi, device, dtype):
    j = torch.arange(N * i_lo, N * (i_hi + 1) + 1, device=device, dtype=dtype)
    c = ((j[:, None] + torch.arange(N, device=device, dtype=dtype)[None, :]) / N - 0.5) * step
    return (-torch.expm1(-c.clamp(min=0.0))).mean(dim=1)


def conditional_entropy_bits(hist, N):
    counts = hist.reshape(-1, N).double()
    per_n = counts.sum(dim=0)
    p = counts / per_n
    h = -torch.where(counts > 0, p * torch.log2(p), torch.zeros_like(p)).sum(dim=0)
    return float((per_n / per_n.sum() * h).sum())


def simulate(samples, N=4, step=0.5, seed=1, chunk=1 << 26, device="cuda", dtype=torch.float64):
    gen = torch.Generator(device=device).manual_seed(seed)
    i_lo, i_hi = -1, int(math.ceil(60.0 / step))
    table = reconstruction_cdf(N, step, i_lo, i_hi, device, dtype)
    bins = N * (i_hi - i_lo + 1)
    hist = torch.zeros(bins, dtype=torch.int64, device=device)
    s1 = torch.zeros((), dtype=torch.float64, device=device)
    s2 = torch.zeros((), dtype=torch.float64, device=device)
    if device == "cuda":
        torch.cuda.synchronize()
    start = time.perf_counter()
    done = 0
    while done < samples:
        m = min(chunk, samples - done)
        x = torch.empty(m, device=device, dtype=dtype).exponential_(generator=gen)
        n = torch.randint(0, N, (m,), device=device, generator=gen)
        i = torch.floor(x / step - n.to(dtype) / N + 0.5).long()
        j = N * (i - i_lo) + n
        lo, hi = table[j], table[j + 1]
        u = torch.rand(m, device=device, dtype=dtype, generator=gen)
        x_hat = -torch.log1p(-(lo + u * (hi - lo)))
        e = (x - x_hat) ** 2
        s1 += e.sum(dtype=torch.float64)
        s2 += (e * e).sum(dtype=torch.float64)
        hist += torch.bincount(j, minlength=bins)
        done += m
    if device == "cuda":
        torch.cuda.synchronize()
    seconds = time.perf_counter() - start
    d = float(s1) / samples
    return {
        "baseline": "torch",
        "device": torch.cuda.get_device_name() if device == "cuda" else "cpu",
        "dtype": str(dtype).replace("torch.", ""),
        "samples": samples,
        "seconds": seconds,
        "samples_per_s": samples / seconds,
        "distortion": d,
        "distortion_se": math.sqrt(max(float(s2) / samples - d * d, 0.0) / (samples - 1)),
        "rate_bits": conditional_entropy_bits(hist, N),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=float, default=1e9)
    parser.add_argument("--N", type=int, default=4)
    parser.add_argument("--step", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--dtype", choices=["float64", "float32"], default="float64")
    args = parser.parse_args()
    dtype = torch.float64 if args.dtype == "float64" else torch.float32
    print(json.dumps(simulate(int(args.samples), args.N, args.step, args.seed, device=args.device, dtype=dtype)))


if __name__ == "__main__":
    main()
