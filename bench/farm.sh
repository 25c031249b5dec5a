#!/usr/bin/env bash
# Farm benchmark, one command: starts a farm of its own (FARM_HOME .farm/bench, ports +20000) with
# one worker on the no-op engine, runs dev.voicefarm.bench.FarmBenchmark against it (overhead vs
# the raw Kafka/S3/Redis path, head-of-line blocking, queued-job memory, fleet scale with a JFR
# profile of the scheduler), writes bench/results/farm.md and farm.png, and stops that farm.
#
# Usage: bench/farm.sh
# Environment: BENCH_REPEATS [3], BENCH_FLOOD_JOBS [600], BENCH_WARMUP_JOBS [3000], BENCH_SLOTS worker slots [4],
#              BENCH_FLEET_SIZES [1000,10000], BENCH_FLEET_WINDOW seconds [20],
#              BENCH_RESULTS [bench/results/farm.md]
set -euo pipefail
REPO=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$REPO"

source bench/bench-farm.sh
bench_noop_worker
# Jobs queued for a class without workers stay queued for the whole run.
export FARM_SCHEDULER_NO_WORKER_TIMEOUT=1h
RESULTS=${BENCH_RESULTS:-$REPO/bench/results/farm.md}

# The chart needs a font; a minimal Debian has none.
if ! fc-list 2>/dev/null | grep -q .; then
  sudo=()
  ((EUID == 0)) || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fontconfig fonts-dejavu-core
fi

bench_farm_up
export BENCH_COMMAND=bench/farm.sh
mkdir -p "$(dirname "$RESULTS")"
bench_java dev.voicefarm.bench.FarmBenchmark "$RESULTS"
