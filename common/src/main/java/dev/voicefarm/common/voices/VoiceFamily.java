package dev.voicefarm.common.voices;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * The model families a voice can belong to; each is served by its own engine on the worker, and a
 * job for a voice goes only to workers that run its family.
 */
public enum VoiceFamily {
    /** The farm's own voices: eSpeak NG base rendering and a TorchScript voice model, trained by the farm. */
    VOICEFARM("voicefarm"),
    /** GPT-SoVITS voices (a GPT and a SoVITS model), served by GPT-SoVITS's own {@code api_v2} processes. */
    GPT_SOVITS("gpt-sovits");

    private final String id;

    VoiceFamily(String id) {
        this.id = id;
    }

    /** The name used in topics, heartbeats and the API. */
    @JsonValue
    public String id() {
        return id;
    }

    public static Optional<VoiceFamily> fromId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    @JsonCreator
    static VoiceFamily of(String id) {
        return fromId(id).orElseThrow(() -> new IllegalArgumentException("unknown voice family: " + id));
    }

    @Override
    public String toString() {
        return id;
    }
}
