package dev.voicefarm.common.jobs;

import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.voices.VoiceFamily;
import java.time.Instant;

/**
 * A synthesis job, published on its class and tier's synthesis topic.
 *
 * @param voice   the voice id, or {@code null} for the base eSpeak NG voice
 * @param routing why the gateway chose this hardware class
 * @param output  the audio's format, speed and whether it is streamed ({@link AudioOutput#DEFAULT} when absent)
 * @param family  the voice's family: which engine speaks it ({@link VoiceFamily#VOICEFARM} for the base voice)
 * @param affinityWorker the live worker that held the voice when the job was routed: the job went to
 *                that worker's own topic; {@code null} when any worker of the class may take it
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
        AudioOutput output,
        VoiceFamily family,
        String affinityWorker) implements JobSpec {

    public SynthesisJob {
        output = output == null ? AudioOutput.DEFAULT : output;
        family = family == null ? VoiceFamily.VOICEFARM : family;
    }

    /** The same job for its shared queue: the worker that held its voice is gone. */
    public SynthesisJob withoutAffinity() {
        return new SynthesisJob(jobId, tenant, hardwareClass, vramTier, createdAt, text, language, voice, routing, output,
                family, null);
    }

    @Override
    public JobKind kind() {
        return JobKind.SYNTHESIS;
    }
}
