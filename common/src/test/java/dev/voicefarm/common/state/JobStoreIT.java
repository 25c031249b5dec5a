package dev.voicefarm.common.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.jobs.AudioOutput;
import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.jobs.JobResult;
import dev.voicefarm.common.jobs.JobStatus;
import dev.voicefarm.common.jobs.Progress;
import dev.voicefarm.common.jobs.JobTransition;
import dev.voicefarm.common.jobs.SynthesisJob;
import dev.voicefarm.common.testing.LocalStack;
import dev.voicefarm.common.voices.VoiceFamily;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import redis.clients.jedis.RedisClient;

/** Against the real Redis server of the test stack. */
class JobStoreIT {

    private static RedisClient redis;
    private static JobStore store;

    @BeforeAll
    static void connect() {
        redis = LocalStack.redis().open();
        store = new JobStore(redis);
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    private static SynthesisJob newJob() {
        return new SynthesisJob(UUID.randomUUID().toString(), "default", HardwareClass.CPU, 0,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), "hello", "en", null, "test", AudioOutput.DEFAULT, null, null);
    }

    /**
     * Events go by EVALSHA; a Redis that forgot the script (restarted, or flushed as here) answers
     * NOSCRIPT, and the event is applied all the same, once, with the script cached again.
     */
    @Test
    void aRedisThatForgotTheScriptStillAppliesEachEventOnce() {
        SynthesisJob job = newJob();
        store.apply(JobEvent.queued(job));
        redis.scriptFlush();
        assertEquals(JobTransition.APPLIED, store.apply(JobEvent.of(job, JobStatus.RUNNING, 1, "w1")));
        assertEquals(List.of(true), redis.scriptExists(List.of(JobStore.APPLY.sha1())), "EVAL cached the script again");
        assertEquals(List.of(JobStatus.QUEUED, JobStatus.RUNNING),
                store.changes(job.jobId(), -1).stream().map(JobStore.Change::status).toList());
    }

    /** What the events stream of a job replays: every applied change, numbered, and nothing that was not applied. */
    @Test
    void logsEveryAppliedChangeInOrderAndResumesAfterANumber() {
        SynthesisJob job = newJob();
        JobEvent running = JobEvent.of(job, JobStatus.RUNNING, 1, "w1");
        store.apply(JobEvent.queued(job));
        store.apply(running);
        store.apply(running);
        store.apply(running.withProgress(new Progress(3, 10, 0.5)));
        store.apply(JobEvent.of(job, JobStatus.SUCCEEDED, 1, "w1").withResult(JobResult.audio("k", 1, 22050, 0.1)));
        store.apply(JobEvent.of(job, JobStatus.FAILED, 1, "w1").withReason("too late"));

        List<JobStore.Change> changes = store.changes(job.jobId(), -1);
        assertEquals(List.of(JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.RUNNING, JobStatus.SUCCEEDED),
                changes.stream().map(JobStore.Change::status).toList(), "a duplicate and a rejected event are not logged");
        assertEquals(List.of(0L, 1L, 2L, 3L), changes.stream().map(JobStore.Change::number).toList());
        assertEquals(new Progress(3, 10, 0.5), changes.get(2).progress());
        assertEquals(1, changes.get(3).attempt());
        assertEquals(List.of(JobStatus.SUCCEEDED), store.changes(job.jobId(), 2).stream().map(JobStore.Change::status).toList());
        assertEquals(List.of(), store.changes(job.jobId(), 3));
    }

    /** What the active-jobs quota counts: a tenant's unfinished jobs, each once, none after its end. */
    @Test
    void countsEachTenantsUnfinishedJobs() {
        String tenant = "active-" + UUID.randomUUID();
        SynthesisJob first = new SynthesisJob(UUID.randomUUID().toString(), tenant, HardwareClass.CPU, 0,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), "hello", "en", null, "test", AudioOutput.DEFAULT, null, null);
        SynthesisJob second = new SynthesisJob(UUID.randomUUID().toString(), tenant, HardwareClass.CPU, 0,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), "hello", "en", null, "test", AudioOutput.DEFAULT, null, null);
        store.apply(JobEvent.queued(first));
        store.apply(JobEvent.queued(first));
        store.apply(JobEvent.queued(second));
        store.apply(JobEvent.of(first, JobStatus.RUNNING, 1, "w1"));
        assertEquals(2, store.activeJobs(tenant));
        assertEquals(0, store.activeJobs(tenant + "-other"), "another tenant counts apart");
        assertEquals(tenant, store.find(first.jobId()).orElseThrow().tenant());

        store.apply(JobEvent.of(first, JobStatus.SUCCEEDED, 1, "w1").withResult(JobResult.audio("k", 1, 22050, 0.1)));
        store.apply(JobEvent.of(store.find(second.jobId()).orElseThrow(), JobStatus.CANCELLED, "cancelled"));
        assertEquals(0, store.activeJobs(tenant));
        store.apply(JobEvent.of(first, JobStatus.RUNNING, 1, "w1"));
        assertEquals(0, store.activeJobs(tenant), "a late event of a finished job does not count it again");
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
        assertEquals("test", record.routing(), "the routing reason, which only the gateway's QUEUED carries, is kept");
        List<JobStore.Change> changes = store.changes(job.jobId(), -1);
        assertEquals(List.of(JobStatus.QUEUED, JobStatus.RUNNING), changes.stream().map(JobStore.Change::status).toList(),
                "the log starts with the job's acceptance even when the worker's start was written first");
        assertEquals(job.createdAt(), changes.get(0).at());
        assertEquals(0, changes.get(0).attempt());
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

    /**
     * The transition table, row by row, against the real script: the stored state (status, highest
     * attempt), the event (status, attempt), what the script answers and the status it leaves.
     */
    @ParameterizedTest(name = "{0}@{1} + {2}@{3} -> {4}, {5}")
    @CsvSource({
            "QUEUED,    0, RUNNING,   1, APPLIED,   RUNNING",
            "QUEUED,    0, QUEUED,    0, DUPLICATE, QUEUED",
            "QUEUED,    0, SUCCEEDED, 1, APPLIED,   SUCCEEDED",
            "QUEUED,    0, FAILED,    0, APPLIED,   FAILED",
            "QUEUED,    0, CANCELLED, 0, APPLIED,   CANCELLED",
            "QUEUED,    0, RETRYING,  1, REJECTED,  QUEUED",
            "RUNNING,   1, RUNNING,   1, REPORTED,  RUNNING",
            "RUNNING,   2, RUNNING,   1, REJECTED,  RUNNING",
            "RUNNING,   1, RUNNING,   2, APPLIED,   RUNNING",
            "RUNNING,   1, RETRYING,  1, APPLIED,   RETRYING",
            "RUNNING,   2, RETRYING,  1, REJECTED,  RUNNING",
            "RUNNING,   2, FAILED,    1, REJECTED,  RUNNING",
            "RUNNING,   2, SUCCEEDED, 1, REJECTED,  RUNNING",
            "RUNNING,   1, SUCCEEDED, 1, APPLIED,   SUCCEEDED",
            "RUNNING,   1, SUCCEEDED, 2, APPLIED,   SUCCEEDED",
            "RUNNING,   2, CANCELLED, 0, APPLIED,   CANCELLED",
            "RUNNING,   1, QUEUED,    0, REJECTED,  RUNNING",
            "RETRYING,  1, RUNNING,   2, APPLIED,   RUNNING",
            "RETRYING,  1, RUNNING,   1, REJECTED,  RETRYING",
            "RETRYING,  1, RETRYING,  1, DUPLICATE, RETRYING",
            "RETRYING,  1, SUCCEEDED, 1, APPLIED,   SUCCEEDED",
            "RETRYING,  2, SUCCEEDED, 1, REJECTED,  RETRYING",
            "RETRYING,  1, QUEUED,    0, REJECTED,  RETRYING",
            "SUCCEEDED, 1, RUNNING,   2, REJECTED,  SUCCEEDED",
            "SUCCEEDED, 1, SUCCEEDED, 1, DUPLICATE, SUCCEEDED",
            "SUCCEEDED, 1, FAILED,    1, REJECTED,  SUCCEEDED",
            "FAILED,    1, RETRYING,  1, REJECTED,  FAILED",
            "FAILED,    1, CANCELLED, 1, REJECTED,  FAILED",
            "CANCELLED, 1, SUCCEEDED, 1, REJECTED,  CANCELLED",
            "CANCELLED, 0, CANCELLED, 0, DUPLICATE, CANCELLED",
    })
    void transitionTable(JobStatus current, int attempts, JobStatus event, int attempt,
                         JobTransition expected, JobStatus after) {
        SynthesisJob job = newJob();
        redis.hset(JobStore.key(job.jobId()), java.util.Map.of("id", job.jobId(), "kind", "synthesis",
                "hardwareClass", "cpu", "status", current.name(), "attempts", Integer.toString(attempts)));
        JobEvent applied = event == JobStatus.QUEUED ? JobEvent.queued(job) : JobEvent.of(job, event, attempt, "w");
        assertEquals(expected, store.apply(applied));
        assertEquals(after, store.find(job.jobId()).orElseThrow().status());
    }

    @Test
    void runningAttemptReportsLivenessWithoutRestarting() throws Exception {
        SynthesisJob job = newJob();
        store.apply(JobEvent.of(job, JobStatus.RUNNING, 1, "w1"));
        JobRecord started = store.find(job.jobId()).orElseThrow();
        Thread.sleep(5);
        assertEquals(JobTransition.REPORTED, store.apply(JobEvent.of(job, JobStatus.RUNNING, 1, "w1")));
        JobRecord alive = store.find(job.jobId()).orElseThrow();
        assertEquals(started.startedAt(), alive.startedAt());
        assertTrue(alive.aliveAt().isAfter(started.aliveAt()), alive.aliveAt() + " after " + started.aliveAt());
        assertTrue(store.runningIds().contains(job.jobId()));
    }

    @Test
    void finishedRecordExpiresAfterTheRetentionAndLeavesTheRunningSet() {
        JobStore shortLived = new JobStore(redis, java.time.Duration.ofSeconds(120));
        SynthesisJob job = newJob();
        shortLived.apply(JobEvent.of(job, JobStatus.RUNNING, 1, "w1"));
        assertEquals(-1, redis.ttl(JobStore.key(job.jobId())));
        shortLived.apply(JobEvent.of(job, JobStatus.SUCCEEDED, 1, "w1"));
        long ttl = redis.ttl(JobStore.key(job.jobId()));
        assertTrue(ttl > 100 && ttl <= 120, "TTL " + ttl);
        assertTrue(!store.runningIds().contains(job.jobId()));
    }

    @Test
    void aWaitingJobIsInTheBacklogOfItsOwnTierUntilItRuns() {
        SynthesisJob job = new SynthesisJob(UUID.randomUUID().toString(), "default", HardwareClass.AMD, 48,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), "hello", "en", null, "test", AudioOutput.DEFAULT, null, null);
        long before = store.backlog(HardwareClass.AMD);
        store.apply(JobEvent.queued(job));
        assertEquals(48, store.find(job.jobId()).orElseThrow().vramTier());
        assertTrue(store.backlogIds(HardwareClass.AMD, 48, VoiceFamily.VOICEFARM).contains(job.jobId()));
        assertFalse(store.backlogIds(HardwareClass.AMD, 0, VoiceFamily.VOICEFARM).contains(job.jobId()));
        assertEquals(before + 1, store.backlog(HardwareClass.AMD));
        assertFalse(store.oldestWaiting(HardwareClass.AMD).orElseThrow().isAfter(job.createdAt()),
                "the class's oldest waiting job has waited at least since this one was queued");
        store.apply(JobEvent.of(job, JobStatus.RUNNING, 1, "w1"));
        assertFalse(store.backlogIds(HardwareClass.AMD, 48, VoiceFamily.VOICEFARM).contains(job.jobId()));
        assertEquals(before, store.backlog(HardwareClass.AMD));
    }

    @Test
    void finishingAJobWithAWebhookMakesItsDeliveryDueAtItsFinish() {
        SynthesisJob hooked = newJob();
        SynthesisJob plain = newJob();
        redis.setex(JobStore.webhookKey(hooked.jobId()), 3600, "{}");
        store.apply(JobEvent.queued(hooked));
        store.apply(JobEvent.of(hooked, JobStatus.RUNNING, 1, "w1"));
        assertNull(redis.zscore(JobStore.WEBHOOKS_DUE_KEY, hooked.jobId()), "only a finish makes a delivery due");
        JobEvent done = JobEvent.of(hooked, JobStatus.SUCCEEDED, 1, "w1");
        store.apply(done);
        store.apply(JobEvent.of(plain, JobStatus.FAILED, 1, "w1"));

        assertEquals((double) done.at().toEpochMilli(), redis.zscore(JobStore.WEBHOOKS_DUE_KEY, hooked.jobId()));
        assertNull(redis.zscore(JobStore.WEBHOOKS_DUE_KEY, plain.jobId()), "a job without a webhook owes nothing");
        assertTrue(redis.ttl(JobStore.webhookKey(hooked.jobId())) > 3600, "the webhook is kept as long as the record");
        redis.zrem(JobStore.WEBHOOKS_DUE_KEY, hooked.jobId());
    }

    /** What {@code GET /v1/jobs} lists: a tenant's newest jobs first, filtered, without those whose record expired. */
    @Test
    void listsATenantsNewestJobsFirstAndForgetsExpiredOnes() {
        String tenant = "recent-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<SynthesisJob> jobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SynthesisJob job = new SynthesisJob(UUID.randomUUID().toString(), tenant, HardwareClass.CPU, 0,
                    now.plusSeconds(i), "hello", "en", null, "test", AudioOutput.DEFAULT, null, null);
            jobs.add(job);
            store.apply(JobEvent.queued(job));
        }
        store.apply(JobEvent.of(jobs.get(0), JobStatus.RUNNING, 1, "w1"));

        assertEquals(List.of(jobs.get(2).jobId(), jobs.get(1).jobId()),
                store.recent(tenant, 2, job -> true).stream().map(JobRecord::id).toList());
        assertEquals(List.of(jobs.get(0).jobId()),
                store.recent(tenant, 10, job -> job.status() == JobStatus.RUNNING).stream().map(JobRecord::id).toList());
        assertEquals(3, store.recent(null, 10_000, job -> tenant.equals(job.tenant())).size(), "every tenant's index has them too");
        assertEquals(List.of(), store.recent(tenant + "-other", 10, job -> true));

        redis.del(JobStore.key(jobs.get(1).jobId()));
        assertEquals(List.of(jobs.get(2).jobId(), jobs.get(0).jobId()),
                store.recent(tenant, 2, job -> true).stream().map(JobRecord::id).toList(), "an expired job in between is skipped");
        redis.del(JobStore.key(jobs.get(2).jobId()));
        assertEquals(List.of(jobs.get(0).jobId()), store.recent(tenant, 10, job -> true).stream().map(JobRecord::id).toList());
        assertNull(redis.zscore(JobStore.indexKey(tenant), jobs.get(2).jobId()), "an expired job leaves the index");
    }

    /** What {@code GET /v1/events} follows: every applied change of every job, after a feed id. */
    @Test
    void feedCarriesEveryAppliedChangeWithItsJobAfterAnId() {
        String from = store.feedEnd();
        SynthesisJob job = newJob();
        store.apply(JobEvent.of(job, JobStatus.RUNNING, 1, "w1"));
        store.apply(JobEvent.of(job, JobStatus.RUNNING, 1, "w1"));
        store.apply(JobEvent.of(job, JobStatus.FAILED, 1, "w1").withReason("broken"));

        List<JobStore.FeedEntry> feed = store.feedAfter(from, 1000).stream().filter(e -> e.jobId().equals(job.jobId())).toList();
        assertEquals(List.of(JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.FAILED), feed.stream().map(e -> e.change().status()).toList(),
                "the acceptance first, no duplicate");
        assertEquals("broken", feed.get(2).change().reason());
        assertEquals("default", feed.get(2).tenant());
        assertEquals(HardwareClass.CPU, feed.get(2).hardwareClass());
        assertEquals(List.of(), store.feedAfter(store.feedEnd(), 10), "nothing after the newest entry");
        assertEquals(feed.get(1).id(), store.feedAfter(feed.get(0).id(), 1000).stream()
                .filter(e -> e.jobId().equals(job.jobId())).findFirst().orElseThrow().id(), "resumes after an id");
    }

    /** A Redis from before waiting jobs were scored: its sets are moved into the sorted sets the backlog counts. */
    @Test
    void waitingJobsOfAnEarlierVersionAreAdopted() {
        SynthesisJob job = new SynthesisJob(UUID.randomUUID().toString(), "default", HardwareClass.AMD, 48,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), "hello", "en", null, "test", AudioOutput.DEFAULT, null, null);
        store.apply(JobEvent.queued(job));
        redis.zrem(JobStore.backlogKey(HardwareClass.AMD, 48, VoiceFamily.VOICEFARM), job.jobId());
        String legacy = JobStore.LEGACY_BACKLOG_PREFIX + "amd:vram48";
        redis.sadd(legacy, job.jobId());
        assertFalse(store.backlogIds(HardwareClass.AMD, 48, VoiceFamily.VOICEFARM).contains(job.jobId()));

        assertTrue(store.adoptLegacyBacklogs() >= 1);
        assertTrue(store.backlogIds(HardwareClass.AMD, 48, VoiceFamily.VOICEFARM).contains(job.jobId()));
        assertEquals((double) job.createdAt().toEpochMilli(),
                redis.zscore(JobStore.backlogKey(HardwareClass.AMD, 48, VoiceFamily.VOICEFARM), job.jobId()));
        assertFalse(redis.exists(legacy), "the old set is gone");
        assertEquals(0, store.adoptLegacyBacklogs(), "nothing left to move");
        store.apply(JobEvent.of(job, JobStatus.RUNNING, 1, "w1"));
    }

    @Test
    void unknownJobIsAbsent() {
        assertTrue(store.find(UUID.randomUUID().toString()).isEmpty());
    }
}
