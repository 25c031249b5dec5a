package dev.voicefarm.gateway.jobs;

import dev.voicefarm.common.jobs.AudioOutput;
import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.gateway.routing.Requirements;
import dev.voicefarm.common.voices.VoiceFamily;
import java.net.URI;

/**
 * A validated synthesis request; {@code voice} is {@code null} for the base voice, {@code webhook}
 * {@code null} without one.
 *
 * @param family the voice's engine family (the farm's own for the base voice)
 */
public record SynthesisRequest(String text, Language language, String voice, VoiceFamily family,
                               Requirements requirements, AudioOutput output, URI webhook) {
}
