#!/usr/bin/env bash
# Profile of the job path, one command: starts the benchmark's own farm as bench/farm.sh does (one
# worker on the no-op engine), floods it while Java Flight Recorder records every JVM of the path,
# and writes where each process spends its CPU per job. About 5 minutes.
#
# Usage: bench/profile.sh [results.md]     (default bench/results/path-profile.md)
# Environment: BENCH_PROFILE_JOBS [1200], BENCH_PROFILE_WARMUP [3000], BENCH_PROFILE_JFR [1], BENCH_SLOTS [4]
set -euo pipefail
REPO=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$REPO"
RESULTS=${1:-$REPO/bench/results/path-profile.md}

source bench/bench-farm.sh
bench_noop_worker
bench_farm_up
bench_java dev.voicefarm.bench.profile.PathProfile "$RESULTS"
