package dev.voicefarm.gateway.speech;

import dev.voicefarm.gateway.jobs.SynthesisRequest;

/**
 * A validated OpenAI speech request, as the farm's synthesis job it becomes.
 *
 * @param sse whether the audio goes back as {@code speech.audio.delta} events rather than bytes
 */
record SpeechRequest(SynthesisRequest synthesis, boolean sse) {
}
