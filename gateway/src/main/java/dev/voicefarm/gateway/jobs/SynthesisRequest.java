package dev.voicefarm.gateway.jobs;

import dev.voicefarm.common.jobs.Language;

/** A validated synthesis request. */
public record SynthesisRequest(String text, Language language, String voice) {
}
