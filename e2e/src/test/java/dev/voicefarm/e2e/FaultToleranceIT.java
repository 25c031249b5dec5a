package dev.voicefarm.e2e;

import redis.clients.jedis.RedisClient;

import java.util.concurrent.TimeUnit;

import java.util.concurrent.CompletableFuture;

import dev.voicefarm.common.audio.Wav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.jobs.JobStatus;
import dev.voicefarm.common.storage.ArtifactStore;
import dev.voicefarm.common.storage.ObjectKeys;
import dev.voicefarm.common.testing.LocalStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real faults under a stream of jobs: each test kills, pauses or stops a real process of the test
 * stack, brings it back with {@code ./farm up}, then checks every accepted job (final state, one
 * outcome, attempts, artifacts) and records its figures in the reliability report. Jobs go to the
 * {@code cpu} class, served by two workers (this machine and the simulated x86 server), so a job
 * whose worker dies has another worker to go to. Runs after the other end-to-end tests (it
 * restarts services) and before {@link WorkerDeathIT}.
 */
@Order(Integer.MAX_VALUE - 1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceIT {

    private static final String CPU = "\"requirements\": {\"classes\": [\"cpu\"]}";
    /**
     * About 1.5 s of synthesis on the test stack's CPU workers: long enough that the job seen
     * RUNNING is still running when its worker is killed (at 8 repeats, 0.5 s, one run saw it
     * finish first and end with one attempt).
     */
    private static final String LONG_TEXT = "The quick brown fox jumps over the lazy dog while the farm keeps every job. "
            .repeat(24);
    private static final Duration SETTLE = Duration.ofMinutes(3);
    /** About 4,000 characters: a few seconds of rendering, so the kill lands mid-stream. */
    private static final int SENTENCES = 75;
    /**
     * Enough epochs that a fault lands mid-training on the fastest test worker (the kill waits for
     * epoch 3), few enough that the 1-slot probe worker, at about a second an epoch here, finishes
     * well inside {@link #SETTLE}.
     */
    private static final int TRAINING_EPOCHS = 60;

    private static String datasetId;
    /** An admin key: the tests pick their victims by the worker a job runs on. */
    private final FarmClient farm = FarmClient.admin();

    @BeforeAll
    static void dataset(@TempDir Path dir) throws Exception {
        datasetId = GeneratedDataset.upload(FarmClient.admin(), dir).path("id").asText();
    }

    @AfterAll
    static void report() throws Exception {
        ReliabilityReport.write();
    }

    @Test
    @Order(1)
    void workerKilledDuringSynthesis() throws Exception {
        Batch batch = synthesis(12, LONG_TEXT);
        JsonNode running = awaitJob(batch.accepted, job -> job.path("status").asText().equals("RUNNING"));
        String victim = running.path("workerId").asText();
        TestStack.kill9(TestStack.workerService(victim));
        Instant faultEnded = Instant.now();
        TestStack.up();
        ReliabilityReport.Row row = batch.settle("worker kill -9 during synthesis (" + victim + ")", faultEnded,
                "job " + running.path("id").asText() + " was running on the killed worker");
        JsonNode killed = farm.get("/v1/jobs/" + running.path("id").asText()).json();
        assertEquals(2, killed.path("attempts").asInt(), killed.toString());
        // A killed attempt may have stored its audio before it could report it: that copy stays,
        // unreferenced, under its own attempt's key; it can never replace the winning attempt's.
        assertTrue(row.extraArtifacts() <= batch.accepted.size(), row.toString());
        try (ArtifactStore store = new ArtifactStore(LocalStack.s3())) {
            for (String id : batch.accepted) {
                JsonNode job = farm.get("/v1/jobs/" + id).json();
                assertTrue(audio(store, id).contains(ObjectKeys.jobAudio(FarmClient.ADMIN_TENANT, id,
                        job.path("attempts").asInt())), "the record names its final attempt's audio: " + job);
            }
        }
    }

    @Test
    @Order(2)
    void workerKilledDuringTrainingResumesFromItsCheckpoint() throws Exception {
        Training training = trainingPastEpoch3();
        Batch batch = training.batch();
        String jobId = training.jobId();
        String victim = training.workerId();
        TestStack.kill9(TestStack.workerService(victim));
        Instant faultEnded = Instant.now();
        TestStack.up();
        batch.settle("worker kill -9 during training (" + victim + ")", faultEnded, redoneEpochs(jobId) + " epoch(s) redone");
        JsonNode done = farm.get("/v1/jobs/" + jobId).json();
        // Attempt = delivery count, and the broker counts deliveries no worker code ran (measured:
        // 2 to 4). Known gap, see docs/lifecycle.md.
        assertTrue(done.path("attempts").asInt() >= 2, done.toString());
        assertTrue(redoneEpochs(jobId) <= 1, redoneEpochs(jobId) + " epochs redone");
    }

    @Test
    @Order(3)
    void staleAttemptOfAPausedWorkerCannotOverwriteTheNewerOne() throws Exception {
        Training training = trainingPastEpoch3();
        Batch batch = training.batch();
        String jobId = training.jobId();
        String paused = training.workerId();
        String service = TestStack.workerService(paused);
        TestStack.signal(service, "STOP");
        try {
            awaitJob(batch.accepted, job -> job.path("status").asText().equals("RUNNING")
                    && job.path("attempts").asInt() >= 2);
        } finally {
            TestStack.signal(service, "CONT");
        }
        Instant faultEnded = Instant.now();
        batch.settle("worker paused (SIGSTOP) past its lock, then resumed (" + paused + ")", faultEnded,
                "stale attempt 1 resumed after attempt 2 took over");
        JsonNode done = farm.get("/v1/jobs/" + jobId).json();
        int attempts = done.path("attempts").asInt();
        assertTrue(attempts >= 2, done.toString());
        assertNotEquals(paused, done.path("workerId").asText(), done.toString());
        assertEquals(attempts, done.path("result").path("voice").path("version").asInt(), done.toString());
        JsonNode voice = farm.get("/v1/voices/" + jobId).json();
        assertEquals(attempts, voice.path("version").asInt(), "the catalogue lists the winning attempt's voice: " + voice);
    }

    @Test
    @Order(4)
    void s3StoppedFor30Seconds() throws Exception {
        outage("s3", Duration.ofSeconds(30), synthesis(10, "S3 goes away and comes back."), "S3 server stopped 30 s");
    }

    @Test
    @Order(5)
    void kafkaStoppedAndRestarted() throws Exception {
        Batch batch = synthesis(8, "The broker goes away and comes back.");
        TestStack.stop("kafka");
        List<Long> refusals = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            FarmClient.Reply reply = farm.postJson("/v1/synthesis", "{\"text\": \"During the outage.\", " + CPU + "}");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(503, reply.status(), new String(reply.response().body()));
            assertEquals("queue_unavailable", reply.json().path("error").asText(), reply.json().toString());
            assertTrue(millis < 2_000, "503 after " + millis + " ms");
            refusals.add(millis);
        }
        Instant faultEnded = Instant.now();
        TestStack.up();
        // Across a broker restart two attempts may both report an outcome (docs/lifecycle.md, known
        // gap): the figure is reported; what is checked is that each record holds one attempt's outcome.
        batch.settle("Kafka broker stopped and restarted", faultEnded,
                "POSTs during the outage: 503 queue_unavailable in " + refusals + " ms", true);
    }

    @Test
    @Order(6)
    void redisRestarted() throws Exception {
        outage("redis", Duration.ofSeconds(5), synthesis(8, "The job store goes away and comes back."),
                "Redis stopped 5 s and restarted (AOF)");
    }

    @Test
    @Order(7)
    void schedulerStoppedFor30Seconds() throws Exception {
        Batch batch = synthesis(8, "The control plane goes away and comes back.");
        TestStack.stop("scheduler");
        Thread.sleep(30_000);
        long stored;
        try (ArtifactStore store = new ArtifactStore(LocalStack.s3())) {
            stored = batch.accepted.stream().filter(id -> !audio(store, id).isEmpty()).count();
        }
        Instant faultEnded = Instant.now();
        TestStack.up();
        batch.settle("scheduler stopped 30 s", faultEnded,
                stored + " of " + batch.accepted.size() + " jobs had their audio stored while it was down");
        assertTrue(stored > 0, "no worker computed while the scheduler was down");
    }

    /**
     * A streamed job whose worker is killed mid-stream: the listener waits through the redelivery
     * and hears the whole text once. The second attempt renders every sentence again; the chunks
     * the first one published are kept (idempotent by index) and only the missing ones added, so the
     * heard PCM is byte for byte the stored file's.
     */
    @Test
    @Order(8)
    void workerKilledMidStreamTheListenerHearsTheWholeTextOnce() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= SENTENCES; i++) {
            text.append("Sentence ").append(i).append(" of the stream that survives its worker. ");
        }
        // Every worker of the job's class dies, so which one took it (the RUNNING state comes through
        // the scheduler, often after the first sentences) need not be known.
        List<String> cpuWorkers = FleetEndToEndIT.classOfEachWorker(farm).entrySet().stream()
                .filter(worker -> worker.getValue().equals("cpu")).map(Map.Entry::getKey).toList();
        assertTrue(!cpuWorkers.isEmpty(), "no cpu worker");
        FarmClient.Reply submitted = farm.postJson("/v1/synthesis", "{\"text\": \"" + text.toString().strip()
                + "\", \"stream\": true, " + CPU + "}");
        assertEquals(202, submitted.status(), submitted.text());
        String id = submitted.json().path("id").asText();
        CompletableFuture<FarmClient.Reply> heard = CompletableFuture.supplyAsync(() -> {
            try {
                return farm.get("/v1/jobs/" + id + "/audio?stream=true", Duration.ofMinutes(3));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (RedisClient redis = LocalStack.redis().open()) {
            Instant deadline = Instant.now().plusSeconds(60);
            while (redis.xlen("farm:audio:" + id) < 3) {
                assertTrue(Instant.now().isBefore(deadline), "the job published no sentences");
                Thread.sleep(5);
            }
            for (String worker : cpuWorkers) {
                TestStack.kill9(TestStack.workerService(worker));
            }
            long published = redis.xlen("farm:audio:" + id);
            assertTrue(published < SENTENCES, "the job had finished its stream before the kill: " + published);
        }
        TestStack.up();

        FarmClient.Reply reply = heard.get(3, TimeUnit.MINUTES);
        assertEquals(200, reply.status(), reply.text());
        JsonNode job = farm.awaitFinished(id, SETTLE);
        assertEquals("SUCCEEDED", job.path("status").asText(), job.toString());
        assertTrue(job.path("attempts").asInt() >= 2, "a later attempt finished the job: " + job);
        byte[] stored = farm.get(job.path("result").path("audioUrl").asText()).response().body();
        assertArrayEquals(Wav.parse(stored).pcm(), Wav.parse(reply.response().body()).pcm(),
                "the stream heard across the kill of " + cpuWorkers + " is the stored audio");
    }

    /**
     * A worker scaled down (SIGTERM, as Kubernetes and {@code ./farm stop} send) while it computes a
     * job: it leaves the fleet, finishes the job within its drain timeout and only then exits, so
     * the job ends in its first attempt on that worker; the batch's other jobs go to the class's
     * other worker. The event log read the moment the process is gone must already hold the outcome.
     */
    @Test
    @Order(9)
    void workerScaledDownFinishesItsRunningJobBeforeItExits() throws Exception {
        // About 3 s of synthesis (3,700 characters, under the 4,096 limit): still running when the
        // signal comes, well inside the 30 s drain.
        Batch batch = synthesis(12, LONG_TEXT.repeat(2));
        JsonNode running = awaitJob(batch.accepted, job -> job.path("status").asText().equals("RUNNING"));
        String id = running.path("id").asText();
        String victim = running.path("workerId").asText();
        Instant signalled = Instant.now();
        TestStack.stop(TestStack.workerService(victim));
        List<JobEvent> atExit = EventLog.of(List.of(id));
        Instant faultEnded = Instant.now();
        TestStack.up();
        batch.settle("worker stopped (SIGTERM) during synthesis (" + victim + ")", faultEnded,
                "job " + id + " finished on it before it exited");
        assertTrue(atExit.stream().anyMatch(e -> e.status() == JobStatus.SUCCEEDED && e.attempt() == 1
                && victim.equals(e.workerId())), "the stopped worker exited before its running job succeeded: " + atExit);
        // Finished while the worker drained, not before the signal (which would prove nothing).
        Instant succeeded = atExit.stream().filter(e -> e.status() == JobStatus.SUCCEEDED).findFirst().orElseThrow().at();
        assertTrue(succeeded.isAfter(signalled), "job " + id + " succeeded at " + succeeded + ", before the SIGTERM at " + signalled);
        JsonNode done = farm.get("/v1/jobs/" + id).json();
        assertEquals(1, done.path("attempts").asInt(), "the drained job ran again: " + done);
        assertEquals(victim, done.path("workerId").asText(), done.toString());
    }

    /** Stops the service under the batch for the time given (the fault itself), starts it again and settles the batch. */
    private static void outage(String service, Duration down, Batch batch, String fault) throws Exception {
        TestStack.stop(service);
        Thread.sleep(down.toMillis());
        Instant faultEnded = Instant.now();
        TestStack.up();
        batch.settle(fault, faultEnded, "");
    }

    // ------------------------------------------------------------------ jobs and their figures

    private Batch synthesis(int count, String text) throws Exception {
        Batch batch = new Batch();
        for (int i = 0; i < count; i++) {
            batch.submit(farm.postJson("/v1/synthesis", "{\"text\": \"" + text + " " + i + "\", " + CPU + "}"));
        }
        return batch;
    }

    /** A training job under way, and the worker it runs on. */
    private record Training(Batch batch, String jobId, String workerId) {
    }

    /** Submits a training and waits until it has passed epoch 3: a fault now lands mid-training. */
    private Training trainingPastEpoch3() throws Exception {
        Batch batch = new Batch();
        batch.submit(farm.postJson("/v1/trainings", "{\"datasetId\": \"" + datasetId + "\", \"name\": \"fault\", "
                + "\"epochs\": " + TRAINING_EPOCHS + ", \"requirements\": {\"classes\": [\"cpu\"], \"allowCpuFallback\": true}}"));
        JsonNode running = awaitJob(batch.accepted, job -> job.path("progress").path("epoch").asInt() >= 3);
        return new Training(batch, batch.accepted.get(0), running.path("workerId").asText());
    }

    /** Polls the jobs until one matches; fails after a minute. */
    private JsonNode awaitJob(List<String> ids, Predicate<JsonNode> condition) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            for (String id : ids) {
                JsonNode job = farm.get("/v1/jobs/" + id).json();
                if (condition.test(job)) {
                    return job;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no job reached the awaited state within a minute: " + ids);
    }

    /** Epochs the second attempt trained again: the last epoch attempt 1 reported minus the first of attempt 2, plus one. */
    private static int redoneEpochs(String jobId) {
        List<JobEvent> progress = EventLog.of(List.of(jobId)).stream().filter(e -> e.progress() != null).toList();
        int lastOfFirst = progress.stream().filter(e -> e.attempt() == 1).mapToInt(e -> e.progress().epoch()).max().orElse(0);
        int firstOfNext = progress.stream().filter(e -> e.attempt() > 1).mapToInt(e -> e.progress().epoch()).min()
                .orElse(lastOfFirst + 1);
        return Math.max(0, lastOfFirst - firstOfNext + 1);
    }

    private static List<String> audio(ArtifactStore store, String jobId) {
        return store.list(ObjectKeys.ARTIFACTS_BUCKET, ObjectKeys.jobPrefix(FarmClient.ADMIN_TENANT, jobId)).stream()
                .map(ArtifactStore.StoredObject::key).filter(key -> key.endsWith("/audio.wav")).toList();
    }

    /** The jobs one test submitted, and how they ended. */
    private final class Batch {
        private int submitted;
        private final List<String> accepted = new ArrayList<>();

        void submit(FarmClient.Reply reply) throws Exception {
            submitted++;
            if (reply.status() == 202) {
                accepted.add(reply.json().path("id").asText());
            }
        }

        /** Waits for every accepted job, records the figures and checks that every one SUCCEEDED, once. */
        ReliabilityReport.Row settle(String fault, Instant faultEnded, String notes) throws Exception {
            return settle(fault, faultEnded, notes, false);
        }

        /**
         * @param outcomesMayRepeat whether two attempts may both have reported an outcome (the known
         *                          gap across a broker restart): then each record must still name its
         *                          newest attempt's audio, the one the fence let through
         */
        ReliabilityReport.Row settle(String fault, Instant faultEnded, String notes, boolean outcomesMayRepeat)
                throws Exception {
            Instant deadline = Instant.now().plus(SETTLE);
            List<JsonNode> jobs = new ArrayList<>();
            for (String id : accepted) {
                jobs.add(farm.awaitFinished(id, Duration.between(Instant.now(), deadline).isNegative()
                        ? Duration.ZERO : Duration.between(Instant.now(), deadline)));
            }
            double recovery = Duration.between(faultEnded, Instant.now()).toMillis() / 1000.0;
            Map<String, List<JobEvent>> events = EventLog.of(accepted).stream()
                    .collect(Collectors.groupingBy(JobEvent::jobId));
            int duplicated = 0;
            for (String id : accepted) {
                long outcomes = events.getOrDefault(id, List.of()).stream()
                        .filter(e -> e.status() == JobStatus.SUCCEEDED || e.status() == JobStatus.FAILED)
                        .map(JobEvent::attempt).distinct().count();
                duplicated += outcomes > 1 ? 1 : 0;
            }
            int extraArtifacts = 0;
            try (ArtifactStore store = new ArtifactStore(LocalStack.s3())) {
                for (JsonNode job : jobs) {
                    if (job.path("kind").asText().equals("synthesis") && job.path("status").asText().equals("SUCCEEDED")) {
                        extraArtifacts += audio(store, job.path("id").asText()).size() - 1;
                    }
                }
            }
            Map<Integer, Long> attempts = new TreeMap<>(jobs.stream()
                    .collect(Collectors.groupingBy(job -> job.path("attempts").asInt(), Collectors.counting())));
            int succeeded = count(jobs, "SUCCEEDED");
            int failed = count(jobs, "FAILED") + count(jobs, "CANCELLED");
            ReliabilityReport.Row row = new ReliabilityReport.Row(fault, submitted, accepted.size(), succeeded, failed,
                    accepted.size() - succeeded - failed, duplicated, extraArtifacts,
                    attempts.entrySet().stream().map(e -> e.getKey() + "×" + e.getValue()).collect(Collectors.joining(" ")),
                    recovery, notes);
            ReliabilityReport.add(row);
            assertEquals(0, row.lost(), "jobs not final: " + jobs);
            if (outcomesMayRepeat) {
                try (ArtifactStore store = new ArtifactStore(LocalStack.s3())) {
                    for (JsonNode job : jobs) {
                        String id = job.path("id").asText();
                        assertTrue(audio(store, id).contains(ObjectKeys.jobAudio(FarmClient.ADMIN_TENANT, id,
                                job.path("attempts").asInt())), "the record names its newest attempt's audio: " + job);
                    }
                }
            } else {
                assertEquals(0, row.duplicatedOutcomes(), row.toString());
            }
            assertEquals(0, failed, "failed jobs: " + jobs.stream().filter(j -> !j.path("status").asText()
                    .equals("SUCCEEDED")).toList());
            return row;
        }

        private int count(List<JsonNode> jobs, String status) {
            return (int) jobs.stream().filter(job -> job.path("status").asText().equals(status)).count();
        }
    }
}
