package dev.voicefarm.common.voices;

/**
 * How close a trained voice comes to its speaker on held-out clips, against the untrained model
 * (the base eSpeak NG voice): mel-cepstral distortion in dB and F0 RMSE in Hz, lower is closer.
 */
public record VoiceMetrics(int heldOutClips, double mcdBeforeDb, double mcdAfterDb, double f0RmseBeforeHz,
                           double f0RmseAfterHz, double trainingSeconds, int epochs, double finalLoss) {
}
