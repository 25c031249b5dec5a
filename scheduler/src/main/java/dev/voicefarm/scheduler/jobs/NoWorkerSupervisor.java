package dev.voicefarm.scheduler.jobs;

import dev.voicefarm.common.fleet.ClassRoute;
import dev.voicefarm.common.fleet.RoutingTable;
import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.jobs.JobStatus;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.state.JobStore;
import dev.voicefarm.scheduler.routing.RoutingTableUpdater;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * A job may be queued for a class no worker serves yet (the client asked for that class). It waits,
 * saying why in its routing note, but not forever: when no worker of its class has joined within
 * {@code farm.scheduler.no-worker-timeout}, the job ends FAILED with that reason, through an event
 * on {@code farm.events} like every other transition.
 */
@ApplicationScoped
public class NoWorkerSupervisor {

    private static final Logger LOG = Logger.getLogger(NoWorkerSupervisor.class);

    private final RoutingTableUpdater routing;
    private final JobStore jobs;
    private final MutinyEmitter<String> events;
    private final Duration timeout;

    public NoWorkerSupervisor(RoutingTableUpdater routing, JobStore jobs,
                              @Channel("supervision") MutinyEmitter<String> events,
                              @ConfigProperty(name = "farm.scheduler.no-worker-timeout", defaultValue = "10m")
                              Duration timeout) {
        this.routing = routing;
        this.jobs = jobs;
        this.events = events;
        this.timeout = timeout;
    }

    @Scheduled(every = "${farm.scheduler.supervision-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void failJobsNoWorkerCanTake() {
        RoutingTable table = routing.latest();
        if (table == null) {
            return;
        }
        Instant cutoff = Instant.now().minus(timeout);
        for (ClassRoute route : table.classes()) {
            if (route.alive() || route.backlog() == 0) {
                continue;
            }
            for (String jobId : jobs.backlogIds(route.hardwareClass())) {
                jobs.find(jobId)
                        .filter(job -> job.createdAt() != null && job.createdAt().isBefore(cutoff))
                        .ifPresent(this::fail);
            }
        }
    }

    private void fail(JobRecord job) {
        String reason = "no worker of class " + job.hardwareClass() + " joined within " + format(timeout);
        JobEvent failed = JobEvent.of(job, JobStatus.FAILED, reason);
        try {
            events.sendMessage(Message.of(Json.encode(failed)).addMetadata(
                    OutgoingKafkaRecordMetadata.<String>builder().withKey(job.id()).build()))
                    .await().atMost(Duration.ofSeconds(10));
            LOG.warnf("job %s failed: %s", job.id(), reason);
        } catch (RuntimeException e) {
            LOG.warnf("job %s: could not publish its failure (%s), will retry", job.id(), e.getMessage());
        }
    }

    private static String format(Duration duration) {
        return duration.toString().substring(2).toLowerCase();
    }
}
