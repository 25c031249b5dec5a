package dev.voicefarm.gateway.voices;

/** The largest file of each kind a voice import may hold, in bytes. */
public record VoiceImportLimits(long gptBytes, long sovitsBytes, long referenceBytes) {
}
