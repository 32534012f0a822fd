#!/usr/bin/env python3
"""Plot any rdpsim JSON Lines rows: one key against another, grouped into series.

Rows from `rdpsim run`, `rdpsim exact`, `rdpsim sweep` (with or without --exact) and
`rdpsim merge` all work. Exact rows (those with "method": "quadrature" or "closed form")
are drawn as lines, Monte Carlo rows as markers with error bars from the `<key>_se`
keys. Nested keys are addressed with dots (`after.rate_bits` in `rdpsim optimize`
output). The paper figure scripts (plot_rd.py, lattice_rdp.py) import the loading,
selection, drawing and saving functions below.
"""
import argparse
import json
import math
import os
import sys

import matplotlib
import matplotlib.figure
import matplotlib.legend_handler

EXAMPLES = """examples:
  # every scheme of a sweep, exact lines and Monte Carlo markers, rate against distortion
  python3 sims/plot/plot_rows.py results/1e6/fig7_exponential.jsonl results/1e6/fig7_exponential.exact.jsonl \\
      --x rate_bits --y distortion --group scheme,N --logy --out fig7.png
  # one source and N, the W2 perception estimate against the step, as a PDF
  python3 sims/plot/plot_rows.py r.jsonl --x step --y w2 --where source=gaussian --where N=4 --logx --out w2.pdf

Exit status 2, with one line on stderr, for a missing file, malformed JSON (file and
line), a key that no row has (the available keys are listed), or no rows left after --where.
"""

# `rdpsim exact` and `sweep --exact` name how a row was computed; Monte Carlo rows have no "method".
EXACT_METHODS = ("quadrature", "closed form")
MISSING = object()  # a key a row does not have (distinct from a JSON null)


class PlotError(Exception):
    """A user error: reported as one line on stderr with exit status 2."""


# ---------------------------------------------------------------- rows

def load_rows(paths):
    """All rows of the JSON Lines files, in order; blank lines are skipped."""
    rows = []
    for path in paths:
        try:
            with open(path) as f:
                lines = f.readlines()
        except OSError as e:
            raise PlotError(f"cannot read {path}: {e.strerror}")
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line.rstrip())
            except json.JSONDecodeError as e:
                raise PlotError(f"{path}:{number}: malformed JSON ({e.msg}, column {e.colno})")
            if not isinstance(row, dict):
                raise PlotError(f"{path}:{number}: not a JSON object")
            rows.append(row)
    return rows


def lookup(row, key):
    """row[key], where a dotted key walks into nested objects; MISSING if absent."""
    if key in row:  # a literal key wins over a nested path
        return row[key]
    value = row
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return MISSING
        value = value[part]
    return value


def flat_keys(row, prefix=""):
    """The dotted names of every leaf value of a row."""
    for name, value in row.items():
        if isinstance(value, dict) and value:
            yield from flat_keys(value, f"{prefix}{name}.")
        else:
            yield prefix + name


def require_keys(rows, keys):
    """Raises naming the first key that no row has, with the keys the rows do have."""
    for key in keys:
        if not any(lookup(r, key) is not MISSING for r in rows):
            available = sorted({k for r in rows for k in flat_keys(r)})
            raise PlotError(f"key '{key}' is in no row; available keys: {', '.join(available)}")


def is_exact(row):
    return row.get("method") in EXACT_METHODS


def matches(value, text):
    """Whether a row's value equals a --where value written as text."""
    if value is MISSING:
        return False
    if value is None:
        return text.lower() in ("null", "none")
    if isinstance(value, bool):
        return text.lower() == str(value).lower()
    if isinstance(value, (int, float)):
        try:  # numbers compare as numbers: N=4 matches 4 and 4.0; printed steps match to 1e-9
            return math.isclose(float(text), value, rel_tol=1e-9, abs_tol=0.0)
        except ValueError:
            return False
    if isinstance(value, str):
        return value == text
    return json.dumps(value, separators=(",", ":")) == text


def select(rows, **conditions):
    """The rows whose keys equal the given values (Python values, None for null)."""
    return [r for r in rows if all(lookup(r, k) == v for k, v in conditions.items())]


def parse_where(specs):
    """['source=gaussian', 'N=4'] -> [('source', 'gaussian'), ('N', '4')]."""
    pairs = []
    for spec in specs:
        key, sep, text = spec.partition("=")
        if not sep or not key:
            raise PlotError(f"--where needs KEY=VALUE, got '{spec}'")
        pairs.append((key, text))
    return pairs


def where(rows, pairs):
    """The rows matching every (key, text) pair."""
    return [r for r in rows if all(matches(lookup(r, k), text) for k, text in pairs)]


# ---------------------------------------------------------------- series

def number(row, key):
    """The row's value of key as a float, None where it is null or absent."""
    value = lookup(row, key)
    if value is MISSING or value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PlotError(f"key '{key}' is not numeric (a row has {json.dumps(value)})")
    return float(value)


def plotted(rows, x, y):
    """The rows that have numbers for both x and y, sorted by x (so lines run left to right)."""
    return sorted((r for r in rows if number(r, x) is not None and number(r, y) is not None), key=lambda r: number(r, x))


def errors(rows, key, multiple):
    """multiple × `<key>_se` per row (0 where a row lacks it); None when no row has it."""
    se = [number(r, key + "_se") for r in rows]
    if all(s is None for s in se):
        return None
    return [multiple * (s or 0.0) for s in se]


def group_key(value):
    """Sort key for group values of mixed types: numbers in numeric order, nulls last."""
    if value is MISSING or value is None:
        return (2, "")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (0, value)
    return (1, str(value))


def groups(rows, keys):
    """{(value, ...): rows} for each distinct combination of the group keys, in sorted order."""
    found = {}
    for r in rows:
        found.setdefault(tuple(lookup(r, k) for k in keys), []).append(r)
    return dict(sorted(found.items(), key=lambda item: [group_key(v) for v in item[0]]))


def show(value):
    if value is MISSING or value is None:
        return "null"
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def series_label(keys, values):
    """'scheme=multiquan, N=4'; keys a group does not use (null, like N for dithered) are left out."""
    parts = [f"{k}={show(v)}" for k, v in zip(keys, values) if v is not MISSING and v is not None]
    return ", ".join(parts) or ", ".join(f"{k}=null" for k in keys)


# ---------------------------------------------------------------- drawing

def new_figure(figsize=(6.4, 4.6), nrows=1, ncols=1, **subplots):
    """A figure and its axes, without pyplot: no backend state, nothing to close."""
    fig = matplotlib.figure.Figure(figsize=figsize)
    return fig, fig.subplots(nrows, ncols, **subplots)


def draw_line(ax, rows, x, y, fmt="-", **style):
    """The rows as one line sorted by x (exact values); None when no row has both keys."""
    picked = plotted(rows, x, y)
    if not picked:
        return None
    (line,) = ax.plot([number(r, x) for r in picked], [number(r, y) for r in picked], fmt, **style)
    return line


def draw_markers(ax, rows, x, y, se_multiple=1.0, x_errors=True, y_errors=True, fmt="o", **style):
    """The rows as markers with error bars of se_multiple × `<x>_se` and `<y>_se` (Monte Carlo
    values); None when no row has both keys."""
    picked = plotted(rows, x, y)
    if not picked:
        return None
    return ax.errorbar([number(r, x) for r in picked], [number(r, y) for r in picked],
                       xerr=errors(picked, x, se_multiple) if x_errors else None,
                       yerr=errors(picked, y, se_multiple) if y_errors else None, fmt=fmt, **style)


def draw_groups(ax, rows, x, y, group=(), se_multiple=1.0):
    """One series per combination of the group keys, one color each: exact rows as a line,
    Monte Carlo rows as markers with error bars. Returns [(label, artists)], one per series
    that drew anything."""
    colors = matplotlib.rcParams["axes.prop_cycle"].by_key()["color"]
    drawn = []
    for values, members in groups(rows, group).items():
        color = colors[len(drawn) % len(colors)]
        line = draw_line(ax, [r for r in members if is_exact(r)], x, y, color=color, lw=1.3)
        markers = draw_markers(ax, [r for r in members if not is_exact(r)], x, y, se_multiple,
                               color=color, markersize=4, capsize=2)
        artists = tuple(a for a in (line, markers) if a is not None)
        if artists:
            drawn.append((series_label(group, values), artists))
    return drawn


def make_figure(rows, x, y, group=(), se_multiple=1.0, logx=False, logy=False, xlabel=None, ylabel=None, title=None):
    """The figure of plot_rows' command line, returned for saving or inspection."""
    fig, ax = new_figure()
    drawn = draw_groups(ax, rows, x, y, group, se_multiple)
    if not drawn:
        raise PlotError(f"no row has numbers for both '{x}' and '{y}'")
    if logx:
        ax.set_xscale("log")
    if logy:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel or x)
    ax.set_ylabel(ylabel or y)
    if title:
        ax.set_title(title, fontsize=9.5)
    ax.grid(True, which="both", alpha=0.3)
    if group:
        # A series with both kinds of rows gets one legend entry: its line and its marker overlaid.
        ax.legend([artists for _, artists in drawn], [label for label, _ in drawn], fontsize=8,
                  handler_map={tuple: matplotlib.legend_handler.HandlerTuple(ndivide=1)})
    fig.tight_layout()
    return fig


def save(fig, path, dpi=130):
    """Writes the figure in the format its suffix names (png, pdf, svg, ...)."""
    suffix = os.path.splitext(path)[1].lstrip(".").lower()
    supported = fig.canvas.get_supported_filetypes()
    if suffix not in supported:
        raise PlotError(f"cannot tell the format of '{path}': its suffix must be one of {', '.join(sorted(supported))}")
    if os.path.dirname(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
    fig.savefig(path, dpi=dpi, format=suffix)
    return path


# ---------------------------------------------------------------- command line

def parser():
    p = argparse.ArgumentParser(prog="plot_rows.py", description=__doc__.splitlines()[0], epilog=EXAMPLES,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="+", metavar="ROWS.jsonl", help="JSON Lines files of rdpsim rows, e.g. r.jsonl r.exact.jsonl")
    p.add_argument("--x", required=True, help="key on the x axis, e.g. rate_bits (dots reach nested keys: after.rate_bits)")
    p.add_argument("--y", required=True, help="key on the y axis, e.g. distortion")
    p.add_argument("--group", default="", metavar="KEY[,KEY...]",
                   help="one series (color, legend entry) per distinct combination of these keys, e.g. scheme,N")
    p.add_argument("--where", action="append", default=[], metavar="KEY=VALUE",
                   help="keep only rows with this value (repeat to require several), e.g. --where source=gaussian "
                        "--where N=4; numbers compare numerically, null matches null")
    p.add_argument("--logx", action="store_true", help="logarithmic x axis")
    p.add_argument("--logy", action="store_true", help="logarithmic y axis, e.g. for distortion")
    p.add_argument("--xlabel", help="x axis label (default: the --x key), e.g. 'rate R (bits)'")
    p.add_argument("--ylabel", help="y axis label (default: the --y key), e.g. 'distortion D'")
    p.add_argument("--title", help="figure title, e.g. 'exponential source, 1e6 samples'")
    p.add_argument("--se-multiple", type=float, default=1.0, metavar="K",
                   help="error bars are K standard errors each way (default 1); e.g. 2 as in docs/figures")
    p.add_argument("--dpi", type=int, default=130, help="resolution of a PNG (default 130), e.g. 200")
    p.add_argument("--out", required=True, help="output file; its suffix picks the format, e.g. fig.png or fig.pdf")
    return p


def main(argv=None):
    args = parser().parse_args(argv)
    group = [k for k in args.group.split(",") if k]
    try:
        conditions = parse_where(args.where)
        rows = load_rows(args.files)
        if not rows:
            raise PlotError(f"no rows in {', '.join(args.files)}")
        require_keys(rows, [args.x, args.y, *group, *(k for k, _ in conditions)])
        rows = where(rows, conditions)
        if not rows:
            raise PlotError(f"no rows left after --where {' '.join(args.where)}")
        fig = make_figure(rows, args.x, args.y, group, args.se_multiple, args.logx, args.logy, args.xlabel,
                          args.ylabel, args.title)
        print(save(fig, args.out, args.dpi))
    except PlotError as e:
        print(f"plot_rows.py: error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
