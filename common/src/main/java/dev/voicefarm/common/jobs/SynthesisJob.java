package dev.voicefarm.common.jobs;

import dev.voicefarm.common.fleet.HardwareClass;
import java.time.Instant;

/**
 * The record the gateway publishes on {@code farm.synthesis.<class>} (key: the job id) after
 * validating the request. Delivery is at least once: a worker may see the same job again and must
 * produce the same artifacts under the same keys.
 *
 * @param voice   the voice id, or {@code null} for the base eSpeak NG voice
 * @param routing why the gateway chose this hardware class
 */
public record SynthesisJob(
        String jobId,
        String tenant,
        HardwareClass hardwareClass,
        Instant createdAt,
        String text,
        String language,
        String voice,
        String routing) {
}
