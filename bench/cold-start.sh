#!/usr/bin/env bash
# Cold start of a hardware class scaled to zero, one command: starts a farm of its own (FARM_HOME
# .farm/bench, ports +20000) with a cpu worker and a simulated RTX 3060 worker (class nvidia), then
# RUNS times: stops the nvidia worker, queues a job for nvidia (as a scaled-to-zero class gets it),
# starts the worker again and measures the worker's start to ready and to that job's end. Baseline,
# same run: a job for nvidia while its worker is up. What a pod adds on a cluster (scheduling, image
# pull, a new node) is not in these figures. Writes bench/results/cold-start.md, stops that farm.
# Usage: bench/cold-start.sh   Environment: RUNS [5]
set -euo pipefail
REPO=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$REPO"
source bench/bench-farm.sh
export FARM_WORKERS="cpu sim:rtx3060-12gb" FARM_SMOKE=0
RUNS=${RUNS:-5}
OUT=bench/results/cold-start.md
bench_farm_up >/dev/null
export FARM_BUILD=0
WORKER=worker-1 WORKER_PORT=$((FARM_WORKER_PORT + 1))
AUTH="Authorization: Bearer $FARM_API_KEY"

now() { date +%s%N; }
# ms START END: milliseconds between two now() readings
ms() { echo $(( ($2 - $1) / 1000000 )); }
field() { python3 -c 'import json, sys; print(json.load(sys.stdin).get(sys.argv[1], ""))' "$1"; }

submit() {
  curl -sf -H "$AUTH" -H 'Content-Type: application/json' \
    -d '{"text": "The first job after a cold start.", "requirements": {"classes": ["nvidia"]}}' \
    "$FARM_GATEWAY_URL/v1/synthesis" | field id
}

# await_done ID: waits (up to 120 s) until the job SUCCEEDED, fails otherwise
await_done() {
  local status deadline=$((SECONDS + 120))
  while ((SECONDS < deadline)); do
    status=$(curl -sf -H "$AUTH" "$FARM_GATEWAY_URL/v1/jobs/$1" | field status)
    case $status in
    SUCCEEDED) return 0 ;;
    FAILED | CANCELLED) echo "job $1 ended $status" >&2; return 1 ;;
    esac
    sleep 0.05
  done
  echo "job $1 not done in 120 s" >&2
  return 1
}

await_ready() {
  until curl -sf -o /dev/null "http://127.0.0.1:$WORKER_PORT/q/health/ready"; do sleep 0.05; done
}

warm=() ready=() first=()
for ((i = 1; i <= RUNS; i++)); do
  t0=$(now); id=$(submit); await_done "$id"; warm+=("$(ms "$t0" "$(now)")")
  ./farm stop "$WORKER" >/dev/null
  id=$(submit) # queued for nvidia, which has no live worker now
  t0=$(now)
  ./farm up >/dev/null 2>&1 & up=$!
  await_ready; ready+=("$(ms "$t0" "$(now)")")
  await_done "$id"; first+=("$(ms "$t0" "$(now)")")
  wait "$up"
  echo "run $i: warm job ${warm[-1]} ms; worker start to ready ${ready[-1]} ms, to its first job done ${first[-1]} ms"
done

median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
m_warm=$(median "${warm[@]}") m_ready=$(median "${ready[@]}") m_first=$(median "${first[@]}")
ratio=$(awk -v a="$m_first" -v b="$m_warm" 'BEGIN {printf "%.0f", a / b}')
cat >"$OUT" <<RESULTS
# Cold start of a class scaled to zero

Written by \`bench/cold-start.sh\` on $(date -u +%Y-%m-%d) — $(nproc) cores, $(. /etc/os-release && echo "$PRETTY_NAME"), commit $BENCH_COMMIT. Medians of $RUNS runs; the farm (Kafka, Redis, S3Proxy, scheduler, gateway, a cpu worker) keeps running on the same cores.

A simulated RTX 3060 worker (class \`nvidia\`, computing on this CPU) is stopped, a job is queued for
\`nvidia\` (what a class scaled to zero gets), and the worker is started again (\`./farm up\`: a new JVM,
the hardware probe, its topics, the share-group join, its first heartbeat); the clock runs from that
start. Baseline: the same job while the worker is up.

| what | median | runs (ms) |
|---|---|---|
| a job for \`nvidia\` with its worker up (baseline) | ${m_warm} ms | ${warm[*]} |
| worker start to ready (\`/q/health/ready\` UP) | ${m_ready} ms | ${ready[*]} |
| worker start to the queued job done | ${m_first} ms | ${first[*]} |
| cold ÷ warm | ${ratio} × | |

Not in these figures, on a cluster: KEDA's poll (up to its \`pollingInterval\`, 15 s in \`deploy/k8s\`),
scheduling the pod, pulling the image on a node that lacks it, and a new GPU node when the cluster
autoscaler must add one (minutes). Nothing of that has run here.
RESULTS
echo "written $OUT"
