package dev.voicefarm.common.jobs;

import dev.voicefarm.common.fleet.HardwareClass;
import java.time.Instant;

/**
 * A job that spent its budget, published on {@code farm.dlq} (keyed by job id) before it ends
 * FAILED: what an operator needs to look into it or resubmit it.
 *
 * @param reason    why it was given up (attempts spent, running too long, worker lost at the last attempt)
 * @param lastError the last failure an attempt reported, or {@code null} when none did
 * @param payload   the job as the gateway published it, when the one who gave up had it; else {@code null}
 */
public record DeadLetter(String jobId, JobKind kind, HardwareClass hardwareClass, int attempts, String reason,
                         String lastError, Instant at, String payload) {
}
