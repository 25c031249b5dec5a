package dev.voicefarm.worker.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.jobs.JobKind;
import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.jobs.JobStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OwnershipTest {

    /** The job's status and highest attempt, the delivered attempt, started or not: does it own the job? */
    @ParameterizedTest(name = "{0}@{1}, attempt {2}, started {3} -> owns {4}")
    @CsvSource({
            "QUEUED,    0, 1, false, true",
            "RUNNING,   1, 2, false, true",
            "RETRYING,  1, 2, false, true",
            "RUNNING,   1, 1, false, false",
            "RETRYING,  1, 1, false, false",
            "CANCELLED, 0, 1, false, false",
            "SUCCEEDED, 1, 2, false, false",
            "RUNNING,   1, 1, true,  true",
            "RUNNING,   2, 1, true,  false",
            "RETRYING,  1, 1, true,  false",
            "CANCELLED, 1, 1, true,  false",
            "FAILED,    1, 1, true,  false",
    })
    void attemptOwnsItsJobOnlyWhileNothingNewerOrFinalHappened(JobStatus status, int attempts, int attempt,
                                                               boolean started, boolean owns) {
        JobRecord job = new JobRecord("j", "default", JobKind.SYNTHESIS, status, HardwareClass.CPU, 0, Instant.EPOCH, null, null,
                Instant.EPOCH, null, attempts, null, "why", null, null, null, null);
        assertEquals(owns, Ownership.judge(job, attempt, started).isEmpty(), Ownership.judge(job, attempt, started)
                .map(Ownership.Lost::reason).orElse("owned"));
    }

    @Test
    void onlyAnotherCopyOfTheSameAttemptLeavesTheJobToALaterDelivery() {
        JobRecord running = new JobRecord("j", "default", JobKind.SYNTHESIS, JobStatus.RUNNING, HardwareClass.CPU, 0, Instant.EPOCH,
                null, null, Instant.EPOCH, null, 1, null, null, null, null, null, null);
        assertTrue(Ownership.judge(running, 1, false).orElseThrow().laterDeliveryMayRunIt());
        JobRecord succeeded = new JobRecord("j", "default", JobKind.SYNTHESIS, JobStatus.SUCCEEDED, HardwareClass.CPU, 0,
                Instant.EPOCH, null, null, Instant.EPOCH, null, 1, null, null, null, null, null, null);
        assertFalse(Ownership.judge(succeeded, 1, false).orElseThrow().laterDeliveryMayRunIt());
    }
}
