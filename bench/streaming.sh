#!/usr/bin/env bash
# Streaming benchmark, one command: starts a farm of its own (FARM_HOME .farm/bench, ports +20000)
# with one worker on this machine's CPU speaking with eSpeak NG, measures the time to first audio of a
# 1,000-character text through POST /v1/audio/speech against the whole job
# (dev.voicefarm.bench.streaming.TimeToFirstAudio), writes bench/results/streaming.md, stops that farm.
# Usage: bench/streaming.sh   Environment: BENCH_RUNS [10]
set -euo pipefail
REPO=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$REPO"
export FARM_HOME=$REPO/.farm/bench
export FARM_KAFKA_PORT=29092 FARM_KAFKA_CONTROLLER_PORT=29093 FARM_REDIS_PORT=26379 FARM_S3_PORT=29000 \
  FARM_GATEWAY_PORT=28080 FARM_SCHEDULER_PORT=28081 FARM_WORKER_PORT=28082
export FARM_WORKERS=cpu FARM_SMOKE=0
./farm down >/dev/null
rm -rf -- "$FARM_HOME"
trap './farm down >/dev/null; echo "bench: farm stopped"' EXIT
./farm up
eval "$(./farm env)"
export BENCH_COMMAND=bench/streaming.sh BENCH_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo '+changes')"
java -Xmx256m -cp "bench/target/classes:bench/target/lib/*" dev.voicefarm.bench.streaming.TimeToFirstAudio bench/results/streaming.md
