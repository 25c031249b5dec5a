package dev.voicefarm.gateway.streaming;

import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.state.JobStore;
import dev.voicefarm.gateway.api.ApiException;
import dev.voicefarm.gateway.jobs.JobScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The changes of many jobs as server-sent events, from the job store's change feed
 * ({@link JobStore#feedAfter}): what live views (the dashboard's job list) follow. Each event's id is
 * the feed entry's, so a client that reconnects with {@code Last-Event-ID} gets what it missed (as
 * long as the capped feed still holds it). The stream does not end; the client closes it. Polls
 * Redis every quarter second, like {@link JobEventStream}, and each open stream holds a request
 * thread, so at most {@code farm.gateway.max-event-feeds} are open at once. A stream ends after
 * {@code farm.gateway.event-feed-max-age}: its key was checked when it opened, so a revoked key
 * stops seeing changes at the latest then (a client reconnects with {@code Last-Event-ID}).
 */
@ApplicationScoped
public class JobFeedStream {

    private static final Pattern FEED_ID = Pattern.compile("\\d{1,19}-\\d{1,19}");
    private static final int BATCH = 500;

    private final JobStore jobs;
    private final Semaphore open;
    private final Duration maxAge;

    public JobFeedStream(JobStore jobs, @ConfigProperty(name = "farm.gateway.max-event-feeds", defaultValue = "64") int maxFeeds,
                         @ConfigProperty(name = "farm.gateway.event-feed-max-age", defaultValue = "5m") Duration maxAge) {
        this.jobs = jobs;
        this.open = new Semaphore(maxFeeds);
        this.maxAge = maxAge;
    }

    /**
     * Claims one of the open streams for a reader of the scope's jobs, from after {@code lastEventId}
     * when it is a feed id, else from now.
     *
     * @throws ApiException 503 {@code too_many_streams} when every stream is taken
     */
    public Reader open(JobScope scope, String lastEventId) {
        String after = lastEventId != null && FEED_ID.matcher(lastEventId.strip()).matches() ? lastEventId.strip() : jobs.feedEnd();
        // Taken last, after anything that can fail: a claim is given back only by a stream that was sent.
        if (!open.tryAcquire()) {
            throw ApiException.unavailable("too_many_streams", "this gateway has as many event streams open as it allows"
                    + " (farm.gateway.max-event-feeds); try again later", Duration.ofSeconds(10));
        }
        return new Reader(scope, after);
    }

    /** One open stream; {@link #send} gives its claim back when it ends. */
    public final class Reader {

        private final JobScope scope;
        private String last;

        private Reader(JobScope scope, String after) {
            this.scope = scope;
            this.last = after;
        }

        /** Writes the scope's changes as they come until the client goes (a failed write), the stream's age ends it, or the gateway stops. */
        public void send(OutputStream out) throws IOException, InterruptedException {
            try {
                SseWriter events = new SseWriter(out);
                events.keepAlive(); // the headers and a first line at once: the client knows it is connected
                long quietSince = System.nanoTime();
                long endsAt = System.nanoTime() + maxAge.toNanos();
                while (System.nanoTime() < endsAt) {
                    List<JobStore.FeedEntry> entries = jobs.feedAfter(last, BATCH);
                    for (JobStore.FeedEntry entry : entries) {
                        last = entry.id();
                        if (scope.covers(entry.tenant())) {
                            JobEventStream.EventData data = JobEventStream.EventData.of(entry.jobId(), entry.change(), entry.tenant(),
                                    entry.kind(), entry.hardwareClass());
                            events.event(entry.id(), data.name(), Json.encode(data));
                            quietSince = System.nanoTime();
                        }
                    }
                    if (System.nanoTime() - quietSince > JobEventStream.KEEP_ALIVE_MILLIS * 1_000_000) {
                        events.keepAlive();
                        quietSince = System.nanoTime();
                    }
                    if (entries.size() < BATCH) {
                        Thread.sleep(JobEventStream.POLL_MILLIS);
                    }
                }
            } finally {
                open.release();
            }
        }
    }
}
