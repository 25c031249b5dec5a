package dev.voicefarm.worker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** The worker's settings; each is overridable by its environment variable (FARM_WORKER_ID, ...). */
@ConfigMapping(prefix = "farm")
public interface WorkerConfig {

    Worker worker();

    Kafka kafka();

    S3 s3();

    Redis redis();

    interface Worker {
        /** Unique name of this worker in the fleet. */
        String id();

        /**
         * Which hardware to describe: {@code probe} (this machine), {@code sim:<machine>} (recorded
         * outputs of another machine, computing on this CPU), or a class id, which probes this
         * machine and pins the class.
         */
        @WithDefault("probe")
        String profile();

        /** Pins the hardware class, whatever the probe finds (FARM_WORKER_CLASS). */
        @WithName("class")
        Optional<String> hardwareClass();

        /** Lets Apple Silicon compute on MPS; off because MPS leaks memory and trains worse. */
        @WithDefault("false")
        boolean appleMps();

        /** GPU memory below which a worker does synthesis only. */
        @WithDefault("6")
        double minTrainingVramGb();

        /**
         * Jobs run at once (one share consumer each), instead of what the hardware decision derives:
         * for operators who know their device better than the rules, and for benchmarks.
         */
        Optional<Integer> slots();

        /**
         * What speaks synthesis jobs: {@code espeak} (eSpeak NG, the base voice) or {@code noop}
         * (a fixed short WAV, no compute: measures what the farm itself costs). Voices and training
         * are not affected.
         */
        @WithDefault("espeak")
        String engine();

        /**
         * How often a running job renews its acquisition lock until the consumer knows the group's
         * lock duration; from then on, at half of it.
         */
        @WithDefault("10s")
        Duration lockRenewInterval();

        /** How long one attempt retries transient failures (S3, Kafka) before it hands its job back. */
        @WithDefault("90s")
        Duration retryBudget();

        /** How often a running job tells the scheduler it is alive (the orphan sweep reads it). */
        @WithDefault("5s")
        Duration keepAliveInterval();

        /** How often a running job checks it still owns its job (cancelled, taken over, timed out). */
        @WithDefault("1s")
        Duration ownershipCheckInterval();

        /** Trained voices kept loaded at once, least recently used out first. */
        @WithDefault("8")
        int voiceCacheSize();

        /** The FFmpeg executable that encodes MP3, Opus, AAC and FLAC and changes the speed. */
        @WithDefault("ffmpeg")
        String ffmpeg();

        /**
         * How long a streamed job's sentences stay in Redis after its last one: long enough for the
         * listeners that play it live; the stored file is the audio for later.
         */
        @WithDefault("2m")
        Duration streamRetention();

        /** How often the worker tells the scheduler it is alive; it leaves the fleet after three misses. */
        @WithDefault("2s")
        Duration heartbeatInterval();
    }

    interface Kafka {
        @WithName("bootstrap-servers")
        String bootstrapServers();

        /** One: see {@link dev.voicefarm.common.kafka.KafkaTopology} for why a job topic has one partition. */
        @WithDefault("1")
        int jobPartitions();

        @WithDefault("3")
        int eventPartitions();
    }

    /** Where the job state is: a running job reads it to learn it was cancelled or taken over. */
    interface Redis {
        String host();

        int port();

        /** Empty for a Redis without a password. */
        @WithDefault("")
        String password();
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
