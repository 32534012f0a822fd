#!/usr/bin/env python3
"""Rate-distortion plots like Zhou & Tian's Figs. 3, 7 and 8, from rdpsim sweep output.

  python3 sims/plot/plot_rd.py RESULTS_DIR FIGURE_DIR

RESULTS_DIR holds NAME.jsonl (Monte Carlo) and NAME.exact.jsonl (quadrature) for the
configurations of sims/configs; lines are exact values, markers Monte Carlo with
their 2-standard-error bars.
"""
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from rd_rows import curve, load_pair, scalar_bound, von_mises_rd

COLORS = {1: "tab:red", 2: "tab:orange", 4: "tab:green", 8: "tab:blue"}
TITLES = {
    "fig7_uniform": "uniform U[0,1]",
    "fig7_exponential": "exponential",
    "ext_gaussian": "Gaussian N(0,1)",
    "ext_laplace": "Laplace",
}


def mc_markers(ax, rows, scheme, N, rate_key, **style):
    r, d, se = curve(rows, scheme, N, rate_key)
    ax.errorbar(r, d, yerr=2 * se, fmt="o", markersize=3.5, capsize=0, **style)


def line_source_figure(results, name, figures, conditional):
    mc, exact = load_pair(results, name)
    fig, ax = plt.subplots(figsize=(6.4, 4.6))
    for N in (1, 2, 4, 8):
        bits = int(np.log2(N))
        label = f"MultiQuan N={N} ({bits} common bit{'s' if bits != 1 else ''})"
        ax.plot(*curve(exact, "multiquan", N)[:2], "-", color=COLORS[N], lw=1.3, label=label)
        mc_markers(ax, mc, "multiquan", N, "rate_bits", color=COLORS[N])
    ax.plot(*curve(exact, "dithered")[:2], "--", color="black", lw=1.5, label="dithered, marginal H(k)")
    mc_markers(ax, mc, "dithered", None, "rate_bits", color="black")
    if conditional:
        ax.plot(*curve(exact, "dithered", rate_key="rate_conditional_limit_bits")[:2], ":", color="purple", lw=1.8,
                label="dithered, conditional H(k|Z)")
        mc_markers(ax, mc, "dithered", None, "rate_conditional_bits", color="purple")
    ax.set_yscale("log")
    ax.set_xlim(0, 6.2)
    ax.set_xlabel("rate R (bits per sample)")
    ax.set_ylabel("distortion D (mean squared error)")
    which = "Fig. 8 style: with conditional entropy coding" if conditional else "Fig. 7 style"
    samples = mc[0]["samples"]
    ax.set_title(f"{TITLES[name]}, perfect perception ({which})\nlines: exact; markers: {samples:.0e} samples per point",
                 fontsize=9.5)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    out = os.path.join(figures, f"{name}_{'conditional' if conditional else 'marginal'}.png")
    fig.savefig(out, dpi=130)
    plt.close(fig)
    return out


def circle_figure(results, figures):
    mc, exact = load_pair(results, "fig3_circle")
    fig, ax = plt.subplots(figsize=(6.4, 4.6))
    r, d = von_mises_rd(np.logspace(-3, 4, 400))
    ax.plot(d, r, "-", color="gray", lw=2, label="R(D,0), Theorem 3.2")
    sr, sd = scalar_bound(np.arange(1, 17))
    ax.plot(sd, sr, "-", color="black", lw=1.2, label="optimal scalar, Theorem 3.3")
    cmap = plt.get_cmap("viridis")
    for N in range(1, 9):
        rr, dd, se = curve(mc, "multiquan", N)
        ax.errorbar(dd, rr, xerr=2 * se, fmt="o-", ms=3, lw=0.8, color=cmap((N - 1) / 7), label=f"MultiQuan N={N}")
    rr, dd, se = curve(mc, "dithered")
    ax.errorbar(dd, rr, xerr=2 * se, fmt="s", ms=4, color="tab:red", mfc="none", label="dithered")
    ax.set_xscale("log")
    ax.set_xlim(8e-3, 2.5)
    ax.set_ylim(-0.1, 4.6)
    ax.set_xlabel("distortion D = E|x - x^|^2")
    ax.set_ylabel("rate R = log2 L (bits)")
    ax.set_title(f"unit circle, perfect perception (Fig. 3 style); {mc[0]['samples']:.0e} samples per point", fontsize=9.5)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7.5, ncol=2)
    fig.tight_layout()
    out = os.path.join(figures, "fig3_circle.png")
    fig.savefig(out, dpi=130)
    plt.close(fig)
    return out


def main():
    results, figures = sys.argv[1], sys.argv[2]
    os.makedirs(figures, exist_ok=True)
    written = [circle_figure(results, figures)]
    for name in TITLES:
        for conditional in (False, True):
            written.append(line_source_figure(results, name, figures, conditional))
    for path in written:
        print(path)


if __name__ == "__main__":
    main()
