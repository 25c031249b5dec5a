package dev.voicefarm.gateway.jobs;

import dev.voicefarm.common.jobs.AudioOutput;
import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.gateway.routing.Requirements;
import java.net.URI;

/** A validated synthesis request; {@code webhook} is {@code null} without one. */
public record SynthesisRequest(String text, Language language, String voice, Requirements requirements,
                               AudioOutput output, URI webhook) {
}
