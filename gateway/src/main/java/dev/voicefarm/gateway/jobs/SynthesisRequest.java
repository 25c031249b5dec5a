package dev.voicefarm.gateway.jobs;

import dev.voicefarm.common.jobs.AudioOutput;
import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.gateway.routing.Requirements;

/** A validated synthesis request. */
public record SynthesisRequest(String text, Language language, String voice, Requirements requirements,
                               AudioOutput output) {
}
