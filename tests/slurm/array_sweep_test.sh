#!/usr/bin/env bash
# The README's Slurm recipe under a real one-node Slurm: a sweep submitted as a job array
# of sims/slurm/sweep_array.sh, one task cancelled mid-way (scancel: SIGTERM, as at a
# time limit or preemption) and resubmitted alone, the shards merged; the merged rows
# must equal an unsharded run of the same configuration, every number bit for bit.
# Needs root and the packages slurmctld slurmd slurm-client munge (.ci/run installs them).
#   bash tests/slurm/array_sweep_test.sh BUILD_DIR
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="$(cd "${1:?usage: array_sweep_test.sh BUILD_DIR}" && pwd)"
export RDPSIM="$build/rdpsim"
work="$(mktemp -d)"
source "$root/tests/slurm/cluster.sh"
trap 'slurm_down; rm -rf "$work"' EXIT
slurm_up "$work/cluster"

# 16 points of a quarter of a second each on one core, so a task is cancelled between rows.
cat > "$work/sweep.toml" <<'TOML'
samples = 10000000
seed = 11
backend = "cpu"
threads = 1
[grid]
scheme = ["multiquan", "dithered"]
source = ["exponential", "laplace"]
N = [2, 4, 8]
step = [0.25, 0.5]
TOML
shards=4 cancelled=1
cd "$work"
failures=0
check() {  # check DESCRIPTION COMMAND...: one line per property, counted at the end
  if "${@:2}"; then echo "ok: $1"; else echo "FAILED: $1"; failures=$((failures + 1)); fi
}
rows() { if [ -f "$1" ]; then grep -c . "$1"; else echo 0; fi; }

# The unsharded reference, outside Slurm.
"$RDPSIM" sweep sweep.toml --out whole.jsonl --quiet
points=$(rows whole.jsonl)

# The array job, as the README submits it (less the GPU request).
job=$(sbatch --parsable --array=0-$((shards - 1)) -o "slurm-%A_%a.out" \
  "$root/sims/slurm/sweep_array.sh" "$shards" sweep.toml fig)
for _ in $(seq 600); do [ "$(rows fig.shard$cancelled.jsonl)" -ge 1 ] && break; sleep 0.1; done
scancel "${job}_$cancelled"
while [ -n "$(squeue -h -j "$job" 2>/dev/null)" ]; do sleep 0.2; done
cut_at=$(rows fig.shard$cancelled.jsonl)
expected_in_shard=$(( (points - cancelled + shards - 1) / shards ))
check "the cancelled task had written rows ($cut_at) and not all of its $expected_in_shard" \
  test "$cut_at" -ge 1 -a "$cut_at" -lt "$expected_in_shard"
check "every row of the cancelled task is whole JSON" \
  python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1]) if l.strip()]' fig.shard$cancelled.jsonl
check "the merge of an incomplete set of shards is refused" \
  bash -c '! "$RDPSIM" merge fig.shard*.jsonl --out partial.jsonl 2>/dev/null && [ ! -e partial.jsonl ]'

# The cancelled task resubmitted alone; --resume in the script keeps its rows.
sbatch --wait --parsable --array=$cancelled -o "slurm-%A_%a.out" \
  "$root/sims/slurm/sweep_array.sh" "$shards" sweep.toml fig > /dev/null
check "the resubmitted task completed its shard" test "$(rows fig.shard$cancelled.jsonl)" -eq "$expected_in_shard"
"$RDPSIM" merge fig.shard*.jsonl --out fig.jsonl
check "the merged rows equal the unsharded run's, bit for bit" python3 - fig.jsonl whole.jsonl <<'PY'
import json, sys
def rows(path):  # wall-clock fields are the only ones allowed to differ
    out = []
    for line in open(path):
        row = json.loads(line)
        for key in ("elapsed_s", "samples_per_s"):
            row.pop(key, None)
        out.append(json.dumps(row, sort_keys=True))
    return sorted(out)
merged, whole = rows(sys.argv[1]), rows(sys.argv[2])
sys.exit(0 if merged == whole and len(whole) > 0 else 1)
PY
echo "slurm: $((5 - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
