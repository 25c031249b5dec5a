package dev.voicefarm.worker.engine.gptsovits;

import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.storage.ArtifactStore;
import dev.voicefarm.common.storage.ObjectKeys;
import dev.voicefarm.common.voices.Voice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Voices in the models bucket: {@code <tenant>/voices/<id>/<version>/}. The record is read from
 * version 1's folder, as the farm's own voices are ({@code VoiceLibrary}); files from the version it names.
 */
public final class S3VoiceFiles implements VoiceFiles {

    private final ArtifactStore store;

    public S3VoiceFiles(ArtifactStore store) {
        this.store = store;
    }

    @Override
    public Optional<Voice> voice(String tenant, String voiceId) {
        return store.find(ObjectKeys.MODELS_BUCKET, ObjectKeys.voiceFile(tenant, voiceId, 1, "voice.json"))
                .map(json -> Json.decode(new String(json, StandardCharsets.UTF_8), Voice.class));
    }

    @Override
    public void fetch(String tenant, String voiceId, int version, String name, Path target) {
        String key = ObjectKeys.voiceFile(tenant, voiceId, version, name);
        if (!store.download(ObjectKeys.MODELS_BUCKET, key, target)) {
            throw new MissingFile(ObjectKeys.MODELS_BUCKET + "/" + key + " does not exist");
        }
    }
}
