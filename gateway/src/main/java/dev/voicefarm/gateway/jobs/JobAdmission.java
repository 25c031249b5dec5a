package dev.voicefarm.gateway.jobs;

import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.jobs.JobKind;
import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.jobs.JobSpec;
import dev.voicefarm.common.jobs.SynthesisJob;
import dev.voicefarm.common.jobs.TrainingJob;
import dev.voicefarm.common.state.JobStore;
import dev.voicefarm.gateway.api.ApiException;
import dev.voicefarm.gateway.routing.JobRouter;
import dev.voicefarm.gateway.routing.Requirements;
import dev.voicefarm.gateway.routing.Route;
import dev.voicefarm.gateway.routing.RoutingTableSource;
import dev.voicefarm.gateway.tenants.Caller;
import dev.voicefarm.gateway.tenants.QuotaGuard;
import dev.voicefarm.gateway.webhooks.WebhookRegistration;
import jakarta.enterprise.context.ApplicationScoped;
import dev.voicefarm.common.voices.Voice;
import dev.voicefarm.common.voices.VoiceFamily;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import dev.voicefarm.gateway.metrics.GatewayMetrics;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Admits a job in two steps, so that its id and spec exist before anything is published (an
 * Idempotency-Key claims them first). {@link #prepare} places the job on a hardware class by the
 * routing table and gives it an id; {@link #admit} publishes it to that class's topic and waits
 * for Kafka's acknowledgement (acks=all) before anything else. Only an acknowledged job is
 * accepted; after that, the QUEUED state is written to Redis (so a GET right after the 202 finds
 * it). Only if that write fails is QUEUED logged on {@code farm.events}, for the scheduler to write
 * when Redis is back; should that fail too, the worker's own first event creates the record. A job's webhook is checked first and stored by {@link #prepare},
 * before anything is published: a job that finishes at once already owes its delivery.
 */
@ApplicationScoped
public class JobAdmission {

    private static final Logger LOG = Logger.getLogger(JobAdmission.class);

    private final QueuePublisher queue;
    private final JobStore store;
    private final JobPlacement placement;
    private final QuotaGuard quotas;
    private final WebhookRegistration webhooks;
    private final GatewayMetrics metrics;

    public JobAdmission(QueuePublisher queue,
                        QueueHealth queueHealth,
                        JobStore store,
                        RoutingTableSource routingTable,
                        QuotaGuard quotas,
                        WebhookRegistration webhooks,
                        GatewayMetrics metrics,
                        @ConfigProperty(name = "farm.gateway.max-gpu-wait", defaultValue = "30s") Duration maxGpuWait,
                        @ConfigProperty(name = "farm.gateway.max-routing-age", defaultValue = "10s") Duration maxRoutingAge,
                        @ConfigProperty(name = "farm.gateway.affinity", defaultValue = "true") boolean affinity,
                        @ConfigProperty(name = "farm.gateway.wake-classes") Optional<List<String>> wakeClasses) {
        this.queue = queue;
        this.store = store;
        this.quotas = quotas;
        this.webhooks = webhooks;
        this.metrics = metrics;
        this.placement = new JobPlacement(queueHealth, routingTable::current,
                new JobRouter(maxGpuWait.toMillis() / 1000.0, HardwareClass.fromSetting("FARM_GATEWAY_WAKE_CLASSES",
                        wakeClasses.orElse(List.of()))), maxRoutingAge, Clock.systemUTC(), affinity);
    }

    /**
     * @throws ApiException 400 {@code invalid_webhook} for a webhook that may not be delivered to,
     *                      503 when the farm cannot take the job now (see {@link JobPlacement}),
     *                      429 when the caller's tenant has its quota of unfinished jobs
     */
    public JobSpec prepare(SynthesisRequest request, Caller caller) {
        webhooks.check(request.webhook());
        String voiceKey = request.voice() == null ? null : Voice.key(caller.tenant(), request.voice());
        Route route = place(JobKind.SYNTHESIS, request.family(), voiceKey, request.requirements(), caller);
        return withWebhook(new SynthesisJob(UUID.randomUUID().toString(), caller.tenant(),
                route.hardwareClass(), route.vramTier(), now(), request.text(), request.language().code(), request.voice(), route.reason(),
                request.output(), request.family(), route.worker()), request.webhook());
    }

    /** @throws ApiException 400, 503 or 429, as {@link #prepare(SynthesisRequest, Caller)} */
    public JobSpec prepare(TrainingRequest request, Caller caller) {
        webhooks.check(request.webhook());
        Route route = place(JobKind.TRAINING, VoiceFamily.VOICEFARM, null, request.requirements(), caller);
        return withWebhook(new TrainingJob(UUID.randomUUID().toString(), caller.tenant(), route.hardwareClass(),
                route.vramTier(), now(), request.datasetId(), request.language().code(), request.name(), request.epochs(), route.reason()), request.webhook());
    }

    private JobSpec withWebhook(JobSpec job, URI webhook) {
        webhooks.register(job, webhook);
        return job;
    }

    /** Placed first: a farm that cannot take any job answers 503 before a quota answers 429. */
    private Route place(JobKind kind, VoiceFamily family, String voiceKey, Requirements requirements, Caller caller) {
        Route route = placement.place(kind, family, voiceKey, requirements);
        quotas.admitJob(caller);
        return route;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Publishes a prepared job; publishing the same spec again is safe, consumers de-duplicate by job id.
     *
     * @throws ApiException 503 {@code queue_unavailable} when Kafka did not acknowledge it
     */
    public JobView admit(JobSpec job) {
        try {
            queue.publish(job);
        } catch (ApiException e) {
            LOG.warnf("job %s of tenant %s not admitted: %s", job.jobId(), job.tenant(), e.getMessage());
            throw e;
        }
        metrics.submitted(job);
        JobEvent queued = JobEvent.queued(job);
        try {
            store.apply(queued);
        } catch (RuntimeException e) {
            // Only then on farm.events: the scheduler writes it once Redis answers. In the usual case
            // the Redis write is the record, and a fourth acks=all record per job would buy nothing.
            LOG.warnf("job %s of tenant %s accepted but its QUEUED state is not in Redis yet (logged on farm.events "
                    + "for the scheduler to write): %s", job.jobId(), job.tenant(), e.getMessage());
            queue.announce(queued);
        }
        return new JobView(JobRecord.queued(job), null);
    }
}
