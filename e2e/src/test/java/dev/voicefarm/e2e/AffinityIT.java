package dev.voicefarm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.jobs.JobStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cache affinity on the running farm's two workers of class {@code cpu}: once a worker holds a
 * trained voice, the jobs for that voice go to that worker's own topic. Then that worker is frozen
 * (SIGSTOP) while jobs keep coming, so some wait on its own topic, and killed (SIGKILL): the
 * scheduler moves them to the class's queue and every accepted job succeeds exactly once on the
 * other worker. Runs among the fault tests (it kills a worker; ./farm up brings it back).
 */
@Order(Integer.MAX_VALUE - 3)
class AffinityIT {

    private static final String CPU_ONLY = "\"requirements\": {\"classes\": [\"cpu\"]}";

    private final FarmClient farm = FarmClient.admin();

    @TempDir
    Path dir;

    @Test
    void jobsForAVoiceGoToItsHolderAndOutliveTheHoldersDeath() throws Exception {
        String voiceId = trainVoice();
        String voiceKey = FarmClient.ADMIN_TENANT + "/" + voiceId;
        JsonNode warm = run(submit(voiceId, "The first job loads the voice."));
        String holder = warm.path("workerId").asText();
        JsonNode finished = warm;
        for (int i = 0; i < 6; i++) {
            // Each job routed by a table that knows the holder holds the voice and is idle again:
            // otherwise a one-slot holder still busy in the table has no room and the job goes elsewhere.
            awaitRoutingSees(holder, voiceKey, Instant.parse(finished.path("finishedAt").asText()));
            JsonNode job = run(submit(voiceId, "Job " + i + " goes where the voice is."));
            assertEquals(holder, job.path("workerId").asText(), job.toString());
            assertTrue(job.path("routing").asText().contains("worker " + holder + " holds voice " + voiceKey),
                    job.path("routing").asText());
            finished = job;
        }

        String service = TestStack.workerService(holder);
        List<String> accepted = new ArrayList<>();
        int sentToHolder = 0;
        TestStack.signal(service, "STOP");
        try {
            // The fleet keeps the frozen worker for three heartbeats: jobs go on being sent its way.
            for (int i = 0; i < 12; i++) {
                JsonNode queued = submit(voiceId, "Job " + i + " waits for a frozen worker.");
                accepted.add(queued.path("id").asText());
                sentToHolder += queued.path("routing").asText().contains("worker " + holder) ? 1 : 0;
                Thread.sleep(300);
            }
        } finally {
            TestStack.kill9(service);
        }
        try {
            assertTrue(sentToHolder >= 1, "no job was routed to the frozen holder: the test shows nothing");
            for (String jobId : accepted) {
                JsonNode done = farm.awaitFinished(jobId, Duration.ofSeconds(120));
                assertEquals("SUCCEEDED", done.path("status").asText(), done.toString());
                // Frozen before they were sent: whatever ran them, it was not the holder.
                assertNotEquals(holder, done.path("workerId").asText(), done.toString());
            }
            Map<String, Long> outcomes = EventLog.of(accepted).stream()
                    .filter(e -> e.status() == JobStatus.SUCCEEDED)
                    .collect(Collectors.groupingBy(JobEvent::jobId, Collectors.counting()));
            for (String jobId : accepted) {
                assertEquals(1L, outcomes.getOrDefault(jobId, 0L), "SUCCEEDED events of job " + jobId);
            }
        } finally {
            TestStack.up();
        }
    }

    private String trainVoice() throws Exception {
        JsonNode dataset = GeneratedDataset.upload(farm, dir);
        FarmClient.Reply training = farm.postJson("/v1/trainings", "{\"datasetId\": \"" + dataset.path("id").asText()
                + "\", \"name\": \"Affinity narrator\", \"language\": \"en\", \"epochs\": 5}");
        assertEquals(202, training.status(), training.text());
        JsonNode trained = farm.awaitFinished(training.json().path("id").asText(), Duration.ofMinutes(4));
        assertEquals("SUCCEEDED", trained.path("status").asText(), trained.toString());
        return trained.path("result").path("voice").path("id").asText();
    }

    private JsonNode submit(String voiceId, String text) throws Exception {
        FarmClient.Reply reply = farm.postJson("/v1/synthesis",
                "{\"text\": \"" + text + "\", \"voice\": \"" + voiceId + "\", " + CPU_ONLY + "}");
        assertEquals(202, reply.status(), reply.text());
        return reply.json();
    }

    private JsonNode run(JsonNode queued) throws Exception {
        JsonNode done = farm.awaitFinished(queued.path("id").asText(), Duration.ofSeconds(60));
        assertEquals("SUCCEEDED", done.path("status").asText(), done.toString());
        return done;
    }

    /**
     * Until the gateway routes by a table computed after a heartbeat of the worker, sent after
     * {@code after}, that lists the voice and no running job.
     */
    private void awaitRoutingSees(String workerId, String voiceKey, Instant after) throws Exception {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            JsonNode fleet = farm.get("/v1/fleet").json();
            Instant table = Instant.parse(fleet.path("routingTableAt").asText());
            for (JsonNode worker : fleet.path("workers")) {
                Instant at = Instant.parse(worker.path("at").asText());
                if (worker.path("workerId").asText().equals(workerId) && at.isAfter(after)
                        && worker.path("runningJobs").asInt() == 0
                        && worker.path("voices").toString().contains("\"" + voiceKey + "\"")
                        && table.isAfter(at.plusMillis(200))) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no routing table shows " + workerId + " idle and holding " + voiceKey);
    }
}
