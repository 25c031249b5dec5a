package dev.voicefarm.scheduler.metrics;

import dev.voicefarm.common.fleet.ClassRoute;
import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.jobs.JobStatus;
import dev.voicefarm.common.jobs.JobTransition;
import dev.voicefarm.scheduler.routing.RoutingTableUpdater;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;

/**
 * What the scheduler exports for Prometheus ({@code /q/metrics}): the jobs entering each state, how
 * long they waited to start and ran, and per hardware class the figures autoscaling reads
 * (backlog, running jobs, the oldest wait, live workers, free slots), taken from the routing table
 * it computes every second. Labels are closed sets (kind, class, status), never a tenant or an id.
 * KEDA's Kafka scaler cannot read a share group's backlog; these gauges are the farm's own.
 */
@ApplicationScoped
@Startup
public class SchedulerMetrics {

    /** Bucket bounds of the latency histograms: from a fast synthesis to a long training. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
            Duration.ofMinutes(30)};

    private final MeterRegistry registry;

    public SchedulerMetrics(MeterRegistry registry, RoutingTableUpdater routing) {
        this.registry = registry;
        for (HardwareClass hardwareClass : HardwareClass.values()) {
            classGauge("voicefarm.class.backlog.jobs", "jobs queued for the class and not started", routing, hardwareClass, ClassRoute::backlog);
            classGauge("voicefarm.class.running.jobs", "jobs the class's live workers run now", routing, hardwareClass, ClassRoute::runningJobs);
            classGauge("voicefarm.class.oldest.queued.seconds", "how long the class's longest-waiting job has waited (0: none waits)",
                    routing, hardwareClass, route -> route.oldestWaitingSeconds() == null ? 0 : route.oldestWaitingSeconds());
            classGauge("voicefarm.class.live.workers", "workers of the class heartbeating now", routing, hardwareClass, ClassRoute::liveWorkers);
            classGauge("voicefarm.class.free.slots", "job slots of the class's live workers that are idle", routing, hardwareClass,
                    ClassRoute::freeSlots);
            classGauge("voicefarm.class.slots", "job slots of the class's live workers", routing, hardwareClass, ClassRoute::totalSlots);
        }
    }

    private void classGauge(String name, String description, RoutingTableUpdater routing, HardwareClass hardwareClass,
                            ToDoubleFunction<ClassRoute> figure) {
        Gauge.builder(name, () -> routing.latest() == null ? Double.NaN
                        : routing.latest().route(hardwareClass).map(figure::applyAsDouble).orElse(0.0))
                .description(description)
                .tag("class", hardwareClass.id())
                .register(registry);
    }

    /**
     * Counts an event the scheduler folded in: {@code voicefarm_jobs_total{kind,class,status}} for
     * each state a job entered, and the wait before its first start
     * ({@code voicefarm_job_queue_seconds}). A report of a running attempt is no new state. QUEUED
     * reaches the scheduler only for a job whose gateway could not write it to Redis (accepted jobs
     * are the gateway's {@code voicefarm_jobs_submitted_total}); it is counted whatever Redis did
     * with it (a rejection when the worker's start was written first).
     */
    public void folded(JobEvent event, JobTransition outcome) {
        boolean entered = outcome == JobTransition.APPLIED || outcome == JobTransition.DUPLICATE;
        if (!(entered || event.status() == JobStatus.QUEUED && outcome == JobTransition.REJECTED)) {
            return;
        }
        Counter.builder("voicefarm.jobs").description("jobs entering each state")
                .tags("kind", event.kind().id(), "class", event.hardwareClass().id(), "status", event.status().name())
                .register(registry).increment();
        if (outcome == JobTransition.APPLIED && event.status() == JobStatus.RUNNING && event.attempt() == 1 && event.createdAt() != null) {
            timer("voicefarm.job.queue", "from submission to the first start", event).record(between(event.createdAt(), event.at()));
        }
    }

    /** A job's attempt ended at {@code event}: {@code voicefarm_job_run_seconds{kind,class,status}} from its start. */
    public void finished(JobEvent event, Instant startedAt) {
        timer("voicefarm.job.run", "from the start to the outcome", event, "status", event.status().name())
                .record(between(startedAt, event.at()));
    }

    private Timer timer(String name, String description, JobEvent event, String... tags) {
        return Timer.builder(name).description(description).serviceLevelObjectives(BUCKETS)
                .tag("kind", event.kind().id()).tag("class", event.hardwareClass().id()).tags(tags)
                .register(registry);
    }

    private static Duration between(Instant from, Instant to) {
        Duration duration = Duration.between(from, to);
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
