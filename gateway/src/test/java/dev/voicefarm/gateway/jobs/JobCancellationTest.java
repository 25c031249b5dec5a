package dev.voicefarm.gateway.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.jobs.JobKind;
import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.jobs.JobStatus;
import dev.voicefarm.common.jobs.JobTransition;
import dev.voicefarm.gateway.api.ApiException;
import jakarta.ws.rs.core.Response.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobCancellationTest {

    private static final String ID = "3f1c7a52-8a7e-4a6b-9d55-0c8e2b5f0a11";

    private final List<JobStatus> reads = new ArrayList<>();
    private final List<JobEvent> applied = new ArrayList<>();
    private final List<JobEvent> announced = new ArrayList<>();

    private static JobRecord job(JobStatus status) {
        return new JobRecord(ID, "default", JobKind.SYNTHESIS, status, HardwareClass.AMD, 0, Instant.EPOCH, null, null,
                Instant.EPOCH, null, 2, null, null, null, "queued for amd", null, null);
    }

    /** A store whose job reads as the given statuses, one per read, and answers every transition with {@code outcome}. */
    private JobCancellation cancellation(JobTransition outcome, JobStatus... statuses) {
        reads.addAll(List.of(statuses));
        BiFunction<JobScope, String, JobRecord> jobs = (tenant, id) -> job(reads.remove(0));
        return new JobCancellation(jobs, event -> {
            applied.add(event);
            return outcome;
        }, announced::add);
    }

    @ParameterizedTest
    @EnumSource(value = JobStatus.class, names = {"QUEUED", "RUNNING", "RETRYING"})
    void aLiveJobIsCancelledInRedisAndOnTheEventLog(JobStatus live) {
        cancellation(JobTransition.APPLIED, live).cancel(new JobScope("default"), ID);

        JobEvent event = applied.get(0);
        assertEquals(JobStatus.CANCELLED, event.status());
        assertEquals(ID, event.jobId());
        assertEquals(JobCancellation.REASON, event.reason());
        assertEquals(2, event.attempt());
        assertEquals(HardwareClass.AMD, event.hardwareClass());
        assertEquals(List.of(event), announced);
    }

    @ParameterizedTest
    @EnumSource(value = JobStatus.class, names = {"SUCCEEDED", "FAILED", "CANCELLED"})
    void aFinishedJobIs409NamingItsStatusAndIsLeftAlone(JobStatus finished) {
        ApiException e = refused(cancellation(JobTransition.APPLIED, finished));
        assertTrue(e.getMessage().contains("it is " + finished), e.getMessage());
        assertTrue(applied.isEmpty() && announced.isEmpty());
    }

    @Test
    void aJobThatFinishedMeanwhileKeepsItsOutcome() {
        ApiException e = refused(cancellation(JobTransition.REJECTED, JobStatus.RUNNING, JobStatus.SUCCEEDED));
        assertTrue(e.getMessage().contains("it is SUCCEEDED"), e.getMessage());
        assertEquals(1, applied.size());
        assertTrue(announced.isEmpty());
    }

    @Test
    void aJobAnotherRequestCancelledMeanwhileIs409() {
        ApiException e = refused(cancellation(JobTransition.DUPLICATE, JobStatus.QUEUED, JobStatus.CANCELLED));
        assertTrue(e.getMessage().contains("it is CANCELLED"), e.getMessage());
        assertTrue(announced.isEmpty());
    }

    @Test
    void anUnknownJobIsTheLookupsOwn404() {
        JobCancellation cancellation = new JobCancellation((tenant, id) -> {
            throw ApiException.notFound("no job with id '" + id + "'");
        }, event -> JobTransition.APPLIED, announced::add);
        ApiException e = assertThrows(ApiException.class, () -> cancellation.cancel(new JobScope("default"), "nope"));
        assertEquals(Status.NOT_FOUND, e.status());
        assertTrue(announced.isEmpty());
    }

    private static ApiException refused(JobCancellation cancellation) {
        ApiException e = assertThrows(ApiException.class, () -> cancellation.cancel(new JobScope("default"), ID));
        assertEquals(Status.CONFLICT, e.status());
        assertEquals("already_finished", e.code());
        return e;
    }
}
