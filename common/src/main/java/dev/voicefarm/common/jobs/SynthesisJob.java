package dev.voicefarm.common.jobs;

import dev.voicefarm.common.fleet.HardwareClass;
import java.time.Instant;

/**
 * A synthesis job, published on its class and tier's synthesis topic.
 *
 * @param voice   the voice id, or {@code null} for the base eSpeak NG voice
 * @param routing why the gateway chose this hardware class
 * @param output  the audio's format, speed and whether it is streamed ({@link AudioOutput#DEFAULT} when absent)
 */
public record SynthesisJob(
        String jobId,
        String tenant,
        HardwareClass hardwareClass,
        int vramTier,
        Instant createdAt,
        String text,
        String language,
        String voice,
        String routing,
        AudioOutput output) implements JobSpec {

    public SynthesisJob {
        output = output == null ? AudioOutput.DEFAULT : output;
    }

    @Override
    public JobKind kind() {
        return JobKind.SYNTHESIS;
    }
}
