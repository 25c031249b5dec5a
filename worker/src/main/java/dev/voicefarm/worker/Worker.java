package dev.voicefarm.worker;

import dev.voicefarm.common.kafka.JobConsumers;
import dev.voicefarm.common.audio.AudioEncoder;
import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.jobs.AudioOutput;
import dev.voicefarm.common.fleet.ClassDecision;
import dev.voicefarm.common.state.AudioStreams;
import dev.voicefarm.common.fleet.GpuVendor;
import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.fleet.HardwareProfile;
import dev.voicefarm.common.kafka.KafkaTopology;
import dev.voicefarm.common.kafka.Topics;
import dev.voicefarm.common.storage.ArtifactStore;
import dev.voicefarm.common.state.RedisSettings;
import dev.voicefarm.common.storage.ObjectKeys;
import dev.voicefarm.common.storage.S3Settings;
import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.voicefarm.common.jobs.JobKind;
import dev.voicefarm.worker.engine.EspeakEngine;
import dev.voicefarm.worker.engine.NoopEngine;
import dev.voicefarm.worker.engine.SynthesisEngine;
import dev.voicefarm.worker.engine.VoiceEngine;
import dev.voicefarm.worker.engine.gptsovits.GptSovitsEngine;
import dev.voicefarm.worker.engine.gptsovits.GptSovitsSettings;
import dev.voicefarm.common.voices.GptSovitsVersion;
import java.nio.file.Path;
import java.util.stream.Collectors;
import dev.voicefarm.worker.engine.voice.VoiceLibrary;
import dev.voicefarm.worker.engine.voice.VoiceTrainer;
import dev.voicefarm.common.retry.Backoff;
import dev.voicefarm.common.state.JobStore;
import dev.voicefarm.worker.jobs.JobDispatcher;
import dev.voicefarm.worker.jobs.Lifecycle;
import dev.voicefarm.worker.jobs.RedisOwnership;
import java.time.Duration;
import redis.clients.jedis.RedisClient;
import dev.voicefarm.worker.jobs.TrainingHandler;
import java.util.Map;
import dev.voicefarm.worker.fleet.HeartbeatSender;
import dev.voicefarm.worker.fleet.WorkerLoad;
import dev.voicefarm.worker.hardware.ClassRules;
import dev.voicefarm.worker.hardware.HardwareProbe;
import dev.voicefarm.worker.hardware.ProfileChoice;
import dev.voicefarm.worker.jobs.EventPublisher;
import dev.voicefarm.worker.jobs.JobHandler;
import dev.voicefarm.worker.jobs.SynthesisHandler;
import dev.voicefarm.worker.queue.JobQueues;
import dev.voicefarm.worker.queue.ShareGroupJobQueue;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import dev.voicefarm.worker.metrics.WorkerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

/**
 * The worker's life: it probes its hardware (or reads a recorded machine), decides its class and
 * limits, makes sure its topics and buckets exist, then runs one job queue per slot on its class's
 * share group and heartbeats until shut down. Ready once every queue is polling ({@link dev.voicefarm.worker.health.WorkerHealth}).
 */
@ApplicationScoped
public class Worker {

    private static final Logger LOG = Logger.getLogger(Worker.class);
    /** Between attempts of a failing job: 2 s, 4 s, 8 s ... up to a minute, jittered. */
    private static final Backoff BETWEEN_ATTEMPTS = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(1));

    private final WorkerConfig config;
    private final JobQueues queues = new JobQueues();
    private volatile ArtifactStore store;
    private EventPublisher events;
    private VoiceLibrary voices;
    private GptSovitsEngine gptSovits;
    private HeartbeatSender heartbeats;
    private WorkerLoad load;
    private volatile RedisClient redis;

    private final MeterRegistry metrics;

    public Worker(WorkerConfig config, MeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent startup) throws InterruptedException {
        // Model weights come from our own archives: DJL must never try to download anything.
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        WorkerConfig.Worker settings = config.worker();
        ProfileChoice choice = ProfileChoice.of(settings.profile(), settings.hardwareClass());
        HardwareProfile profile = new HardwareProbe().probe(choice.source());
        ClassDecision derived = new ClassRules(choice.pinned(), settings.appleMps(), settings.minTrainingVramGb())
                .decide(profile);
        ClassDecision decision = settings.slots().map(derived::withSlots).orElse(derived);
        HardwareClass hardwareClass = decision.hardwareClass();

        String bootstrap = config.kafka().bootstrapServers();
        KafkaTopology topology = new KafkaTopology(bootstrap, config.kafka().jobPartitions(),
                config.kafka().eventPartitions());
        topology.ensure(List.of(hardwareClass));
        int maxAttempts = topology.deliveryCountLimit();
        store = new ArtifactStore(new S3Settings(config.s3().endpoint(), config.s3().endpoint(),
                config.s3().accessKey(), config.s3().secretKey(), config.s3().region()));
        store.ensureBuckets();
        events = new EventPublisher(bootstrap, settings.id());

        Device device = computeDevice(profile, decision);
        EspeakEngine espeak = new EspeakEngine("espeak-ng");
        voices = new VoiceLibrary(store, espeak, device, settings.voiceCacheSize());
        List<VoiceEngine> engines = new ArrayList<>(List.of(voices));
        GptSovitsSettings gptSovitsSettings = gptSovitsSettings(settings.gptSovits(), profile, decision);
        if (gptSovitsSettings.enabled()) {
            gptSovits = GptSovitsEngine.onS3(gptSovitsSettings, store);
            gptSovits.start();
            engines.add(gptSovits);
        }
        load = new WorkerLoad();
        redis = new RedisSettings(config.redis().host(), config.redis().port(), config.redis().password()).open();
        Lifecycle lifecycle = new Lifecycle(events::publish, events::deadLetter, new RedisOwnership(new JobStore(redis)),
                settings.id(), maxAttempts, settings.retryBudget(), Backoff.DEFAULT, BETWEEN_ATTEMPTS,
                settings.keepAliveInterval(), settings.ownershipCheckInterval());
        JobHandler handler = load.counting(new JobDispatcher(Map.of(
                JobKind.SYNTHESIS, new SynthesisHandler(synthesisEngine(settings.engine(), espeak),
                        engines.stream().collect(Collectors.toMap(VoiceEngine::family, e -> e)),
                        new AudioEncoder(settings.ffmpeg()),
                        (key, audio) -> store.put(ObjectKeys.ARTIFACTS_BUCKET, key, audio.bytes(), audio.format().contentType()),
                        streamSink(new AudioStreams(redis, settings.streamRetention())), lifecycle),
                JobKind.TRAINING, new TrainingHandler(new VoiceTrainer(espeak, device), espeak, store, device,
                        lifecycle))));
        // Known to the scheduler before its first job: a joining worker is never mistaken for none.
        LongSupplier deviceMemory = deviceMemory(choice, profile, decision);
        heartbeats = new HeartbeatSender(settings.id(), profile, decision, load, deviceMemory,
                engines, settings.heartbeatInterval(), events::heartbeat);
        WorkerMetrics.register(metrics, hardwareClass, deviceMemory, load::running, engines);
        heartbeats.start();
        // Its own topic first: routing sends it the jobs for the voices it holds.
        String direct = Topics.direct(hardwareClass, settings.id());
        topology.ensure(Map.of(direct, 1), List.of());
        List<String> topics = new ArrayList<>(List.of(direct));
        topics.addAll(Topics.consumedTopics(hardwareClass, decision.limits(),
                engines.stream().map(VoiceEngine::family).toList()));
        for (int slot = 0; slot < decision.limits().slots(); slot++) {
            queues.start(new ShareGroupJobQueue(JobConsumers.oneAtATime(bootstrap,
                    Topics.workerShareGroup(hardwareClass), settings.id() + "-" + slot), topics,
                    handler, settings.lockRenewInterval()), "job-queue-" + slot);
        }
        LOG.infof("worker %s joins class %s on %s with %d slot(s), topics %s, %d attempts a job%s%s: %s", settings.id(),
                hardwareClass, decision.device(), decision.limits().slots(), topics, maxAttempts,
                settings.engine().equals("espeak") ? "" : " [ENGINE " + settings.engine() + "]",
                profile.simulated() ? " [SIMULATED " + profile.source() + ", computing on this CPU]" : "",
                decision.reason());
    }

    private static SynthesisHandler.StreamSink streamSink(AudioStreams streams) {
        return new SynthesisHandler.StreamSink() {
            @Override
            public void chunk(String jobId, int index, Wav pcm, AudioOutput output) {
                streams.publish(jobId, index, pcm, output);
            }

            @Override
            public void end(String jobId, int chunks) {
                streams.end(jobId, chunks);
            }
        };
    }

    /**
     * Leaves the fleet first (routing sends it nothing more, and its own topic's jobs are moved to
     * the shared queues), then finishes its running jobs within the drain timeout before it closes
     * the clients those jobs report through.
     */
    void stop(@Observes ShutdownEvent shutdown) throws Exception {
        if (heartbeats != null) {
            heartbeats.close();
        }
        Duration drain = config.worker().drainTimeout();
        LOG.infof("worker %s leaving: finishing %d running job(s) within %d s", config.worker().id(),
                load == null ? 0 : load.running(), drain.toSeconds());
        if (queues.close(drain)) {
            LOG.infof("worker %s drained: every running job finished", config.worker().id());
        }
        if (events != null) {
            events.close();
        }
        if (voices != null) {
            voices.close();
        }
        if (gptSovits != null) {
            gptSovits.close();
        }
        if (store != null) {
            store.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** The configured GPT-SoVITS settings; by default one api_v2 process per GPU of the class's kind, one without. */
    private static GptSovitsSettings gptSovitsSettings(WorkerConfig.GptSovits config, HardwareProfile profile,
                                                       ClassDecision decision) {
        int gpus = decision.hardwareClass().gpu() ? profile.gpus().size() : 0;
        int processes = config.processes().orElse(Math.max(1, gpus));
        long gpuShareMb = (long) (decision.limits().vramGb() * 1024 * 0.9 / processes);
        return new GptSovitsSettings(config.installDir(), config.python(), processes,
                config.firstPort(), config.config(),
                config.versions().stream().map(v -> GptSovitsVersion.fromId(v).orElseThrow(() -> new IllegalArgumentException(
                        "farm.worker.gpt-sovits.versions: unknown GPT-SoVITS version " + v))).toList(),
                config.recycleAfterJobs(), config.maxRssMb(), config.maxGpuMb().orElse(gpuShareMb),
                config.healthInterval(), config.startTimeout(),
                config.requestTimeout(),
                config.cacheDir().orElse(Path.of(System.getProperty("java.io.tmpdir"), "voicefarm-gpt-sovits")),
                config.cacheMaxMb(), config.environment());
    }

    private static SynthesisEngine synthesisEngine(String name, EspeakEngine espeak) {
        return switch (name) {
            case "espeak" -> espeak;
            case "noop" -> new NoopEngine();
            default -> throw new IllegalArgumentException("farm.worker.engine must be espeak or noop, got '" + name + "'");
        };
    }

    /**
     * DJL computes on the device the class decided, when this machine really has it: a simulated
     * worker, or a GPU class without a GPU DJL can see, computes on the CPU. MPS only when enabled.
     */
    private static Device computeDevice(HardwareProfile profile, ClassDecision decision) {
        if (profile.simulated()) {
            return Device.cpu();
        }
        if (decision.device().startsWith("gpu") && Engine.getEngine("PyTorch").getGpuCount() > 0) {
            return Device.gpu(0);
        }
        return decision.device().equals("mps") ? Device.of("mps", -1) : Device.cpu();
    }

    /** Its Redis client; {@code null} until it has started. */
    public RedisClient redis() {
        return redis;
    }

    /** Its S3 client; {@code null} until it has started. */
    public ArtifactStore artifacts() {
        return store;
    }

    /** Whether every job queue is polling its topics: the worker takes jobs. */
    public boolean polling() {
        return queues.polling();
    }

    /**
     * A real GPU worker asks the GPU's tool again at each heartbeat; a CPU or simulated worker
     * reports its own heap, the memory its jobs actually use.
     */
    private static LongSupplier deviceMemory(ProfileChoice choice, HardwareProfile profile, ClassDecision decision) {
        if (!profile.simulated() && decision.device().startsWith("gpu")) {
            GpuVendor vendor = decision.hardwareClass() == HardwareClass.AMD ? GpuVendor.AMD : GpuVendor.NVIDIA;
            HardwareProbe probe = new HardwareProbe();
            return () -> probe.largestGpu(choice.source(), vendor)
                    .filter(gpu -> gpu.vramFreeMb() >= 0)
                    .map(gpu -> gpu.vramTotalMb() - gpu.vramFreeMb())
                    .orElse(0L);
        }
        Runtime runtime = Runtime.getRuntime();
        return () -> (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
    }
}
