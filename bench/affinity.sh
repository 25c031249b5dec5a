#!/usr/bin/env bash
# Cache-affinity benchmark, one command: starts a farm of its own (FARM_HOME .farm/bench, ports
# +20000) with two cpu workers of two slots each, trains ten voices, and runs the same seeded stream
# of 100 synthesis jobs over them with the gateway's affinity off and on, per voice-cache size
# (dev.voicefarm.bench.affinity.AffinityBenchmark); writes bench/results/affinity.md, stops that farm.
# Usage: bench/affinity.sh   Environment: BENCH_VOICE_CACHES ["4 8"]
set -euo pipefail
REPO=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$REPO"
source bench/bench-farm.sh
export FARM_WORKERS="cpu cpu" FARM_WORKER_SLOTS=2 FARM_SMOKE=0
bench_farm_up
deploy/voices/make-dataset.sh "$FARM_HOME/affinity-dataset.zip" >/dev/null
export BENCH_COMMAND=bench/affinity.sh
java -Xmx256m -cp "bench/target/classes:bench/target/lib/*" dev.voicefarm.bench.affinity.AffinityBenchmark \
  bench/results/affinity.md "$FARM_HOME/affinity-dataset.zip"
