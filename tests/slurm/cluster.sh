# Sourced by the Slurm tests: a one-node Slurm cluster (munge, slurmctld, slurmd) in a
# scratch folder, from the distribution's packages (slurmctld slurmd slurm-client munge),
# run as root. slurm_up DIR starts it and waits for the node; slurm_down stops it.
# SLURM_CONF points every client at it, so a machine's own Slurm is left alone.

slurm_up() {
  local dir=$1 host
  host=$(hostname -s)
  mkdir -p "$dir/state" "$dir/spool" "$dir/log" /run/munge
  chown munge:munge /run/munge  # munged runs as munge, which may not enter $dir
  cat > "$dir/slurm.conf" <<CONF
ClusterName=rdpsim-test
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldPort=16817
SlurmdPort=16818
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
KillWait=5
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF=$dir/slurm.conf
  SLURM_DIR=$dir
  runuser -u munge -- /usr/sbin/munged --pid-file=/run/munge/rdpsim-test.pid --log-file=/run/munge/rdpsim-test.log \
    --socket=/run/munge/munge.socket.2
  slurmctld -f "$SLURM_CONF"
  slurmd -f "$SLURM_CONF"
  local i
  for i in $(seq 100); do
    if sinfo -h -o %T 2>/dev/null | grep -qx idle; then return 0; fi
    sleep 0.2
  done
  echo "slurm_up: the node did not become idle; logs in $dir/log" >&2
  tail -n 20 "$dir"/log/*.log >&2
  return 1
}

slurm_down() {
  local f
  for f in "$SLURM_DIR/slurmd.pid" "$SLURM_DIR/slurmctld.pid" /run/munge/rdpsim-test.pid; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null
  done
  return 0
}
