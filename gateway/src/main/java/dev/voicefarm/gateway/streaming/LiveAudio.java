package dev.voicefarm.gateway.streaming;

import dev.voicefarm.common.audio.AudioEncoder;
import dev.voicefarm.common.jobs.AudioOutput;
import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.state.AudioStreams;
import dev.voicefarm.common.state.JobStore;
import dev.voicefarm.gateway.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Plays a streamed job's audio as the worker makes it: reads the job's sentences from
 * {@link AudioStreams} in order and encodes them on the fly in the job's format and speed. Waiting
 * is by short polls of Redis, so a listener holds no Redis connection between them. The status
 * check beside the polls notices a job that ends without finishing its stream (failed, cancelled).
 */
@ApplicationScoped
public class LiveAudio {

    /** How long a listener may wait for the next sentence: what it adds to the time to first audio. */
    private static final long POLL_MILLIS = 20;
    private static final long STATUS_CHECK_MILLIS = 500;

    private final AudioStreams streams;
    private final JobStore jobs;
    private final AudioEncoder encoder;
    private final Duration timeout;

    public LiveAudio(AudioStreams streams, JobStore jobs,
                     @ConfigProperty(name = "farm.gateway.ffmpeg", defaultValue = "ffmpeg") String ffmpeg,
                     @ConfigProperty(name = "farm.gateway.stream-timeout", defaultValue = "60s") Duration timeout) {
        this.streams = streams;
        this.jobs = jobs;
        this.encoder = new AudioEncoder(ffmpeg);
        this.timeout = timeout;
    }

    /** What a listener finds once the job made a sound or ended. */
    public sealed interface Start permits Playing, Ended {
    }

    /** The audio has begun: {@link #play} sends it from the first sentence to the end. */
    public record Playing(String jobId, AudioOutput output, List<AudioStreams.Piece> first) implements Start {
    }

    /** The job ended with no stream to play: it was not streamed, its stream expired, or it failed first. */
    public record Ended(JobRecord job) implements Start {
    }

    /**
     * Waits for the job's first sentence or its end.
     *
     * @throws ApiException 504 {@code timeout} when neither came within the stream timeout
     */
    public Start await(String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextCheck = 0;
        while (true) {
            List<AudioStreams.Piece> pieces = streams.read(jobId, 0);
            if (!pieces.isEmpty() && pieces.get(0) instanceof AudioStreams.Chunk chunk) {
                return new Playing(jobId, chunk.output(), pieces);
            }
            if (System.nanoTime() >= nextCheck) {
                Optional<JobRecord> ended = ended(jobId);
                if (ended.isPresent() && streams.read(jobId, 0).isEmpty()) {
                    return new Ended(ended.get());
                }
                nextCheck = System.nanoTime() + STATUS_CHECK_MILLIS * 1_000_000;
            }
            if (System.nanoTime() > deadline) {
                throw ApiException.timeout("job " + jobId + " made no audio within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /**
     * Sends the audio in the job's format as it is made, until the stream's end.
     *
     * @throws IOException when the listener went away, or the job ended or stalled before its stream did
     *                     (the response is then cut short: its status was sent with the first bytes)
     */
    public void play(Playing start, OutputStream out) throws IOException, InterruptedException {
        List<AudioStreams.Piece> pieces = start.first();
        int rate = ((AudioStreams.Chunk) pieces.get(0)).pcm().sampleRate();
        try (AudioEncoder.Live live = encoder.live(rate, start.output().format(), start.output().speed(), out)) {
            int next = 0;
            long idleSince = System.nanoTime();
            long nextCheck = idleSince;
            while (true) {
                for (AudioStreams.Piece piece : pieces) {
                    if (piece instanceof AudioStreams.End) {
                        live.finish();
                        return;
                    }
                    live.write(((AudioStreams.Chunk) piece).pcm());
                    next++;
                    idleSince = System.nanoTime();
                }
                pieces = streams.read(start.jobId(), next);
                if (pieces.isEmpty() && System.nanoTime() >= nextCheck) {
                    Optional<JobRecord> ended = ended(start.jobId());
                    if (ended.isPresent() && streams.read(start.jobId(), next).isEmpty()) {
                        throw new IOException("job " + start.jobId() + " ended " + ended.get().status()
                                + " before its audio stream did");
                    }
                    if (System.nanoTime() - idleSince > timeout.toNanos()) {
                        throw new IOException("job " + start.jobId() + " made no audio for " + timeout.toSeconds() + " s");
                    }
                    nextCheck = System.nanoTime() + STATUS_CHECK_MILLIS * 1_000_000;
                }
                if (pieces.isEmpty()) {
                    Thread.sleep(POLL_MILLIS);
                }
            }
        }
    }

    private Optional<JobRecord> ended(String jobId) {
        return jobs.find(jobId).filter(job -> job.status().isTerminal());
    }
}
