package dev.voicefarm.worker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import dev.voicefarm.worker.engine.gptsovits.GptSovitsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

        /**
         * On shutdown (a scale-down, a rolling update), how long the worker waits for its running
         * jobs to finish after it stopped taking new ones; what still runs then is released to the
         * class's other workers. Keep it below the platform's grace period (Kubernetes'
         * terminationGracePeriodSeconds), which kills the process when it ends.
         */
        @WithDefault("30s")
        Duration drainTimeout();

        /** GPT-SoVITS's api_v2 processes, when this host has GPT-SoVITS ({@code install-dir} set). */
        @WithName("gpt-sovits")
        GptSovits gptSovits();
    }

    /** What each setting means: {@link dev.voicefarm.worker.engine.gptsovits.GptSovitsSettings}. */
    interface GptSovits {
        Optional<Path> installDir();

        @WithDefault("python3")
        String python();

        /** Empty: one process per GPU of the probed profile, one on a CPU-only host. */
        Optional<Integer> processes();

        @WithDefault("9880")
        int firstPort();

        @WithDefault(GptSovitsSettings.DEFAULT_CONFIG)
        Path config();

        @WithDefault("v1,v2,v2Pro,v2ProPlus,v3,v4")
        List<String> versions();

        @WithDefault("500")
        int recycleAfterJobs();

        @WithDefault("6144")
        long maxRssMb();

        /** Empty: on a GPU class 90 % of the card's memory divided among the processes; 0 (no ceiling) on a CPU. */
        Optional<Long> maxGpuMb();

        @WithDefault("10s")
        Duration healthInterval();

        @WithDefault("180s")
        Duration startTimeout();

        @WithDefault("120s")
        Duration requestTimeout();

        /** Empty: {@code java.io.tmpdir/voicefarm-gpt-sovits}. */
        Optional<Path> cacheDir();

        @WithDefault("20480")
        long cacheMaxMb();

        /** Extra environment of the processes ({@code FARM_WORKER_GPT_SOVITS_ENVIRONMENT__CUDA_VISIBLE_DEVICES_=0}). */
        Map<String, String> environment();
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
