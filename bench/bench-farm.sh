# Sourced by the benchmark scripts: a farm of the benchmark's own (FARM_HOME .farm/bench, ports
# +20000), fresh for every run and stopped when the script exits. Set FARM_WORKERS and friends first.
# After bench_farm_up the stack's addresses, credentials and the dev key are exported.
export FARM_HOME=$REPO/.farm/bench
export FARM_KAFKA_PORT=29092 FARM_KAFKA_CONTROLLER_PORT=29093 FARM_REDIS_PORT=26379 FARM_S3_PORT=29000 \
  FARM_GATEWAY_PORT=28080 FARM_SCHEDULER_PORT=28081 FARM_WORKER_PORT=28082

bench_farm_up() {
  ./farm down >/dev/null
  rm -rf -- "$FARM_HOME" # a fresh Kafka, Redis and S3 for every run
  trap './farm down >/dev/null; echo "bench: farm stopped"' EXIT
  ./farm up
  eval "$(./farm env)" # addresses, credentials and the dev tenant's key
  BENCH_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo '+changes')"
  export BENCH_COMMIT
}

# The farm the overhead benchmarks measure: one worker, this machine as class cpu, on the no-op
# engine (it computes nothing: what is measured is the farm itself), with quotas that one tenant
# driving it to saturation does not hit. Call before bench_farm_up.
bench_noop_worker() {
  export FARM_WORKERS=cpu FARM_WORKER_ENGINE=noop FARM_WORKER_SLOTS=${BENCH_SLOTS:-4} FARM_SMOKE=0
  export FARM_GATEWAY_QUOTA_REQUESTS_PER_SECOND=1000000 FARM_GATEWAY_QUOTA_BURST=1000000 FARM_GATEWAY_QUOTA_ACTIVE_JOBS=10000000
}

# bench_java CLASS ARGS...: runs a benchmark program of the bench module (built by ./farm up).
bench_java() {
  java -Xmx1g -XX:+UseSerialGC -cp "bench/target/classes:bench/target/lib/*" "$@"
}
