package dev.voicefarm.worker.engine.gptsovits;

import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.fleet.EngineStatus;
import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.common.storage.ArtifactStore;
import dev.voicefarm.common.voices.GptSovitsVersion;
import dev.voicefarm.common.voices.GptSovitsVoice;
import dev.voicefarm.common.voices.Voice;
import dev.voicefarm.common.voices.VoiceFamily;
import dev.voicefarm.worker.engine.EngineException;
import dev.voicefarm.worker.engine.VoiceEngine;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The GPT-SoVITS family: its voices speak through GPT-SoVITS's own {@code api_v2.py} servers, which
 * this engine starts and supervises ({@link ApiV2Pool}). A sentence for a voice goes to a process that
 * holds the voice's weights if one is free; otherwise a process is switched to them first
 * ({@code set_gpt_weights}, {@code set_sovits_weights}: one voice load). The weights come from the
 * voice's folder in S3 through a local cache ({@link WeightCache}).
 *
 * <p>Failures: a voice that does not exist, is not a GPT-SoVITS voice, is of a version this install
 * does not run, or is refused by GPT-SoVITS fails its job ({@code permanent}). A process that crashes,
 * hangs past the request timeout or answers 5xx is restarted and the sentence fails transiently, so
 * the job is retried, never lost.
 */
public final class GptSovitsEngine implements VoiceEngine, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GptSovitsEngine.class);

    private final GptSovitsSettings settings;
    private final VoiceFiles files;
    private final WeightCache cache;
    private final ApiV2Pool pool;
    private final Map<String, Voice> voices = new ConcurrentHashMap<>();
    private final AtomicLong loads = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();

    /** The engine of a worker: voices from the models bucket. Call {@link #start()} before use. */
    public static GptSovitsEngine onS3(GptSovitsSettings settings, ArtifactStore store) {
        return new GptSovitsEngine(settings, new S3VoiceFiles(store));
    }

    public GptSovitsEngine(GptSovitsSettings settings, VoiceFiles files) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("GPT-SoVITS is off: set its install dir to run it");
        }
        this.settings = settings;
        this.files = files;
        this.cache = new WeightCache(files, settings.cacheDir().resolve("voices"), settings.cacheMaxBytes());
        HttpClient http = ApiV2Client.httpClient();
        List<ApiV2Process> processes = new ArrayList<>();
        for (int slot = 0; slot < settings.processes(); slot++) {
            processes.add(new ApiV2Process(slot, settings, http));
        }
        // A request waits at most for a process to finish a request or to come back from a restart.
        this.pool = new ApiV2Pool(processes, new RecyclePolicy(settings.recycleAfterJobs(), settings.maxRssMb(), settings.maxGpuMb()),
                settings.healthInterval(), settings.startTimeout().plus(settings.requestTimeout()));
    }

    /**
     * Starts the api_v2 processes and returns once every one answers.
     *
     * @throws IllegalStateException when one does not start (its log's last lines in the message)
     */
    public void start() throws InterruptedException {
        pool.start();
        LOG.infof("GPT-SoVITS: %d api_v2 process(es) from %s on ports %d-%d, versions %s", settings.processes(),
                settings.install(), settings.firstPort(), settings.port(settings.processes() - 1), settings.versions());
    }

    @Override
    public Wav speak(String tenant, String voiceId, String text, Language language) throws InterruptedException {
        return say(tenant, voiceId, text, language).wav();
    }

    /** {@link #speak}, with the headers of api_v2's answer (its tests read the stand-in's). */
    ApiV2Client.Speech say(String tenant, String voiceId, String text, Language language) throws InterruptedException {
        String key = Voice.key(tenant, voiceId);
        Voice voice = voice(tenant, voiceId);
        GptSovitsVoice model = voice.gptSovits();
        try (WeightCache.Pin weights = cache.fetch(voice); ApiV2Pool.Lease lease = pool.acquire(key)) {
            ServerProcess process = lease.process();
            try {
                if (key.equals(lease.voice())) {
                    hits.incrementAndGet();
                } else {
                    switchTo(lease, key, weights);
                }
                lease.served();
                ApiV2Client.Speech speech = process.client().tts(TtsRequest.of(text, language, model, weights.files().reference()));
                requireRate(speech.wav(), model.modelVersion());
                return speech;
            } catch (ProcessFault fault) {
                throw failed(lease, key, fault);
            } catch (EngineException e) {
                LOG.debugf("%s refused voice %s: %s", process, key, e.getMessage());
                throw new EngineException(e.getMessage() + " (voice " + key + ")", e.permanent());
            }
        }
    }

    /**
     * Loads the voice's weights into the leased process. It holds no known voice until both loads
     * succeeded: a failed switch can leave the GPT weights of one voice beside the SoVITS weights of another.
     */
    private void switchTo(ApiV2Pool.Lease lease, String key, WeightCache.Pin weights)
            throws ProcessFault, InterruptedException {
        lease.forget();
        ApiV2Client client = lease.process().client();
        client.setGptWeights(weights.files().gpt());
        client.setSovitsWeights(weights.files().sovits());
        lease.hold(key, weights.again());
        loads.incrementAndGet();
        LOG.debugf("%s now holds voice %s", lease.process(), key);
    }

    private static void requireRate(Wav wav, GptSovitsVersion version) throws ProcessFault {
        if (wav.sampleRate() != version.sampleRate()) {
            throw new ProcessFault(ProcessFault.Kind.FAILED_INFERENCE, "its inference failed: it answered %.2f s at %d Hz, not %s's %d Hz"
                    .formatted(wav.durationSeconds(), wav.sampleRate(), version, version.sampleRate()));
        }
    }

    /** The process is restarted when the fault calls for it ({@link ProcessFault#restartNeeded}); the sentence is worth retrying. */
    private static EngineException failed(ApiV2Pool.Lease lease, String key, ProcessFault fault) throws InterruptedException {
        ServerProcess process = lease.process();
        boolean restart = fault.restartNeeded(process);
        if (restart) {
            lease.broken(fault.getMessage());
            LOG.warnf("%s failed while speaking voice %s, restarting it: %s", process, key, fault.getMessage());
        }
        return new EngineException("%s failed while speaking voice %s: %s%s".formatted(process, key, fault.getMessage(),
                restart ? "; it is being restarted" : ""), false);
    }

    /** The voice's record, read once: voices are immutable once imported (a new import is a new version). */
    private Voice voice(String tenant, String voiceId) {
        String key = Voice.key(tenant, voiceId);
        Voice cached = voices.get(key);
        if (cached != null) {
            return cached;
        }
        Optional<Voice> found;
        try {
            found = files.voice(tenant, voiceId);
        } catch (RuntimeException e) {
            throw new EngineException("reading voice " + key + " failed: " + e.getMessage(), false);
        }
        Voice voice = found.orElseThrow(() -> new EngineException("voice " + voiceId + " does not exist", true));
        if (voice.family() != VoiceFamily.GPT_SOVITS || voice.gptSovits() == null) {
            throw new EngineException("voice " + voiceId + " is not a GPT-SoVITS voice (family " + voice.family() + ")", true);
        }
        GptSovitsVersion version = voice.gptSovits().modelVersion();
        if (!settings.versions().contains(version)) {
            throw new EngineException("voice %s is a GPT-SoVITS %s voice; this worker's GPT-SoVITS runs %s"
                    .formatted(voiceId, version, settings.versions()), true);
        }
        voices.put(key, voice);
        return voice;
    }

    @Override
    public VoiceFamily family() {
        return VoiceFamily.GPT_SOVITS;
    }

    @Override
    public EngineStatus status() {
        return new EngineStatus(VoiceFamily.GPT_SOVITS, settings.versions().stream().map(GptSovitsVersion::id).toList(),
                pool.processes());
    }

    @Override
    public List<String> heldVoices() {
        return pool.heldVoices();
    }

    @Override
    public long voiceLoads() {
        return loads.get();
    }

    @Override
    public long voiceHits() {
        return hits.get();
    }

    /** Stops every api_v2 process. */
    @Override
    public void close() {
        pool.close();
    }
}
