package dev.voicefarm.worker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** The worker's settings; each is overridable by its environment variable (FARM_WORKER_ID, ...). */
@ConfigMapping(prefix = "farm")
public interface WorkerConfig {

    Worker worker();

    Kafka kafka();

    S3 s3();

    interface Worker {
        /** Unique name of this worker in the fleet. */
        String id();

        /** What hardware the worker serves: a hardware class id ({@code cpu}, {@code nvidia}, ...). */
        @WithDefault("cpu")
        String profile();

        /** Deliveries of one job before it ends FAILED. */
        @WithDefault("3")
        int maxAttempts();

        /** How often a running job renews its acquisition lock; well under the group's lock duration. */
        @WithDefault("10s")
        Duration lockRenewInterval();
    }

    interface Kafka {
        @WithName("bootstrap-servers")
        String bootstrapServers();

        @WithDefault("3")
        int jobPartitions();

        @WithDefault("3")
        int eventPartitions();
    }

    interface S3 {
        String endpoint();

        @WithDefault("minioadmin")
        String accessKey();

        @WithDefault("minioadmin")
        String secretKey();

        @WithDefault("us-east-1")
        String region();
    }
}
