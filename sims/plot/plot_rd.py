#!/usr/bin/env python3
"""Rate-distortion plots like Zhou & Tian's Figs. 3, 7 and 8, from rdpsim sweep output.

  python3 sims/plot/plot_rd.py RESULTS_DIR FIGURE_DIR [--format png|pdf]

RESULTS_DIR holds NAME.jsonl (Monte Carlo) and NAME.exact.jsonl (quadrature) for the
configurations of sims/configs; lines are exact values, markers Monte Carlo with
their 2-standard-error bars. Missing files are noted on stderr and left out: a
configuration with neither file gets no figure, one with one of the two a figure without
the other's part, and Fig. 3 needs only fig3_circle.jsonl. Loading, drawing and saving are
plot_rows.py's; any other plot of the same rows: `plot_rows.py --help`.
"""
import argparse
import os
import sys

import matplotlib
import numpy as np

from plot_rows import PlotError, draw_line, draw_markers, load_rows, new_figure, save, select
from rd_rows import scalar_bound, von_mises_rd

COLORS = {1: "tab:red", 2: "tab:orange", 4: "tab:green", 8: "tab:blue"}
TITLES = {
    "fig7_uniform": "uniform U[0,1]",
    "fig7_exponential": "exponential",
    "ext_gaussian": "Gaussian N(0,1)",
    "ext_laplace": "Laplace",
}


def load_optional(results, name):
    """The rows of RESULTS_DIR/NAME.jsonl; [] with a note when the file is missing, so that a
    partial reproduction (one configuration swept) still gets its figures."""
    path = os.path.join(results, f"{name}.jsonl")
    if os.path.exists(path):
        return load_rows([path])
    print(f"plot_rd.py: note: {path} not found, left out", file=sys.stderr)
    return []


def kinds_note(mc, exact):
    """What the lines and markers are, naming only what was drawn."""
    parts = (["lines: exact"] if exact else []) + ([f"markers: {mc[0]['samples']:.0e} samples per point"] if mc else [])
    return "; ".join(parts)


def mc_markers(ax, rows, rate_key, **style):
    """Monte Carlo distortion at a rate, ±2 standard errors of the distortion (the rate's are invisible)."""
    draw_markers(ax, rows, rate_key, "distortion", se_multiple=2, x_errors=False, fmt="o", markersize=3.5, capsize=0,
                 **style)


def line_source_figure(mc, exact, name, conditional):
    fig, ax = new_figure((6.4, 4.6))
    for N in (1, 2, 4, 8):
        bits = int(np.log2(N))
        label = f"MultiQuan N={N} ({bits} common bit{'s' if bits != 1 else ''})"
        line = draw_line(ax, select(exact, scheme="multiquan", N=N), "rate_bits", "distortion", "-", color=COLORS[N],
                         lw=1.3, label=label)
        # The legend names the exact line; the markers only where there is no line.
        mc_markers(ax, select(mc, scheme="multiquan", N=N), "rate_bits", color=COLORS[N], label=None if line else label)
    label = "dithered, marginal H(k)"
    line = draw_line(ax, select(exact, scheme="dithered"), "rate_bits", "distortion", "--", color="black", lw=1.5,
                     label=label)
    mc_markers(ax, select(mc, scheme="dithered"), "rate_bits", color="black", label=None if line else label)
    if conditional:
        label = "dithered, conditional H(k|Z)"
        line = draw_line(ax, select(exact, scheme="dithered"), "rate_conditional_limit_bits", "distortion", ":",
                         color="purple", lw=1.8, label=label)
        mc_markers(ax, select(mc, scheme="dithered"), "rate_conditional_bits", color="purple",
                   label=None if line else label)
    ax.set_yscale("log")
    ax.set_xlim(0, 6.2)
    ax.set_xlabel("rate R (bits per sample)")
    ax.set_ylabel("distortion D (mean squared error)")
    which = "Fig. 8 style: with conditional entropy coding" if conditional else "Fig. 7 style"
    ax.set_title(f"{TITLES[name]}, perfect perception ({which})\n{kinds_note(mc, exact)}", fontsize=9.5)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def circle_figure(mc):
    """Fig. 3 from the Monte Carlo rows (the exact ones are Theorems 3.1 and 3.3, drawn from formulas)."""
    fig, ax = new_figure((6.4, 4.6))
    r, d = von_mises_rd(np.logspace(-3, 4, 400))
    ax.plot(d, r, "-", color="gray", lw=2, label="R(D,0), Theorem 3.2")
    sr, sd = scalar_bound(np.arange(1, 17))
    ax.plot(sd, sr, "-", color="black", lw=1.2, label="optimal scalar, Theorem 3.3")
    cmap = matplotlib.colormaps["viridis"]
    for N in range(1, 9):
        draw_markers(ax, select(mc, scheme="multiquan", N=N), "distortion", "rate_bits", se_multiple=2, y_errors=False,
                     fmt="o-", ms=3, lw=0.8, color=cmap((N - 1) / 7), label=f"MultiQuan N={N}")
    draw_markers(ax, select(mc, scheme="dithered"), "distortion", "rate_bits", se_multiple=2, y_errors=False, fmt="s",
                 ms=4, color="tab:red", mfc="none", label="dithered")
    ax.set_xscale("log")
    ax.set_xlim(8e-3, 2.5)
    ax.set_ylim(-0.1, 4.6)
    ax.set_xlabel("distortion D = E|x - x^|^2")
    ax.set_ylabel("rate R = log2 L (bits)")
    ax.set_title(f"unit circle, perfect perception (Fig. 3 style); {mc[0]['samples']:.0e} samples per point", fontsize=9.5)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7.5, ncol=2)
    fig.tight_layout()
    return fig


def main(argv=None):
    try:
        return plot_all(argv)
    except PlotError as e:  # malformed JSON in a results file: its name and line, exit 2
        print(f"plot_rd.py: error: {e}", file=sys.stderr)
        return 2


def plot_all(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     epilog="example: python3 sims/plot/plot_rd.py results/1e6 docs/figures")
    parser.add_argument("results", metavar="RESULTS_DIR", help="NAME.jsonl and NAME.exact.jsonl of sims/configs")
    parser.add_argument("figures", metavar="FIGURE_DIR", help="where the figures go (created if missing)")
    parser.add_argument("--format", choices=("png", "pdf"), default="png", help="figure format (default png)")
    args = parser.parse_args(argv)
    written = []
    circle_mc = load_optional(args.results, "fig3_circle")  # Fig. 3's exact curves are formulas: no exact rows
    if circle_mc:
        written.append(save(circle_figure(circle_mc), os.path.join(args.figures, f"fig3_circle.{args.format}")))
    for name in TITLES:
        mc, exact = load_optional(args.results, name), load_optional(args.results, f"{name}.exact")
        if not mc and not exact:
            continue
        for conditional in (False, True):
            fig = line_source_figure(mc, exact, name, conditional)
            kind = "conditional" if conditional else "marginal"
            written.append(save(fig, os.path.join(args.figures, f"{name}_{kind}.{args.format}")))
    if not written:
        print(f"plot_rd.py: error: no results of sims/configs in {args.results}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
