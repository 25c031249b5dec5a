package dev.voicefarm.worker.health;

import dev.voicefarm.common.health.DependencyChecks;
import dev.voicefarm.common.kafka.KafkaPing;
import dev.voicefarm.worker.Worker;
import dev.voicefarm.worker.WorkerConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

/**
 * The worker's readiness: its job queues all polling ({@code job-queues}), and one check per
 * dependency: Kafka (jobs, events, heartbeats), Redis (job ownership, live audio) and S3 (voices,
 * artifacts).
 */
@ApplicationScoped
public class WorkerHealth {

    private final KafkaPing kafka;

    public WorkerHealth(WorkerConfig config) {
        this.kafka = new KafkaPing(config.kafka().bootstrapServers(), "voicefarm-worker-health", Duration.ofSeconds(1));
    }

    @PreDestroy
    void close() {
        kafka.close();
    }

    @Produces
    @Readiness
    HealthCheck jobQueues(Worker worker) {
        return DependencyChecks.named("job-queues", () -> {
            if (!worker.polling()) {
                throw new IllegalStateException("not every job queue is polling yet");
            }
            return "every job queue is polling";
        });
    }

    @Produces
    @Readiness
    HealthCheck kafka() {
        return DependencyChecks.kafka(kafka);
    }

    @Produces
    @Readiness
    HealthCheck redis(Worker worker) {
        return DependencyChecks.redis(worker::redis);
    }

    @Produces
    @Readiness
    HealthCheck s3(Worker worker) {
        return DependencyChecks.s3(worker::artifacts);
    }
}
