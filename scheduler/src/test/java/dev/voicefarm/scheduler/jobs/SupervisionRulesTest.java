package dev.voicefarm.scheduler.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.jobs.JobKind;
import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.jobs.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SupervisionRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private final SupervisionRules rules = new SupervisionRules(Duration.ofSeconds(60),
            Map.of(JobKind.SYNTHESIS, Duration.ofMinutes(5), JobKind.TRAINING, Duration.ofHours(6)),
            Duration.ofMinutes(10), 5);

    private static JobRecord job(JobKind kind, JobStatus status, int attempts, Instant startedAt, Instant aliveAt,
                                 Instant updatedAt) {
        return new JobRecord("j", "default", kind, status, HardwareClass.CPU, 0, Instant.EPOCH, startedAt, null, updatedAt, aliveAt,
                attempts, "w1", null, null, null, null, null);
    }

    private static Instant ago(long seconds) {
        return NOW.minusSeconds(seconds);
    }

    @Test
    void liveRunningJobIsLeftAlone() {
        assertTrue(rules.running(job(JobKind.SYNTHESIS, JobStatus.RUNNING, 1, ago(30), ago(5), ago(30)), NOW).isEmpty());
    }

    @Test
    void runningJobWithoutKeepAliveIsGivenBackToTheQueue() {
        Verdict verdict = rules.running(job(JobKind.SYNTHESIS, JobStatus.RUNNING, 2, ago(90), ago(61), ago(90)), NOW)
                .orElseThrow();
        assertEquals(JobStatus.RETRYING, verdict.status());
        assertTrue(!verdict.deadLetter() && verdict.reason().contains("worker w1 lost"), verdict.reason());
    }

    @Test
    void lostWorkerAtTheLastAttemptFailsTheJobIntoTheDeadLetters() {
        Verdict verdict = rules.running(job(JobKind.TRAINING, JobStatus.RUNNING, 5, ago(90), ago(61), ago(90)), NOW)
                .orElseThrow();
        assertEquals(JobStatus.FAILED, verdict.status());
        assertTrue(verdict.deadLetter() && verdict.reason().contains("last of 5 attempts"), verdict.reason());
    }

    @Test
    void timeoutsArePerKind() {
        JobRecord synthesis = job(JobKind.SYNTHESIS, JobStatus.RUNNING, 1, ago(301), ago(1), ago(1));
        JobRecord training = job(JobKind.TRAINING, JobStatus.RUNNING, 1, ago(301), ago(1), ago(1));
        Verdict verdict = rules.running(synthesis, NOW).orElseThrow();
        assertEquals(JobStatus.FAILED, verdict.status());
        assertTrue(verdict.deadLetter() && verdict.reason().contains("synthesis timeout of 5m"), verdict.reason());
        assertTrue(rules.running(training, NOW).isEmpty());
    }

    @Test
    void waitingJobFailsOnlyWhenItsClassHadNoWorkerForTheWholeTimeout() {
        JobRecord oldJob = job(JobKind.SYNTHESIS, JobStatus.QUEUED, 0, null, null, ago(3600));
        assertTrue(rules.waitingWithoutWorker(oldJob, ago(60), NOW).isEmpty(), "class alive a minute ago");
        Verdict verdict = rules.waitingWithoutWorker(oldJob, ago(601), NOW).orElseThrow();
        assertEquals(JobStatus.FAILED, verdict.status());
        JobRecord newJob = job(JobKind.SYNTHESIS, JobStatus.QUEUED, 0, null, null, ago(30));
        assertTrue(rules.waitingWithoutWorker(newJob, ago(3600), NOW).isEmpty(), "a job waits its own timeout");
        JobRecord running = job(JobKind.SYNTHESIS, JobStatus.RUNNING, 1, ago(3600), ago(1), ago(3600));
        assertTrue(rules.waitingWithoutWorker(running, ago(3600), NOW).isEmpty());
    }
}
