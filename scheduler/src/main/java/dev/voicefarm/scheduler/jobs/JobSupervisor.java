package dev.voicefarm.scheduler.jobs;

import dev.voicefarm.common.fleet.ClassRoute;
import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.fleet.RoutingTable;
import dev.voicefarm.common.jobs.DeadLetter;
import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.jobs.JobKind;
import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.state.JobStore;
import dev.voicefarm.scheduler.routing.RoutingTableUpdater;
import dev.voicefarm.scheduler.topology.TopologyInitializer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Supervises work in flight, every {@code farm.scheduler.supervision-interval}, by the
 * {@link SupervisionRules}: running jobs past their timeout or without keep-alives, and waiting jobs
 * of classes no worker serves. Its decisions travel as events on {@code farm.events} like every
 * other transition, carrying the attempt the scheduler judged, so the transition's fence drops a
 * verdict that a newer attempt made stale; a spent job's dead letter goes to {@code farm.dlq} first.
 * A class's last time alive is known from the routing tables this scheduler saw, and starts at its
 * own start: a restart never counts the time before it as time without workers.
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
    private final Map<HardwareClass, Instant> lastAlive = new EnumMap<>(HardwareClass.class);
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
        Instant now = Instant.now();
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
            if (route.alive()) {
                lastAlive.put(route.hardwareClass(), now);
                continue;
            }
            if (route.backlog() == 0) {
                continue;
            }
            Instant classLastAlive = lastAlive.getOrDefault(route.hardwareClass(), started);
            for (String jobId : jobs.backlogIds(route.hardwareClass())) {
                jobs.find(jobId).ifPresent(job -> rules.waitingWithoutWorker(job, classLastAlive, now)
                        .ifPresent(verdict -> raise(job, verdict)));
            }
        }
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
