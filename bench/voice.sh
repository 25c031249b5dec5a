#!/usr/bin/env bash
# Voice benchmark: generates the target-speaker dataset with deploy/voices/make-dataset.sh, trains
# a voice on one CPU thread, measures quality (MCD, F0 RMSE) on held-out clips before and after,
# training time, and synthesis real-time factor. Writes bench/results/voice.md.
# Usage: bench/voice.sh [EPOCHS]   (needs espeak-ng; builds the worker module if needed)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$REPO"
"$REPO/deploy/voices/make-dataset.sh" "$WORK/speaker.zip" "$WORK/held-out" >/dev/null
mvn -B -q install -DskipTests -pl common >/dev/null
mvn -B -q -pl worker test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp" -Dmdep.includeScope=test >/dev/null
OMP_NUM_THREADS=1 java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  -cp "worker/target/classes:worker/target/test-classes:$(cat "$WORK/cp")" \
  dev.voicefarm.worker.bench.VoiceBenchmark "$WORK/speaker.zip" "$WORK/held-out" bench/results/voice.md "${1:-60}"
