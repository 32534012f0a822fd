#!/usr/bin/env python3
"""Tests of sims/plot/plot_rows.py on real rdpsim rows.

  python3 tests/test_plot_rows.py [PATH/TO/rdpsim]     (default: build/rdpsim)

The rows are made at test time: a 2-point exact sweep (multiquan, N = 4) and 1e4-sample
runs of multiquan N = 2, N = 4 and dithered, so the checks follow rdpsim's real row format.
"""
import math
import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPT = os.path.join(ROOT, "sims", "plot", "plot_rows.py")
sys.path.insert(0, os.path.dirname(SCRIPT))
os.environ.setdefault("MPLBACKEND", "Agg")

try:
    import plot_rows  # noqa: E402
    from matplotlib.container import ErrorbarContainer  # noqa: E402
except ImportError as e:  # no matplotlib/numpy here: ctest reports a skip (SKIP_RETURN_CODE 77), not a failure
    print(f"skipped: {e}")
    sys.exit(77)

RDPSIM = os.path.join(ROOT, "build", "rdpsim")
EXACT_SWEEP = """samples = 1e4
seed = 1
backend = "cpu"
[grid]
scheme = ["multiquan"]
source = ["gaussian"]
N = [4]
step = [0.5, 1.0]
"""
RUNS = [["--scheme", "multiquan", "--N", "2"], ["--scheme", "multiquan", "--N", "4"], ["--scheme", "dithered"]]


def rdpsim(*args):
    return subprocess.run([RDPSIM, *args], check=True, capture_output=True, text=True).stdout


def cli(*args):
    """plot_rows.py's exit status, stdout and stderr."""
    p = subprocess.run([sys.executable, SCRIPT, *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def error_bars(container):
    """{'x': [...], 'y': [...]}: the half-widths of an errorbar container's bars, by direction."""
    _, _, barcols = container.lines
    found = {}
    for col in barcols:
        segments = col.get_segments()
        vertical = all(math.isclose(s[0][0], s[1][0]) for s in segments)
        axis = 1 if vertical else 0
        found["y" if vertical else "x"] = [(s[1][axis] - s[0][axis]) / 2 for s in segments]
    return found


def exact_lines(ax):
    """The lines drawn for exact rows: every line that is not part of an errorbar (data line, caps)."""
    in_containers = {line for c in ax.containers if isinstance(c, ErrorbarContainer) for line in (c.lines[0], *c.lines[1])}
    return [line for line in ax.lines if line not in in_containers]


class PlotRows(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        d = cls.dir.name
        config = os.path.join(d, "exact.toml")
        with open(config, "w") as f:
            f.write(EXACT_SWEEP)
        cls.exact = os.path.join(d, "exact.jsonl")
        rdpsim("sweep", config, "--exact", "--out", cls.exact, "--quiet")
        cls.mc = os.path.join(d, "mc.jsonl")
        with open(cls.mc, "w") as f:
            for flags in RUNS:
                f.write(rdpsim("run", *flags, "--source", "gaussian", "--step", "0.5", "--samples", "1e4",
                               "--backend", "cpu", "--quiet", "--format", "json").strip() + "\n")
        cls.rows = plot_rows.load_rows([cls.exact, cls.mc])

    @classmethod
    def tearDownClass(cls):
        cls.dir.cleanup()

    def test_rows_are_real_and_told_apart(self):
        self.assertEqual(len(self.rows), 5)
        self.assertEqual(sum(plot_rows.is_exact(r) for r in self.rows), 2)
        self.assertTrue(all("distortion_se" in r for r in self.rows if not plot_rows.is_exact(r)))

    def test_png_and_pdf(self):
        for suffix, magic in (("png", b"\x89PNG\r\n\x1a\n"), ("pdf", b"%PDF-")):
            out = os.path.join(self.dir.name, f"fig.{suffix}")
            rc, _, err = cli(self.exact, self.mc, "--x", "rate_bits", "--y", "distortion", "--group", "scheme,N",
                             "--logy", "--out", out)
            self.assertEqual(rc, 0, err)
            with open(out, "rb") as f:
                self.assertEqual(f.read(len(magic)), magic)
            self.assertGreater(os.path.getsize(out), 1000)

    def test_series_follow_the_grouping(self):
        # scheme,N: (dithered) markers; (multiquan, 2) markers; (multiquan, 4) line and markers.
        ax = plot_rows.make_figure(self.rows, "rate_bits", "distortion", ["scheme", "N"]).axes[0]
        bars = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
        self.assertEqual(len(bars), 3)
        self.assertEqual(len(exact_lines(ax)), 1)
        self.assertEqual(len(exact_lines(ax)[0].get_xdata()), 2)
        labels = [t.get_text() for t in ax.get_legend().get_texts()]
        self.assertEqual(labels, ["scheme=dithered", "scheme=multiquan, N=2", "scheme=multiquan, N=4"])  # sorted
        # scheme alone: multiquan's two Monte Carlo rows share one series.
        ax = plot_rows.make_figure(self.rows, "rate_bits", "distortion", ["scheme"]).axes[0]
        bars = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
        self.assertEqual(sorted(len(c.lines[0].get_xdata()) for c in bars), [1, 2])
        self.assertEqual(len(exact_lines(ax)), 1)
        self.assertEqual(len(ax.get_legend().get_texts()), 2)
        # No grouping: one series, no legend.
        ax = plot_rows.make_figure(self.rows, "rate_bits", "distortion").axes[0]
        self.assertEqual(len([c for c in ax.containers if isinstance(c, ErrorbarContainer)]), 1)
        self.assertIsNone(ax.get_legend())

    def test_error_bars_are_the_standard_errors(self):
        mc = [r for r in self.rows if not plot_rows.is_exact(r)]
        for multiple in (1.0, 2.0):
            ax = plot_rows.make_figure(mc, "rate_bits", "distortion", ["scheme", "N"], se_multiple=multiple).axes[0]
            for container in ax.containers:
                x = container.lines[0].get_xdata()[0]
                row = next(r for r in mc if r["rate_bits"] == x)
                bars = error_bars(container)
                self.assertAlmostEqual(bars["y"][0], multiple * row["distortion_se"], delta=1e-12 * row["distortion"])
                self.assertAlmostEqual(bars["x"][0], multiple * row["rate_bits_se"], delta=1e-12 * row["rate_bits"])

    def test_help(self):
        rc, out, _ = cli("--help")
        self.assertEqual(rc, 0)
        for option in ("--x", "--y", "--group", "--where", "--logx", "--logy", "--out", "examples:"):
            self.assertIn(option, out)

    def test_user_errors_exit_2_with_one_line(self):
        out = os.path.join(self.dir.name, "bad.png")
        rc, _, err = cli(self.mc, "--x", "rate_bits", "--y", "no_such_key", "--out", out)
        self.assertEqual(rc, 2)
        self.assertIn("'no_such_key'", err)
        self.assertIn("distortion_se", err)  # the available keys are listed
        self.assertEqual(len(err.strip().splitlines()), 1)

        rc, _, err = cli(os.path.join(self.dir.name, "missing.jsonl"), "--x", "a", "--y", "b", "--out", out)
        self.assertEqual((rc, "missing.jsonl" in err), (2, True))

        torn = os.path.join(self.dir.name, "torn.jsonl")
        with open(self.mc) as f, open(torn, "w") as g:
            g.write(f.readline() + '{"scheme": "multiquan", "rate_bits":\n')
        rc, _, err = cli(torn, "--x", "rate_bits", "--y", "distortion", "--out", out)
        self.assertEqual((rc, f"{torn}:2:" in err), (2, True), err)

        rc, _, err = cli(self.mc, "--x", "rate_bits", "--y", "distortion", "--where", "N=16", "--out", out)
        self.assertEqual((rc, "--where N=16" in err), (2, True), err)
        self.assertFalse(os.path.exists(out))

    def test_where_and_nested_keys(self):
        rows = plot_rows.where(self.rows, plot_rows.parse_where(["scheme=multiquan", "N=4.0"]))
        self.assertEqual(len(rows), 3)
        self.assertEqual(len(plot_rows.where(self.rows, [("N", "null")])), 1)  # dithered has N null
        nested = {"after": {"rate_bits": 1.5}}
        self.assertEqual(plot_rows.lookup(nested, "after.rate_bits"), 1.5)
        self.assertIn("after.rate_bits", list(plot_rows.flat_keys(nested)))


if __name__ == "__main__":
    if len(sys.argv) > 1:
        RDPSIM = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
