package dev.voicefarm.common.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.jobs.JobResult;
import dev.voicefarm.common.jobs.JobStatus;
import dev.voicefarm.common.jobs.JobTransition;
import dev.voicefarm.common.jobs.SynthesisJob;
import dev.voicefarm.common.testing.LocalStack;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** Against the real Redis server of the test stack. */
class JobStoreIT {

    private static RedisClient redis;
    private static JobStore store;

    @BeforeAll
    static void connect() {
        redis = RedisClient.create(LocalStack.redisHost(), LocalStack.redisPort());
        store = new JobStore(redis);
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    private static SynthesisJob newJob() {
        return new SynthesisJob(UUID.randomUUID().toString(), "default", HardwareClass.CPU,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), "hello", "en", null, "test");
    }

    @Test
    void foldsALifecycleIntoOneRecord() {
        SynthesisJob job = newJob();
        assertEquals(JobTransition.APPLIED, store.apply(JobEvent.queued(job)));
        assertEquals(JobStatus.QUEUED, store.find(job.jobId()).orElseThrow().status());
        assertEquals(JobTransition.APPLIED, store.apply(JobEvent.of(job, JobStatus.RUNNING, 1, "w1")));
        JobResult result = JobResult.audio("default/jobs/" + job.jobId() + "/audio.wav", 1.5, 22050, 0.2);
        assertEquals(JobTransition.APPLIED,
                store.apply(JobEvent.of(job, JobStatus.SUCCEEDED, 1, "w1").withResult(result)));

        JobRecord record = store.find(job.jobId()).orElseThrow();
        assertEquals(JobStatus.SUCCEEDED, record.status());
        assertEquals(HardwareClass.CPU, record.hardwareClass());
        assertEquals(job.createdAt(), record.createdAt());
        assertEquals(1, record.attempts());
        assertEquals("w1", record.workerId());
        assertEquals(result, record.result());
        assertTrue(record.finishedAt() != null && record.startedAt() != null);
    }

    @Test
    void lateRunningEventDoesNotOverwriteSucceeded() {
        SynthesisJob job = newJob();
        store.apply(JobEvent.of(job, JobStatus.RUNNING, 1, "w1"));
        store.apply(JobEvent.of(job, JobStatus.SUCCEEDED, 1, "w1"));
        assertEquals(JobTransition.REJECTED, store.apply(JobEvent.of(job, JobStatus.RUNNING, 2, "w2")));
        assertEquals(JobTransition.REJECTED, store.apply(JobEvent.queued(job)));
        JobRecord record = store.find(job.jobId()).orElseThrow();
        assertEquals(JobStatus.SUCCEEDED, record.status());
        assertEquals("w1", record.workerId());
    }

    @Test
    void runningBeforeQueuedKeepsRunningAndStillLearnsTheCreationTime() {
        SynthesisJob job = newJob();
        store.apply(JobEvent.of(job, JobStatus.RUNNING, 1, "w1"));
        assertEquals(JobTransition.REJECTED, store.apply(JobEvent.queued(job)));
        JobRecord record = store.find(job.jobId()).orElseThrow();
        assertEquals(JobStatus.RUNNING, record.status());
        assertEquals(job.createdAt(), record.createdAt());
    }

    @Test
    void failureKeepsItsReasonAndRedeliveryClearsARetryReason() {
        SynthesisJob job = newJob();
        store.apply(JobEvent.of(job, JobStatus.RUNNING, 1, "w1"));
        store.apply(JobEvent.of(job, JobStatus.RETRYING, 1, "w1").withReason("S3 down"));
        assertEquals("S3 down", store.find(job.jobId()).orElseThrow().reason());
        store.apply(JobEvent.of(job, JobStatus.RUNNING, 2, "w2"));
        JobRecord running = store.find(job.jobId()).orElseThrow();
        assertNull(running.reason());
        assertEquals(2, running.attempts());
        store.apply(JobEvent.of(job, JobStatus.FAILED, 2, "w2").withReason("no audio"));
        assertEquals("no audio", store.find(job.jobId()).orElseThrow().reason());
    }

    @Test
    void concurrentWritersEndInTheTerminalState() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<SynthesisJob> jobs = new ArrayList<>();
            List<Future<JobTransition>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                SynthesisJob job = newJob();
                jobs.add(job);
                for (JobStatus status : List.of(JobStatus.SUCCEEDED, JobStatus.RUNNING, JobStatus.QUEUED, JobStatus.RUNNING)) {
                    results.add(pool.submit(() -> store.apply(JobEvent.of(job, status, 1, "w"))));
                }
            }
            for (Future<JobTransition> result : results) {
                result.get();
            }
            for (SynthesisJob job : jobs) {
                assertEquals(JobStatus.SUCCEEDED, store.find(job.jobId()).orElseThrow().status(), job.jobId());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownJobIsAbsent() {
        assertTrue(store.find(UUID.randomUUID().toString()).isEmpty());
    }
}
