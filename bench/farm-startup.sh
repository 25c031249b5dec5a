#!/usr/bin/env bash
# Measures what a new user of VoiceFarm waits for and what the running farm costs:
# `./farm up` from a clean clone (warm Maven cache; cold too with COLD=1), a second `up`,
# the resident memory of every process, submit-to-done time of synthesis jobs, and with
# TEST=1 `./farm test` from a clean clone. Writes bench/results/farm-startup.md.
# Usage: bench/farm-startup.sh        (needs the default ports 8080-8085, 9000, 9092/9093, 6379 free)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
OUT=$REPO/bench/results/farm-startup.md
WORK=$(mktemp -d)
JOBS=${JOBS:-20}
trap 'rc=$?; ((rc == 0)) || { echo "failed at line $LINENO (exit $rc); logs:"; tail -n 30 "$WORK"/*.log 2>/dev/null; }
      (cd "$WORK/clone" 2>/dev/null && ./farm down >/dev/null 2>&1) || true; rm -rf "$WORK"' EXIT

seconds() { local t0=$1; echo "$(( ($(date +%s%N) - t0) / 1000000 ))" | awk '{printf "%.1f", $1/1000}'; }

git clone -q "$REPO" "$WORK/clone"
cd "$WORK/clone"

cold="not measured (COLD=1 measures it)"
if [[ ${COLD:-0} == 1 ]]; then
  t0=$(date +%s%N)
  MAVEN_OPTS="-Dmaven.repo.local=$WORK/m2" ./farm up >"$WORK/cold-up.log" 2>&1
  cold="$(seconds "$t0") s"
  ./farm clean >/dev/null
  git clean -qfdx
fi

t0=$(date +%s%N)
./farm up >"$WORK/up.log" 2>&1
warm=$(seconds "$t0")
t0=$(date +%s%N)
./farm up >/dev/null 2>&1
again=$(seconds "$t0")
fleet=$(grep -o 'fleet: .*' "$WORK/up.log" || true)
memory=$(./farm status | awk 'NR > 1 {printf "| %s | %s %s |\n", $1, $5, $6}')

# Submit-to-done: createdAt (gateway, after Kafka's ack) to finishedAt (worker's SUCCEEDED), per job.
latencies=()
auth="Authorization: Bearer $(<.farm/dev-api-key)"
for i in $(seq 1 "$JOBS"); do
  id=$(curl -s -H "$auth" -H 'Content-Type: application/json' -d "{\"text\":\"Measurement sentence number $i.\"}" \
    http://127.0.0.1:8080/v1/synthesis | sed 's/.*"id":"\([^"]*\)".*/\1/')
  for _ in $(seq 1 100); do
    job=$(curl -s -H "$auth" "http://127.0.0.1:8080/v1/jobs/$id")
    grep -q '"status":"SUCCEEDED"' <<<"$job" && break
    sleep 0.1
  done
  created=$(sed 's/.*"createdAt":"\([^"]*\)".*/\1/' <<<"$job")
  finished=$(sed 's/.*"finishedAt":"\([^"]*\)".*/\1/' <<<"$job")
  latencies+=("$(( $(date -d "$finished" +%s%3N) - $(date -d "$created" +%s%3N) ))")
done
median=$(printf '%s\n' "${latencies[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
worst=$(printf '%s\n' "${latencies[@]}" | sort -n | tail -1)
./farm down >/dev/null

testrun="not measured (TEST=1 measures it)"
if [[ ${TEST:-0} == 1 ]]; then
  t0=$(date +%s%N)
  ./farm test >"$WORK/test.log" 2>&1 && testrun="$(seconds "$t0") s, passed" || testrun="$(seconds "$t0") s, FAILED"
fi

mkdir -p "$(dirname "$OUT")"
cat >"$OUT" <<MD
# Farm start-up and footprint

Measured by \`bench/farm-startup.sh\` on $(date -u +%Y-%m-%d) — $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB,
$(. /etc/os-release && echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1), commit $(git -C "$REPO" rev-parse --short HEAD).

| what | figure |
|---|---|
| \`./farm up\` from a clean clone, empty Maven repository (downloads included) | $cold |
| \`./farm up\` from a clean clone, warm Maven repository (build, start, fleet, smoke job) | $warm s |
| \`./farm up\` again while up (starts nothing) | $again s |
| \`./farm test\` from a clean clone, warm Maven repository | $testrun |
| synthesis submit-to-done (gateway's createdAt to worker's finishedAt), median of $JOBS | $median ms |
| the same, slowest of $JOBS | $worst ms |

$fleet

Resident memory of each process of the running farm (\`./farm status\`):

| process | RSS |
|---|---|
$memory
MD
cat "$OUT"
