#!/usr/bin/env bash
# Reliability under real faults: runs the fault tests (e2e FaultToleranceIT) against a fresh test
# stack started by ./farm test, and writes bench/results/reliability.md with, per fault: jobs
# submitted, accepted, succeeded, failed, lost, duplicated outcomes, extra artifacts, attempts and
# the time to recover. About 8 minutes here (2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
export FARM_RELIABILITY_REPORT=$PWD/bench/results/reliability.md
exec ./farm test -pl e2e -Dit.test=FaultToleranceIT -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
