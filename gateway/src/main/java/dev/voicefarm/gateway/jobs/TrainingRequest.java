package dev.voicefarm.gateway.jobs;

import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.gateway.routing.Requirements;
import java.net.URI;

/** A validated training request; the dataset's existence is checked on admission; {@code webhook} is {@code null} without one. */
public record TrainingRequest(String datasetId, Language language, String name, int epochs, Requirements requirements,
                              URI webhook) {
}
