package dev.voicefarm.scheduler.jobs;

import dev.voicefarm.common.fleet.ClassRoute;
import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.fleet.RoutingTable;
import dev.voicefarm.common.fleet.VramTiers;
import dev.voicefarm.common.jobs.DeadLetter;
import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.jobs.JobKind;
import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.kafka.Topics;
import dev.voicefarm.common.state.JobStore;
import dev.voicefarm.scheduler.routing.RoutingTableUpdater;
import dev.voicefarm.scheduler.topology.TopologyInitializer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import dev.voicefarm.common.voices.VoiceFamily;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Supervises work in flight, every {@code farm.scheduler.supervision-interval}, by the
 * {@link SupervisionRules}: running jobs past their timeout or without keep-alives, and waiting jobs
 * of queues (a class's GPU-memory tier, for one engine family) no live worker serves. Its decisions travel as events on {@code farm.events} like every
 * other transition, carrying the attempt the scheduler judged, so the transition's fence drops a
 * verdict that a newer attempt made stale; a spent job's dead letter goes to {@code farm.dlq} first.
 * A queue's last time served is known from the routing tables this scheduler saw (a live worker of
 * the class whose card reaches the tier), and starts at its own start: a restart never counts the
 * time before it as time without workers.
 */
@ApplicationScoped
public class JobSupervisor {

    private static final Logger LOG = Logger.getLogger(JobSupervisor.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final RoutingTableUpdater routing;
    private final JobStore jobs;
    private final MutinyEmitter<String> events;
    private final MutinyEmitter<String> deadLetters;
    private final SupervisionRules rules;
    private final Map<Queue, Instant> lastServed = new HashMap<>();
    private final Instant started = Instant.now();

    public JobSupervisor(RoutingTableUpdater routing, JobStore jobs, TopologyInitializer topology,
                         @Channel("supervision") MutinyEmitter<String> events,
                         @Channel("dead-letters") MutinyEmitter<String> deadLetters,
                         @ConfigProperty(name = "farm.scheduler.no-worker-timeout", defaultValue = "10m") Duration noWorker,
                         @ConfigProperty(name = "farm.scheduler.orphan-after", defaultValue = "60s") Duration orphanAfter,
                         @ConfigProperty(name = "farm.scheduler.timeout.synthesis", defaultValue = "5m") Duration synthesis,
                         @ConfigProperty(name = "farm.scheduler.timeout.training", defaultValue = "6h") Duration training) {
        this.routing = routing;
        this.jobs = jobs;
        this.events = events;
        this.deadLetters = deadLetters;
        this.rules = new SupervisionRules(orphanAfter, Map.of(JobKind.SYNTHESIS, synthesis, JobKind.TRAINING, training),
                noWorker, topology.maxAttempts());
    }

    @Scheduled(every = "${farm.scheduler.supervision-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void supervise() {
        try {
            superviseOnce(Instant.now());
        } catch (RuntimeException e) {
            // Redis away: nothing to judge from; the next interval tries again.
            LOG.warnf("supervision skipped this interval: %s", e.getMessage());
        }
    }

    private void superviseOnce(Instant now) {
        for (String jobId : jobs.runningIds()) {
            Optional<JobRecord> job = jobs.find(jobId);
            if (job.isEmpty()) {
                jobs.forgetRunning(jobId);
                continue;
            }
            rules.running(job.get(), now).ifPresent(verdict -> raise(job.get(), verdict));
        }
        RoutingTable table = routing.latest();
        if (table == null) {
            return;
        }
        for (ClassRoute route : table.classes()) {
            for (int tier : Topics.tiers(route.hardwareClass())) {
                for (VoiceFamily family : VoiceFamily.values()) {
                    Queue queue = new Queue(route.hardwareClass(), tier, family);
                    if (route.serves(family, tier)) {
                        lastServed.put(queue, now);
                    } else if (route.backlog() > 0) {
                        Instant queueLastServed = lastServed.getOrDefault(queue, started);
                        for (String jobId : jobs.backlogIds(route.hardwareClass(), tier, family)) {
                            jobs.find(jobId).ifPresent(job -> rules.waitingWithoutWorker(job, queueLastServed, now)
                                    .ifPresent(verdict -> raise(job, verdict)));
                        }
                    }
                }
            }
        }
    }

    /** One class's queues of one GPU-memory tier for one engine family: what a live worker serves or not. */
    private record Queue(HardwareClass hardwareClass, int vramTier, VoiceFamily family) {
    }

    private void raise(JobRecord job, Verdict verdict) {
        try {
            if (verdict.deadLetter()) {
                send(deadLetters, job.id(), Json.encode(new DeadLetter(job.id(), job.kind(), job.hardwareClass(),
                        job.attempts(), verdict.reason(), job.reason(), Instant.now(), null)));
            }
            send(events, job.id(), Json.encode(JobEvent.of(job, verdict.status(), verdict.reason())));
            LOG.warnf("job %s: %s: %s", job.id(), verdict.status(), verdict.reason());
        } catch (RuntimeException e) {
            LOG.warnf("job %s: could not publish %s (%s), will retry", job.id(), verdict.status(), e.getMessage());
        }
    }

    private static void send(MutinyEmitter<String> emitter, String key, String value) {
        emitter.sendMessage(Message.of(value).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build())).await().atMost(SEND_TIMEOUT);
    }
}
