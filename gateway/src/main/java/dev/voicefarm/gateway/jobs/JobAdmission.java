package dev.voicefarm.gateway.jobs;

import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.jobs.JobKind;
import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.jobs.JobSpec;
import dev.voicefarm.common.jobs.SynthesisJob;
import dev.voicefarm.common.jobs.TrainingJob;
import dev.voicefarm.gateway.routing.Requirements;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.kafka.Topics;
import dev.voicefarm.common.state.JobStore;
import dev.voicefarm.common.storage.ObjectKeys;
import dev.voicefarm.gateway.api.ApiException;
import dev.voicefarm.gateway.routing.JobRouter;
import dev.voicefarm.gateway.routing.Route;
import dev.voicefarm.gateway.routing.RoutingTableSource;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Admits a job: routes it to a hardware class by the routing table, publishes it to that class's topic and waits for Kafka's acknowledgement (acks=all)
 * before anything else. Only an acknowledged job is accepted; after that, the QUEUED state is
 * written to Redis (so a GET right after the 202 finds it) and logged on {@code farm.events}.
 * Those two are best effort: the worker's own events create the record if they fail.
 */
@ApplicationScoped
public class JobAdmission {

    private static final Logger LOG = Logger.getLogger(JobAdmission.class);

    private static final Duration NO_ROUTE_RETRY = Duration.ofSeconds(10);

    private final MutinyEmitter<String> jobs;
    private final MutinyEmitter<String> events;
    private final JobStore store;
    private final RoutingTableSource routingTable;
    private final JobRouter router;
    private final Duration publishTimeout;

    public JobAdmission(@Channel("jobs") MutinyEmitter<String> jobs,
                        @Channel("events") MutinyEmitter<String> events,
                        JobStore store,
                        RoutingTableSource routingTable,
                        @ConfigProperty(name = "farm.gateway.max-gpu-wait", defaultValue = "30s") Duration maxGpuWait,
                        @ConfigProperty(name = "farm.gateway.publish-timeout", defaultValue = "8s") Duration publishTimeout) {
        this.jobs = jobs;
        this.events = events;
        this.store = store;
        this.routingTable = routingTable;
        this.router = new JobRouter(maxGpuWait.toMillis() / 1000.0);
        this.publishTimeout = publishTimeout;
    }

    /** @throws ApiException 503 when no class can take the job or Kafka did not acknowledge it in time */
    public JobView admit(SynthesisRequest request) {
        Route route = route(JobKind.SYNTHESIS, request.requirements());
        return admit(new SynthesisJob(UUID.randomUUID().toString(), ObjectKeys.DEFAULT_TENANT,
                route.hardwareClass(), now(), request.text(), request.language().code(), request.voice(), route.reason()));
    }

    /** @throws ApiException 503 when no class can take the job or Kafka did not acknowledge it in time */
    public JobView admit(TrainingRequest request) {
        Route route = route(JobKind.TRAINING, request.requirements());
        return admit(new TrainingJob(UUID.randomUUID().toString(), ObjectKeys.DEFAULT_TENANT, route.hardwareClass(),
                now(), request.datasetId(), request.language().code(), request.name(), request.epochs(), route.reason()));
    }

    private Route route(JobKind kind, Requirements requirements) {
        try {
            return router.route(kind, requirements, routingTable.current());
        } catch (JobRouter.NoRouteException e) {
            throw ApiException.unavailable(e.getMessage() + "; try again shortly", NO_ROUTE_RETRY);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private JobView admit(JobSpec job) {
        try {
            publish(jobs, Topics.jobs(job.kind(), job.hardwareClass()), job.jobId(), Json.encode(job));
        } catch (RuntimeException e) {
            LOG.warnf("job %s not admitted: Kafka did not acknowledge it: %s", job.jobId(), e.getMessage());
            throw ApiException.unavailable("the job queue is not accepting jobs right now; try again shortly",
                    Duration.ofSeconds(5));
        }
        recordQueued(JobEvent.queued(job));
        return new JobView(JobRecord.queued(job), null);
    }

    private void recordQueued(JobEvent queued) {
        try {
            store.apply(queued);
        } catch (RuntimeException e) {
            LOG.warnf("job %s accepted but its QUEUED state is not in Redis yet: %s", queued.jobId(), e.getMessage());
        }
        try {
            publish(events, Topics.EVENTS, queued.jobId(), Json.encode(queued));
        } catch (RuntimeException e) {
            LOG.warnf("job %s accepted but its QUEUED event was not logged: %s", queued.jobId(), e.getMessage());
        }
    }

    private void publish(MutinyEmitter<String> emitter, String topic, String key, String value) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic)
                .withKey(key)
                .build();
        emitter.sendMessage(Message.of(value).addMetadata(metadata)).await().atMost(publishTimeout);
    }
}
