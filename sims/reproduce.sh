#!/usr/bin/env bash
# Reproduces Zhou & Tian's figures (arXiv:2406.19248): runs every sweep of sims/configs (by Monte Carlo
# and by quadrature), draws the PNGs into docs/figures and prints the claim checks;
# then optimizes MultiQuan thresholds for Fig. 8 (sims/plot/fig8_optimized.py); then Lei,
# Hassani & Saeedi Bidokhti's Gaussian experiment (arXiv:2503.17558) with the lattice schemes
# (sims/configs/lattice_gaussian_n8.toml, Monte Carlo only: E8 has no quadrature).
#
#   bash sims/reproduce.sh            # 1e6 samples per point: minutes on 2 CPU cores
#   bash sims/reproduce.sh 1e9        # the configurations' full size (a GPU job)
#
# Interrupted runs continue where they stopped (sweep --resume).
set -euo pipefail
cd "$(dirname "$0")/.."
samples="${1:-1e6}"
results="results/$samples"
mkdir -p "$results" docs/figures
for config in sims/configs/fig*.toml sims/configs/ext_*.toml; do
  name="$(basename "$config" .toml)"
  echo "== $name ($samples samples per point)" >&2
  ./build/rdpsim sweep "$config" --samples "$samples" --out "$results/$name.jsonl" --resume --quiet
  ./build/rdpsim sweep "$config" --exact --out "$results/$name.exact.jsonl" --resume --quiet
done
python3 sims/plot/plot_rd.py "$results" docs/figures
python3 sims/plot/claims.py "$results"
python3 sims/plot/fig8_optimized.py "$results" docs/figures --samples "$samples"
echo "== lattice_gaussian_n8 ($samples vectors per point)" >&2
./build/rdpsim sweep sims/configs/lattice_gaussian_n8.toml --samples "$samples" --out "$results/lattice_gaussian_n8.jsonl" \
    --resume --quiet
python3 sims/plot/lattice_rdp.py "$results/lattice_gaussian_n8.jsonl" docs/figures/lattice_gaussian_n8.png
