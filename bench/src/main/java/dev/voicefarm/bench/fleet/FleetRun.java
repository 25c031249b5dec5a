package dev.voicefarm.bench.fleet;

/**
 * The scheduler and Redis under one simulated fleet size, over one measurement window.
 *
 * @param simulatedWorkers    workers the load generator heartbeats for (0: the real fleet only)
 * @param heartbeatsPerSecond what the generator sent, on average over the window
 * @param schedulerCores      scheduler CPU time over wall time: 0.2 is a fifth of one core
 * @param redisBytesPerWorker Redis memory growth over the real-fleet baseline, per simulated worker
 * @param tableAgeP50Ms       age of the routing table in Redis when read, median
 * @param tableAgeMaxMs       age of the routing table in Redis when read, worst
 * @param heartbeatAgeP99Ms   age of the heartbeat the registry holds for a sampled worker, 99th percentile
 * @param fewestCounted       fewest workers the routing table counted during the window
 * @param expectedWorkers     workers it should count (simulated plus real)
 */
public record FleetRun(int simulatedWorkers, double heartbeatsPerSecond, double schedulerCores,
                       long schedulerRssBytes, double redisBytesPerWorker, double tableAgeP50Ms,
                       double tableAgeMaxMs, double heartbeatAgeP99Ms, int fewestCounted, int expectedWorkers) {
}
