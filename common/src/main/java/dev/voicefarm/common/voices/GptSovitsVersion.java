package dev.voicefarm.common.voices;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * GPT-SoVITS model versions, with the sample rate each one's SoVITS model speaks at and the two
 * bytes GPT-SoVITS writes at the head of a SoVITS weights file of that version (its
 * {@code process_ckpt.py} replaces the zip archive's {@code PK} with them; a plain {@code PK} is a
 * file saved before that scheme, which GPT-SoVITS reads as v1 or v2 from its contents).
 */
public enum GptSovitsVersion {
    V1("v1", 32_000, Set.of("00", "PK")),
    V2("v2", 32_000, Set.of("01", "PK")),
    V2_PRO("v2Pro", 32_000, Set.of("05")),
    V2_PRO_PLUS("v2ProPlus", 32_000, Set.of("06")),
    V3("v3", 24_000, Set.of("02", "03")),
    V4("v4", 48_000, Set.of("04"));

    private final String id;
    private final int sampleRate;
    private final Set<String> sovitsHeads;

    GptSovitsVersion(String id, int sampleRate, Set<String> sovitsHeads) {
        this.id = id;
        this.sampleRate = sampleRate;
        this.sovitsHeads = sovitsHeads;
    }

    /** The name GPT-SoVITS uses ({@code version} in its {@code tts_infer.yaml}). */
    @JsonValue
    public String id() {
        return id;
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Whether a SoVITS weights file starting with these two bytes can be of this version. */
    public boolean acceptsSovitsHead(String head) {
        return sovitsHeads.contains(head);
    }

    public static Optional<GptSovitsVersion> fromId(String id) {
        return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst();
    }

    @JsonCreator
    static GptSovitsVersion of(String id) {
        return fromId(id).orElseThrow(() -> new IllegalArgumentException("unknown GPT-SoVITS version: " + id));
    }

    @Override
    public String toString() {
        return id;
    }
}
