#!/usr/bin/env bash
# Worker memory after a fixed workload, one command. A farm of its own (FARM_HOME .farm/bench, ports
# +20000) with one worker, a simulated RTX 3060 (class nvidia: trainings go to GPU classes; it
# computes on this CPU like any worker here); for each VARIANT the worker is started afresh
# and runs the same workload through the gateway (the command-line client, as a user would):
# TRAININGS voices trained on the make-dataset.sh speaker (EPOCHS epochs each), then SAYS syntheses
# spread over those voices. Resident memory (VmRSS) is read from /proc at start, after each training
# and at the end, with the JVM's own accounting (Native Memory Tracking: committed heap and the rest)
# beside it; what the JVM does not account for is libtorch's and the C allocator's. The first
# variant, the baseline, is the C library's malloc (the farm before it preloaded jemalloc); the
# last is the worker as ./farm runs it. Writes bench/results/worker-memory.md.
# Usage: bench/worker-memory.sh   Environment: TRAININGS [3], EPOCHS [30], SAYS [39]
set -euo pipefail
REPO=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$REPO"
source bench/bench-farm.sh
TRAININGS=${TRAININGS:-3} EPOCHS=${EPOCHS:-30} SAYS=${SAYS:-39}
OUT=bench/results/worker-memory.md
WORK=$(mktemp -d)
# NMT for every app of this farm (FARM_JAVA_OPTS); it costs a little memory of its own, in every variant alike.
export FARM_WORKERS=sim:rtx3060-12gb FARM_SMOKE=0 FARM_JAVA_OPTS=-XX:NativeMemoryTracking=summary
# The variants: a name, then the environment the worker starts with (VAR=value, ';' between).
VARIANTS=(
  "glibc malloc (FARM_JEMALLOC empty: the farm before jemalloc)|FARM_JEMALLOC="
  "glibc malloc, MALLOC_ARENA_MAX=2|FARM_JEMALLOC=;MALLOC_ARENA_MAX=2"
  "jemalloc (as ./farm runs it)|"
)
bench_farm_up >/dev/null
trap './farm down >/dev/null; rm -rf "$WORK"; echo "bench: farm stopped"' EXIT
export FARM_BUILD=0
deploy/voices/make-dataset.sh "$WORK/speaker.zip" >/dev/null

# rss_mb [FIELD]: the worker's VmRSS (or RssAnon, RssFile) in MB
rss_mb() { awk -v f="${1:-VmRSS}:" '$1 == f {printf "%d", $2 / 1024}' "/proc/$(cat "$FARM_HOME/run/worker-0.pid")/status"; }
# nmt_mb: "heap committed / JVM total committed" from the worker's Native Memory Tracking summary
nmt_mb() {
  jcmd "$(cat "$FARM_HOME/run/worker-0.pid")" VM.native_memory summary scale=MB 2>/dev/null | awk '
    /^Total: / {for (i = 1; i <= NF; i++) if ($i ~ /^committed=/) {sub("committed=", "", $i); sub("MB", "", $i); total = $i}}
    /- +Java Heap/ {for (i = 1; i <= NF; i++) if ($i ~ /^committed=/) {gsub(/[^0-9]/, "", $i); heap = $i}}
    END {printf "%s / %s", heap, total}'
}
sample() { printf '| %s | %s | %s MB | %s / %s MB | %s |\n' "$1" "$2" "$(rss_mb)" "$(rss_mb RssAnon)" "$(rss_mb RssFile)" "$(nmt_mb)"; }

rows=() summary=()
for variant in "${VARIANTS[@]}"; do
  name=${variant%%|*}
  IFS=';' read -ra variant_env <<<"${variant#*|}"
  ./farm stop worker-0 >/dev/null
  # ./farm up starts only what is not running: the worker, with this variant's environment.
  env "${variant_env[@]}" ./farm up >/dev/null
  start=$(rss_mb)
  rows+=("$(sample "$name" "started")")
  voices=()
  for ((t = 1; t <= TRAININGS; t++)); do
    voices+=("$(./farm train "$WORK/speaker.zip" --name "memory-$t" --epochs "$EPOCHS" --wait 2>/dev/null | tail -n 1 | awk '{print $2}')")
    rows+=("$(sample "$name" "after training $t ($EPOCHS epochs)")")
  done
  for ((s = 0; s < SAYS; s++)); do
    ./farm say "Sentence $s of the memory benchmark, spoken in a trained voice." \
      --voice "${voices[$((s % TRAININGS))]}" -o "$WORK/say.wav" >/dev/null
  done
  end=$(rss_mb)
  rows+=("$(sample "$name" "after $SAYS syntheses in ${TRAININGS} voices")")
  summary+=("$name|$start|$end")
  echo "$name: ${start} MB at start, ${end} MB after the workload"
done

base_end=$(echo "${summary[0]}" | cut -d'|' -f3)
{
  cat <<HEAD
# Worker memory after a fixed workload

Written by \`bench/worker-memory.sh\` on $(date -u +%Y-%m-%d) — $(nproc) cores, $(. /etc/os-release && echo "$PRETTY_NAME"), commit $BENCH_COMMIT.

One worker, a simulated RTX 3060 (class \`nvidia\`, where trainings go; it computes on this CPU like
every worker here), with \`-Xmx256m\` and SerialGC as \`./farm\` starts it, on a farm of its own. Each variant starts a fresh worker process and runs the same workload through the
gateway with the command-line client: $TRAININGS trainings of $EPOCHS epochs on the
\`deploy/voices/make-dataset.sh\` speaker, then $SAYS syntheses spread over those voices (each loaded
once and kept: the voice cache holds 8). RSS is the process's VmRSS; "JVM heap / JVM total" are the
committed figures of the JVM's Native Memory Tracking (on in every variant); the rest of the RSS is
libtorch and the C allocator's, which the JVM does not see. Goal (issue 15): under 500 MB after the workload.

| variant | at end | RSS ÷ baseline | goal |
|---|---|---|---|
HEAD
  for s in "${summary[@]}"; do
    IFS='|' read -r name start end <<<"$s"
    printf '| %s | %s MB (started at %s MB) | %s | %s |\n' "$name" "$end" "$start" \
      "$(awk -v a="$end" -v b="$base_end" 'BEGIN {printf "%.2f", a / b}')" "$( ((end < 500)) && echo met || echo missed)"
  done
  printf '\n| variant | when | RSS | anonymous / file-backed | JVM heap / JVM total (MB, committed) |\n|---|---|---|---|---|\n'
  printf '%s\n' "${rows[@]}"
} >"$OUT"
echo "bench: wrote $OUT"
