package dev.voicefarm.bench.hol;

import dev.voicefarm.common.kafka.JobConsumers;
import dev.voicefarm.common.kafka.KafkaTopology;
import dev.voicefarm.worker.queue.ShareGroupJobQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Head-of-line blocking: the same stream of 50 ms jobs, alone and with 10 s jobs mixed in, through
 * two workers taking from the farm's share-group queue ({@link ShareGroupJobQueue}, the worker's
 * own class and consumer settings) on a topic laid out as a job topic, and for comparison through
 * the same queue on more partitions than workers, and through two classic consumer-group workers
 * with a partition each (that group's best layout). The farm's GPU-memory tiers get a run of their
 * own: the long jobs ask for a 24 GB card and go to the 24 GB tier's topic, which only one of the
 * two workers (the "24 GB card") reads, while both read the any-memory topic of the short jobs, as
 * {@code Topics.consumedTopics} lays them out. Each run gets fresh topics, so no run sees another's jobs.
 */
public final class HeadOfLineBenchmark {

    public static final String SHARE = "share group";
    public static final String CLASSIC = "consumer group";
    public static final String TIERED = "share group, memory tiers";
    /** The tier the long jobs of a {@link #TIERED} run ask for, and which only the last worker reaches. */
    private static final int LONG_JOB_TIER = 24;
    private static final int WORKERS = 2;
    private static final Duration RENEW = Duration.ofSeconds(10);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrap;
    private final List<Layout> layouts;
    private final int repeats;

    /** A queue and the partitions of its topic. */
    private record Layout(String queue, int partitions) {
    }

    public HeadOfLineBenchmark(String bootstrap, int jobPartitions, int repeats) {
        this.bootstrap = bootstrap;
        this.layouts = List.of(new Layout(SHARE, jobPartitions), new Layout(SHARE, WORKERS + 1),
                new Layout(CLASSIC, WORKERS), new Layout(TIERED, jobPartitions));
        this.repeats = repeats;
    }

    public List<HolRun> run() throws InterruptedException {
        List<HolRun> runs = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            for (Layout layout : layouts) {
                for (boolean mixed : List.of(false, true)) {
                    HolRun run = once(layout, mixed);
                    System.out.printf("[head-of-line] %-14s %d partition(s) %-10s short p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d shorts, lost %d)%n",
                            layout.queue(), layout.partitions(), mixed ? "mixed" : "short-only", run.shortP50Ms(),
                            run.shortP99Ms(), run.shortMaxMs(), run.shortJobs(), run.lost());
                    runs.add(run);
                }
            }
        }
        return runs;
    }

    private HolRun once(Layout layout, boolean mixed) throws InterruptedException {
        String name = "bench-hol-" + UUID.randomUUID();
        String topic = name.replace('-', '.');
        boolean tiered = layout.queue().equals(TIERED);
        boolean share = tiered || layout.queue().equals(SHARE);
        String longTopic = tiered ? topic + ".vram" + LONG_JOB_TIER : topic;
        new KafkaTopology(bootstrap, layout.partitions(), 1).ensure(
                tiered ? Map.of(topic, layout.partitions(), longTopic, layout.partitions()) : Map.of(topic, layout.partitions()),
                share ? List.of(name) : List.of());
        JobStream stream = new JobStream();
        List<Runnable> stops = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<BooleanSupplier> ready = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            Runnable loop;
            if (share) {
                List<String> topics = tiered && w == WORKERS - 1 ? List.of(topic, longTopic) : List.of(topic);
                ShareGroupJobQueue worker = new ShareGroupJobQueue(
                        JobConsumers.oneAtATime(bootstrap, name, name + "-" + w), topics, stream, RENEW);
                stops.add(worker::stop);
                ready.add(worker::isPolling);
                loop = worker;
            } else {
                ConsumerGroupWorker worker = new ConsumerGroupWorker(bootstrap, name, topic, stream);
                stops.add(worker::stop);
                ready.add(worker::isAssigned);
                loop = worker;
            }
            Thread thread = new Thread(loop, "hol-worker-" + w);
            threads.add(thread);
            thread.start();
        }
        try {
            awaitReady(ready);
            stream.send(bootstrap, topic, longTopic, mixed);
            stream.awaitFinished(JobStream.LONG.multipliedBy(2).plusSeconds(30));
            return stream.result(layout.queue(), layout.partitions(), mixed);
        } finally {
            stops.forEach(Runnable::run);
            for (Thread thread : threads) {
                thread.join(15_000);
            }
        }
    }

    private static void awaitReady(List<BooleanSupplier> ready) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!ready.stream().allMatch(BooleanSupplier::getAsBoolean)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("workers not consuming after " + READY_TIMEOUT.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}
