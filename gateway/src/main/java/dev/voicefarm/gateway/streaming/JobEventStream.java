package dev.voicefarm.gateway.streaming;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.jobs.JobKind;
import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.jobs.JobStatus;
import dev.voicefarm.common.jobs.Progress;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.state.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A job's changes as server-sent events, from the job store's change log: an event {@code status}
 * for every state it entered and {@code progress} for every training report, each with the log
 * entry's number, so a client that reconnects with {@code Last-Event-ID} gets exactly what it missed.
 * The stream ends after the terminal state. Polls Redis every quarter second; a comment line every
 * 15 s keeps idle connections open through proxies.
 */
@ApplicationScoped
public class JobEventStream {

    static final long POLL_MILLIS = 250;
    static final long KEEP_ALIVE_MILLIS = 15_000;
    /** Event numbers, what {@code Last-Event-ID} must be: anything else starts from the beginning. */
    private static final Pattern EVENT_ID = Pattern.compile("\\d{1,9}");
    private static final long START = -1;

    private final JobStore jobs;

    public JobEventStream(JobStore jobs) {
        this.jobs = jobs;
    }

    /**
     * One event's data. {@code percent} is how much of a training is done; {@code tenant}, {@code kind}
     * and {@code hardwareClass} are there on the feed of many jobs ({@link JobFeedStream}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventData(String jobId, JobStatus status, Instant at, int attempt, String reason, Progress progress,
                         Double percent, String tenant, JobKind kind, HardwareClass hardwareClass) {

        static EventData of(String jobId, JobStore.Change change) {
            return of(jobId, change, null, null, null);
        }

        static EventData of(String jobId, JobStore.Change change, String tenant, JobKind kind, HardwareClass hardwareClass) {
            Progress progress = change.progress();
            return new EventData(jobId, change.status(), change.at(), change.attempt(), change.reason(), progress,
                    progress == null ? null : JobEventStream.percent(progress), tenant, kind, hardwareClass);
        }

        /** The SSE event name: {@code progress} for a training report, {@code status} for a state entered. */
        String name() {
            return progress == null ? "status" : "progress";
        }
    }

    /** Where a stream resumes: after a valid {@code Last-Event-ID}, else from the first change. */
    public static long resumeAfter(String lastEventId) {
        return lastEventId != null && EVENT_ID.matcher(lastEventId.strip()).matches() ? Long.parseLong(lastEventId.strip()) : START;
    }

    /** Sends the job's changes after {@code after} until its terminal state (or its record's expiry). */
    public void send(String jobId, long after, OutputStream out) throws IOException, InterruptedException {
        SseWriter events = new SseWriter(out);
        long quietSince = System.nanoTime();
        long last = after;
        while (true) {
            List<JobStore.Change> changes = jobs.changes(jobId, last);
            for (JobStore.Change change : changes) {
                EventData data = EventData.of(jobId, change);
                events.event(Long.toString(change.number()), data.name(), Json.encode(data));
                last = change.number();
                quietSince = System.nanoTime();
            }
            if (changes.isEmpty()) {
                Optional<JobRecord> job = jobs.find(jobId);
                if (job.isEmpty() || job.get().status().isTerminal() && jobs.changes(jobId, last).isEmpty()) {
                    return;
                }
                if (System.nanoTime() - quietSince > KEEP_ALIVE_MILLIS * 1_000_000) {
                    events.keepAlive();
                    quietSince = System.nanoTime();
                }
                Thread.sleep(POLL_MILLIS);
            }
        }
    }

    private static double percent(Progress progress) {
        return progress.epochs() == 0 ? 0 : Math.round(1000.0 * progress.epoch() / progress.epochs()) / 10.0;
    }
}
