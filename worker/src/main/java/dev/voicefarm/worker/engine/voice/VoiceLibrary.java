package dev.voicefarm.worker.engine.voice;

import ai.djl.Device;
import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.storage.ArtifactStore;
import dev.voicefarm.common.storage.ObjectKeys;
import dev.voicefarm.common.voices.Voice;
import dev.voicefarm.worker.engine.EngineException;
import dev.voicefarm.worker.engine.EspeakEngine;
import dev.voicefarm.worker.engine.VoiceEngine;
import dev.voicefarm.common.fleet.EngineStatus;
import dev.voicefarm.common.voices.VoiceFamily;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trained voices this worker has loaded, least recently used first out: at most
 * {@code capacity} models stay on the device, so many speakers interleave without reloading and
 * each voice keeps its own model (no cross-talk). A voice is read from S3 once, on first use.
 */
public final class VoiceLibrary implements VoiceEngine, AutoCloseable {

    private final ArtifactStore store;
    private final EspeakEngine espeak;
    private final Device device;
    private final Map<String, FittedVoice> loaded;
    private long loads;
    private long hits;

    public VoiceLibrary(ArtifactStore store, EspeakEngine espeak, Device device, int capacity) {
        this.store = store;
        this.espeak = espeak;
        this.device = device;
        this.loaded = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, FittedVoice> eldest) {
                if (size() > capacity) {
                    eldest.getValue().close();
                    return true;
                }
                return false;
            }
        };
    }

    @Override
    public Wav speak(String tenant, String voiceId, String text, Language language) throws InterruptedException {
        return voice(tenant, voiceId).speak(text, language);
    }

    /** Cached by tenant and id: a voice is only ever read from its own tenant's folder. */
    private synchronized FittedVoice voice(String tenant, String voiceId) {
        String cacheKey = Voice.key(tenant, voiceId);
        FittedVoice voice = loaded.get(cacheKey);
        if (voice == null) {
            voice = load(tenant, voiceId);
            loaded.put(cacheKey, voice);
            loads++;
        } else {
            hits++;
        }
        return voice;
    }

    @Override
    public VoiceFamily family() {
        return VoiceFamily.VOICEFARM;
    }

    @Override
    public EngineStatus status() {
        return EngineStatus.inProcess(VoiceFamily.VOICEFARM);
    }

    @Override
    public synchronized List<String> heldVoices() {
        return List.copyOf(loaded.keySet());
    }

    @Override
    public synchronized long voiceLoads() {
        return loads;
    }

    @Override
    public synchronized long voiceHits() {
        return hits;
    }

    private FittedVoice load(String tenant, String voiceId) {
        byte[] json = store.find(ObjectKeys.MODELS_BUCKET, ObjectKeys.voiceFile(tenant, voiceId, 1, "voice.json"))
                .orElseThrow(() -> new EngineException("voice " + voiceId + " does not exist", true));
        Voice voice = Json.decode(new String(json, StandardCharsets.UTF_8), Voice.class);
        byte[] model = store.get(ObjectKeys.MODELS_BUCKET, ObjectKeys.voiceFile(tenant, voiceId, voice.version(), "voice.pt"));
        return new FittedVoice(espeak, LoadedVoice.load(model, device), voice.espeakPitch(), voice.espeakSpeed());
    }

    /** How many voices are loaded now. */
    public synchronized int size() {
        return loaded.size();
    }

    @Override
    public synchronized void close() {
        loaded.values().forEach(FittedVoice::close);
        loaded.clear();
    }
}
