#!/usr/bin/env bash
# Batched forward of the voice model, one command: the farm's model called once per clip against a
# batched forward of the same ops and weights, at B = 1, 4, 16 clips of eSpeak NG speech, on one
# libtorch thread (worker/src/test/.../engine/voice/BatchedForwardBenchmark.java). About a minute.
# Writes bench/results/batching.md.   Usage: bench/batching.sh   (needs espeak-ng; BENCH_DEVICE=gpu on a GPU)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$REPO"
mvn -B -q install -DskipTests -pl common >/dev/null
mvn -B -q -pl worker test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp" -Dmdep.includeScope=test >/dev/null
OMP_NUM_THREADS=1 java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  -cp "worker/target/classes:worker/target/test-classes:$(cat "$WORK/cp")" \
  dev.voicefarm.worker.engine.voice.BatchedForwardBenchmark bench/results/batching.md
