#!/bin/bash
# One task of a Slurm job array running a sweep in SHARDS slices; the submission picks
# the resources, e.g. 16 tasks with one GPU each:
#   sbatch --array=0-15 --gres=gpu:1 --time=04:00:00 sims/slurm/sweep_array.sh 16 CONFIG PREFIX --backend cuda
# Task i writes PREFIX.shard<i>.jsonl. A cancelled or failed task, resubmitted alone
# (sbatch --array=i ... with the same arguments), continues where it stopped: SHARDS is
# an argument because such a resubmission is an array of one. Then:
#   rdpsim merge PREFIX.shard*.jsonl --out PREFIX.jsonl
# Flags after PREFIX go to `rdpsim sweep`; RDPSIM names the executable (default ./build/rdpsim).
#SBATCH --job-name=rdpsim-sweep
set -euo pipefail
if [ $# -lt 3 ] || [ -z "${SLURM_ARRAY_TASK_ID:-}" ]; then
  echo "usage: sbatch --array=0-(SHARDS-1) $0 SHARDS CONFIG PREFIX [rdpsim sweep flags]" >&2
  exit 2
fi
shards=$1 config=$2 prefix=$3
shift 3
exec "${RDPSIM:-./build/rdpsim}" sweep "$config" --shard "$SLURM_ARRAY_TASK_ID/$shards" \
  --out "$prefix.shard$SLURM_ARRAY_TASK_ID.jsonl" --resume "$@"
