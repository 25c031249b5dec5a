package dev.voicefarm.common.jobs;

import dev.voicefarm.common.fleet.HardwareClass;
import java.time.Instant;

/**
 * A voice fine-tuning job, published on its class and tier's training topic: train a voice named
 * {@code name} from the dataset for {@code epochs} epochs. The voice's id is the job's id.
 */
public record TrainingJob(
        String jobId,
        String tenant,
        HardwareClass hardwareClass,
        int vramTier,
        Instant createdAt,
        String datasetId,
        String language,
        String name,
        int epochs,
        String routing) implements JobSpec {

    @Override
    public JobKind kind() {
        return JobKind.TRAINING;
    }
}
