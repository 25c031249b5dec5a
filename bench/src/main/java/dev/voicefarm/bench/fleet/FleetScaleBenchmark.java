package dev.voicefarm.bench.fleet;

import dev.voicefarm.bench.Latencies;
import dev.voicefarm.bench.ProcessStats;
import dev.voicefarm.bench.RedisMemory;
import dev.voicefarm.bench.Target;
import dev.voicefarm.bench.profile.Jfr;
import dev.voicefarm.common.fleet.ClassRoute;
import dev.voicefarm.common.fleet.Heartbeat;
import dev.voicefarm.common.fleet.RoutingTable;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.state.FleetStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.RedisClient;

/**
 * Fleet scale: the scheduler and Redis while a load generator heartbeats for growing simulated
 * fleets. The real fleet alone is measured first, in the same run, as the baseline. With a JFR
 * file given, the scheduler is recorded for one more window at the largest fleet, after its
 * figures are taken (recording costs CPU).
 */
public final class FleetScaleBenchmark {

    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(250);
    private static final int SAMPLED_WORKERS = 20;
    private static final Duration WARM_UP = Duration.ofSeconds(20);

    private final Target target;
    private final List<Integer> sizes;
    private final Duration window;
    private final Optional<Path> jfrFile;

    public FleetScaleBenchmark(Target target, List<Integer> sizes, Duration window, Optional<Path> jfrFile) {
        this.target = target;
        this.sizes = sizes;
        this.window = window;
        this.jfrFile = jfrFile;
    }

    public List<FleetRun> run() throws InterruptedException, IOException {
        long scheduler = target.pid("scheduler");
        List<FleetRun> runs = new ArrayList<>();
        try (RedisClient redis = target.redis(); SimulatedFleet fleet = new SimulatedFleet(target.kafka(), INTERVAL)) {
            long baselineBytes = RedisMemory.used(redis);
            int realWorkers = counted(new FleetStore(redis, Clock.systemUTC()).routingTable());
            for (int size : withBaseline()) {
                fleet.resize(size);
                // Every simulated worker has heartbeated, the first expiries are due, and the JIT has
                // compiled the new hot paths: what is measured is the steady state.
                TimeUnit.MILLISECONDS.sleep(WARM_UP.toMillis());
                FleetRun run = measure(redis, fleet, scheduler, size, realWorkers, baselineBytes);
                if (jfrFile.isPresent() && size == sizes.get(sizes.size() - 1)) {
                    // A window of its own: the recording costs the scheduler CPU of its own.
                    Jfr.start(scheduler, jfrFile.get(), window, "profile");
                    TimeUnit.MILLISECONDS.sleep(window.toMillis());
                    Jfr.awaitFile(jfrFile.get());
                }
                System.out.printf("[fleet] %5d simulated workers: %.0f heartbeats/s, scheduler %.1f %% of a core, RSS %d MB, "
                                + "Redis %.0f B/worker, routing table age p50 %.0f ms max %.0f ms, heartbeat age p99 %.0f ms, "
                                + "counted %d of %d%n", size, run.heartbeatsPerSecond(), run.schedulerCores() * 100,
                        run.schedulerRssBytes() >> 20, run.redisBytesPerWorker(), run.tableAgeP50Ms(), run.tableAgeMaxMs(),
                        run.heartbeatAgeP99Ms(), run.fewestCounted(), run.expectedWorkers());
                runs.add(run);
            }
        }
        return runs;
    }

    private List<Integer> withBaseline() {
        List<Integer> all = new ArrayList<>();
        all.add(0);
        all.addAll(sizes);
        return all;
    }

    private FleetRun measure(RedisClient redis, SimulatedFleet fleet, long scheduler, int size, int realWorkers,
                             long baselineBytes) throws InterruptedException {
        FleetStore store = new FleetStore(redis, Clock.systemUTC());
        ProcessStats cpu = new ProcessStats(scheduler);
        long sentBefore = fleet.heartbeatsSent();
        long start = System.nanoTime();
        Latencies tableAge = new Latencies();
        Latencies heartbeatAge = new Latencies();
        double worstTableAge = 0;
        int fewest = Integer.MAX_VALUE;
        while (System.nanoTime() - start < window.toNanos()) {
            Optional<RoutingTable> table = store.routingTable();
            long nowMs = System.currentTimeMillis();
            if (table.isPresent()) {
                long age = nowMs - table.get().computedAt().toEpochMilli();
                tableAge.record(TimeUnit.MILLISECONDS.toNanos(Math.max(0, age)));
                worstTableAge = Math.max(worstTableAge, age);
            }
            fewest = Math.min(fewest, counted(table));
            for (int i = 0; i < Math.min(size, SAMPLED_WORKERS); i++) {
                String json = redis.get("farm:worker:sim-" + ThreadLocalRandom.current().nextInt(size));
                // A worker missing from the registry counts as an hour stale.
                long age = json == null ? 3_600_000 : nowMs - Json.decode(json, Heartbeat.class).at().toEpochMilli();
                heartbeatAge.record(TimeUnit.MILLISECONDS.toNanos(Math.max(0, age)));
            }
            TimeUnit.MILLISECONDS.sleep(SAMPLE_EVERY.toMillis());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cores = cpu.coresSinceMark();
        long usedBytes = RedisMemory.used(redis);
        return new FleetRun(size, (fleet.heartbeatsSent() - sentBefore) / seconds, cores, cpu.residentBytes(),
                size == 0 ? 0 : (double) (usedBytes - baselineBytes) / size,
                tableAge.p50Ms(), worstTableAge, size == 0 ? 0 : heartbeatAge.p99Ms(), fewest, size + realWorkers);
    }

    private static int counted(Optional<RoutingTable> table) {
        return table.map(t -> t.classes().stream().mapToInt(ClassRoute::liveWorkers).sum()).orElse(0);
    }
}
