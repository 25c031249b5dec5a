#!/usr/bin/env bash
# Streaming benchmark, one command: starts a farm of its own (FARM_HOME .farm/bench, ports +20000)
# with one worker on this machine's CPU speaking with eSpeak NG, measures the time to first audio of a
# 1,000-character text through POST /v1/audio/speech against the whole job
# (dev.voicefarm.bench.streaming.TimeToFirstAudio), writes bench/results/streaming.md, stops that farm.
# Usage: bench/streaming.sh   Environment: BENCH_RUNS [10]
set -euo pipefail
REPO=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$REPO"
source bench/bench-farm.sh
export FARM_WORKERS=cpu FARM_SMOKE=0
bench_farm_up
export BENCH_COMMAND=bench/streaming.sh
java -Xmx256m -cp "bench/target/classes:bench/target/lib/*" dev.voicefarm.bench.streaming.TimeToFirstAudio bench/results/streaming.md
