package dev.voicefarm.common.jobs;

import static dev.voicefarm.common.jobs.JobStatus.CANCELLED;
import static dev.voicefarm.common.jobs.JobStatus.FAILED;
import static dev.voicefarm.common.jobs.JobStatus.QUEUED;
import static dev.voicefarm.common.jobs.JobStatus.RETRYING;
import static dev.voicefarm.common.jobs.JobStatus.RUNNING;
import static dev.voicefarm.common.jobs.JobStatus.SUCCEEDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobTransitionTest {

    @Test
    void happyPathIsApplied() {
        assertEquals(JobTransition.APPLIED, JobTransition.decide(null, 0, QUEUED, 0));
        assertEquals(JobTransition.APPLIED, JobTransition.decide(QUEUED, 0, RUNNING, 1));
        assertEquals(JobTransition.APPLIED, JobTransition.decide(RUNNING, 1, SUCCEEDED, 1));
    }

    @ParameterizedTest
    @EnumSource(value = JobStatus.class, names = {"SUCCEEDED", "FAILED", "CANCELLED"})
    void finishedJobsNeverMove(JobStatus terminal) {
        assertTrue(terminal.isTerminal());
        for (JobStatus next : JobStatus.values()) {
            if (next != terminal) {
                assertEquals(JobTransition.REJECTED, JobTransition.decide(terminal, 1, next, 9), terminal + "->" + next);
            }
        }
    }

    @Test
    void lateRunningEventDoesNotOverwriteSucceeded() {
        assertEquals(JobTransition.REJECTED, JobTransition.decide(SUCCEEDED, 1, RUNNING, 1));
    }

    @Test
    void lateQueuedEventDoesNotMoveARunningJobBack() {
        assertEquals(JobTransition.REJECTED, JobTransition.decide(RUNNING, 1, QUEUED, 0));
    }

    @Test
    void anOutcomeAppliedBeforeItsStartStillWins() {
        assertEquals(JobTransition.APPLIED, JobTransition.decide(QUEUED, 0, SUCCEEDED, 1));
        assertEquals(JobTransition.APPLIED, JobTransition.decide(RETRYING, 1, SUCCEEDED, 2));
        for (JobStatus live : new JobStatus[] {QUEUED, RUNNING, RETRYING}) {
            for (JobStatus terminal : new JobStatus[] {SUCCEEDED, FAILED, CANCELLED}) {
                assertEquals(JobTransition.APPLIED, JobTransition.decide(live, 1, terminal, 1), live + "->" + terminal);
            }
        }
    }

    @Test
    void firstEventSeenMayBeAnyStatus() {
        assertEquals(JobTransition.APPLIED, JobTransition.decide(null, 0, RUNNING, 1));
        assertEquals(JobTransition.APPLIED, JobTransition.decide(null, 0, SUCCEEDED, 1));
    }

    @Test
    void runningAgainCountsOnlyForALaterDelivery() {
        assertEquals(JobTransition.APPLIED, JobTransition.decide(RUNNING, 1, RUNNING, 2));
        assertEquals(JobTransition.DUPLICATE, JobTransition.decide(RUNNING, 2, RUNNING, 2));
        assertEquals(JobTransition.DUPLICATE, JobTransition.decide(RUNNING, 2, RUNNING, 1));
    }

    @Test
    void retryingGoesBackToTheQueueOrRunsAgain() {
        assertEquals(JobTransition.APPLIED, JobTransition.decide(RUNNING, 1, RETRYING, 1));
        assertEquals(JobTransition.APPLIED, JobTransition.decide(RETRYING, 1, RUNNING, 2));
        assertEquals(JobTransition.APPLIED, JobTransition.decide(RETRYING, 1, QUEUED, 1));
        assertEquals(JobTransition.APPLIED, JobTransition.decide(RETRYING, 1, FAILED, 1));
    }

    @Test
    void onlyFinishedStatesAreTerminal() {
        assertFalse(QUEUED.isTerminal());
        assertFalse(RUNNING.isTerminal());
        assertFalse(RETRYING.isTerminal());
        assertTrue(CANCELLED.isTerminal());
    }
}
