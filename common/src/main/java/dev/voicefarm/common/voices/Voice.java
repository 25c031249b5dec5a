package dev.voicefarm.common.voices;

import java.time.Instant;

/**
 * A voice of a tenant, stored in {@code farm-models/<tenant>/voices/<id>/<version>/} with this
 * record as {@code voice.json}. A voice the farm trained ({@link VoiceFamily#VOICEFARM}) has its
 * TorchScript model there as {@code voice.pt}; an imported GPT-SoVITS voice has its weights and
 * reference clip ({@link GptSovitsVoice}).
 *
 * @param espeakPitch eSpeak NG pitch (0–99) the base rendering uses for this voice (0 for GPT-SoVITS voices)
 * @param espeakSpeed eSpeak NG speed (words a minute) the base rendering uses for this voice (0 for GPT-SoVITS voices)
 * @param family      the engine family that speaks it ({@link VoiceFamily#VOICEFARM} when absent)
 * @param gptSovits   the GPT-SoVITS model of an imported voice, {@code null} for the farm's own voices
 */
public record Voice(String id, String tenant, String name, String language, int version, Instant createdAt,
                    String datasetId, String baseVoice, int sampleRate, int espeakPitch, int espeakSpeed,
                    VoiceMetrics metrics, VoiceFamily family, GptSovitsVoice gptSovits) {

    public Voice {
        family = family == null ? VoiceFamily.VOICEFARM : family;
    }

    /** How workers and routing name a voice: ids are only unique within a tenant's folder. */
    public static String key(String tenant, String voiceId) {
        return tenant + "/" + voiceId;
    }

    /** A voice the farm trained. */
    public static Voice trained(String id, String tenant, String name, String language, int version, Instant createdAt,
                                String datasetId, String baseVoice, int sampleRate, int espeakPitch, int espeakSpeed,
                                VoiceMetrics metrics) {
        return new Voice(id, tenant, name, language, version, createdAt, datasetId, baseVoice, sampleRate, espeakPitch,
                espeakSpeed, metrics, VoiceFamily.VOICEFARM, null);
    }

    /** An imported GPT-SoVITS voice; it speaks the language of its reference clip. */
    public static Voice imported(String id, String tenant, String name, Instant createdAt, GptSovitsVoice model) {
        return new Voice(id, tenant, name, model.spokenLanguage(), 1, createdAt, null, null,
                model.modelVersion().sampleRate(), 0, 0, null, VoiceFamily.GPT_SOVITS, model);
    }
}
