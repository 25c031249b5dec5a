package dev.voicefarm.common.voices;

import java.time.Instant;

/**
 * A trained voice, stored in {@code farm-models/<tenant>/voices/<id>/<version>/} as {@code voice.pt}
 * (the TorchScript model) and {@code voice.json} (this record).
 *
 * @param espeakPitch eSpeak NG pitch (0–99) the base rendering uses for this voice
 * @param espeakSpeed eSpeak NG speed (words a minute) the base rendering uses for this voice
 */
public record Voice(String id, String tenant, String name, String language, int version, Instant createdAt,
                    String datasetId, String baseVoice, int sampleRate, int espeakPitch, int espeakSpeed,
                    VoiceMetrics metrics) {
}
