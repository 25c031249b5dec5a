package dev.voicefarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.Timer;
import java.util.TimerTask;
import java.util.function.Consumer;

/**
 * Waits for a job to finish, by polling {@code GET /v1/jobs/{id}} or by reading its server-sent
 * events, and insists that it succeeded: a FAILED or CANCELLED job is a failure naming its reason,
 * a job still running at the deadline a {@code timeout}.
 */
final class JobWatch {

    static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

    private final Gateway gateway;
    private final String jobId;
    private final Instant deadline;
    private final Duration timeout;

    JobWatch(Gateway gateway, String jobId, Duration timeout) {
        this.gateway = gateway;
        this.jobId = jobId;
        this.timeout = timeout;
        this.deadline = Instant.now().plus(timeout);
    }

    /** Polls the job until it has finished; returns it when it succeeded. */
    JsonNode succeeded() {
        while (true) {
            JsonNode job = Json.read(gateway.get(path()));
            if (TERMINAL.contains(job.path("status").asText())) {
                return succeeded(job);
            }
            if (Instant.now().plus(POLL_INTERVAL).isAfter(deadline)) {
                throw timedOut(job);
            }
            sleep(POLL_INTERVAL);
        }
    }

    /**
     * Reads the job's events until their stream ends, handing each to {@code events}, then returns the
     * job when it succeeded. A stream that breaks off early is not the job's failure: polling takes over.
     */
    JsonNode succeededFollowing(Consumer<SseEvent> events) {
        Timer alarm = new Timer("voicefarm-deadline", true);
        try (InputStream body = gateway.stream(path() + "/events")) {
            // Reading blocks between events (up to the gateway's 15 s keep-alives): closing the stream
            // at the deadline is what ends a read that would otherwise outlive it.
            alarm.schedule(closing(body), Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
            SseReader reader = new SseReader(body);
            for (Optional<SseEvent> event = reader.next(); event.isPresent(); event = reader.next()) {
                events.accept(event.get());
            }
        } catch (IOException broken) {
            if (!Instant.now().isBefore(deadline)) {
                throw timedOut(Json.read(gateway.get(path())));
            }
        } finally {
            alarm.cancel();
        }
        return succeeded();
    }

    private static TimerTask closing(InputStream body) {
        return new TimerTask() {
            @Override
            public void run() {
                try {
                    body.close();
                } catch (IOException ignored) {
                    // the reader sees the stream end either way
                }
            }
        };
    }

    /** The job when it SUCCEEDED; otherwise the failure that says what became of it. */
    static JsonNode succeeded(JsonNode job) {
        String status = job.path("status").asText();
        if (status.equals("SUCCEEDED")) {
            return job;
        }
        String reason = job.path("reason").asText("no reason given");
        throw new CliException(status.equals("CANCELLED") ? "job_cancelled" : "job_failed",
                "job " + job.path("id").asText() + " " + status + ": " + reason);
    }

    private CliException timedOut(JsonNode job) {
        return new CliException("timeout", "job " + jobId + " is still " + job.path("status").asText()
                + " after " + timeout.toSeconds() + " s (--timeout); it goes on: voicefarm job " + jobId);
    }

    private String path() {
        return "/v1/jobs/" + Gateway.encode(jobId);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", "interrupted while waiting for the job", e);
        }
    }
}
