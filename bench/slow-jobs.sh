#!/usr/bin/env bash
# Where the slowest jobs wait, one command: starts the benchmark's own farm as bench/farm.sh does (one
# worker on the no-op engine), warms it up, runs jobs open loop at a fixed rate and splits the time
# of the slowest 2 % into gateway, queue, work and report (dev.voicefarm.bench.profile.SlowJobs).
# About 6 minutes.
#
# Usage: bench/slow-jobs.sh [results.md]     (default bench/results/slow-jobs.md)
# Environment: BENCH_SLOW_RATE [42], BENCH_SLOW_SECONDS [30], BENCH_SLOW_RUNS [3], BENCH_PROFILE_WARMUP [3000],
#              FARM_JAVA_OPTS (e.g. GC logging for the apps)
set -euo pipefail
REPO=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$REPO"
RESULTS=${1:-$REPO/bench/results/slow-jobs.md}

source bench/bench-farm.sh
bench_noop_worker
bench_farm_up
bench_java dev.voicefarm.bench.profile.SlowJobs "$RESULTS"
