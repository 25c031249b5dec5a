package dev.voicefarm.gateway.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.jobs.AudioOutput;
import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.jobs.JobSpec;
import dev.voicefarm.common.jobs.JobStatus;
import dev.voicefarm.common.jobs.SynthesisJob;
import dev.voicefarm.gateway.api.ApiException;
import dev.voicefarm.gateway.idempotency.Idempotency;
import dev.voicefarm.gateway.idempotency.InMemoryClaims;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Idempotency-Key semantics of job submission, with claims in memory and a recorded queue. */
class JobSubmissionTest {

    private final InMemoryClaims claims = new InMemoryClaims();
    private final Idempotency idempotency = new Idempotency(claims, Duration.ofHours(24));
    private final List<JobSpec> published = new ArrayList<>();
    private final Map<String, JobRecord> records = new HashMap<>();
    private boolean kafkaDown;
    private int prepared;

    private final JobSubmission submission = new JobSubmission(idempotency, this::admit,
            id -> Optional.ofNullable(records.get(id)).map(r -> new JobView(r, null)));

    private JobView admit(JobSpec job) {
        if (kafkaDown) {
            throw ApiException.unavailable("queue_unavailable", "Kafka is down", Duration.ofSeconds(5));
        }
        published.add(job);
        return new JobView(JobRecord.queued(job), null);
    }

    private JobSpec prepare() {
        prepared++;
        return new SynthesisJob(UUID.randomUUID().toString(), "default", HardwareClass.CPU, 0,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), "Hello.", "en", null, "cpu: test", AudioOutput.DEFAULT, null, null);
    }

    private JobView submit(String key, String body) {
        Optional<Idempotency.Request> keyed =
                idempotency.request("acme", "synthesis", key, body.getBytes(StandardCharsets.UTF_8));
        return submission.submit(keyed, this::prepare, SynthesisJob.class);
    }

    @Test
    void withoutAKeyEveryRequestIsANewJob() {
        assertNotEquals(submit(null, "{}").id(), submit(null, "{}").id());
        assertEquals(2, published.size());
    }

    @Test
    void aRepeatGetsTheStoredJobWithoutPublishingAgain() {
        JobView first = submit("k", "{}");
        records.put(first.id(), new JobRecord(first.id(), "default", first.job().kind(), JobStatus.RUNNING, HardwareClass.CPU, 0,
                first.job().createdAt(), Instant.now(), null, Instant.now(), Instant.now(), 1, "w1", null, null, null,
                null, null));

        JobView again = submit("k", "{}");

        assertEquals(first.id(), again.id());
        assertEquals(JobStatus.RUNNING, again.job().status());
        assertEquals(1, published.size());
        assertEquals(1, prepared);
    }

    @Test
    void aRepeatWhoseJobIsNotStoredPublishesTheSameSpecAgain() {
        JobView first = submit("k", "{}");
        JobView again = submit("k", "{}");
        assertEquals(first.id(), again.id());
        assertEquals(JobStatus.QUEUED, again.job().status());
        assertEquals(2, published.size());
        assertEquals(published.get(0), published.get(1));
        assertEquals(1, prepared);
    }

    @Test
    void aFailedPublishKeepsTheKeySoARetryCannotMakeASecondJob() {
        kafkaDown = true;
        ApiException e = assertThrows(ApiException.class, () -> submit("k", "{}"));
        assertEquals("queue_unavailable", e.code());
        assertEquals(1, claims.values.size());

        kafkaDown = false;
        JobView retried = submit("k", "{}");
        assertEquals(1, prepared);
        assertEquals(List.of(retried.id()), published.stream().map(JobSpec::jobId).toList());
        assertTrue(claims.values.values().iterator().next().contains(retried.id()));
    }

    @Test
    void theSameKeyWithAnotherBodyIs409AndPublishesNothing() {
        submit("k", "{}");
        ApiException e = assertThrows(ApiException.class, () -> submit("k", "{ }"));
        assertEquals("idempotency_key_reused", e.code());
        assertEquals(1, published.size());
    }
}
