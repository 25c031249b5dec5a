package dev.voicefarm.common.state;

import dev.voicefarm.common.audio.AudioFormat;
import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.jobs.AudioOutput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The audio of a streamed synthesis job as it is made: a Redis stream per job under
 * {@code farm:audio:<jobId>} holding one entry per sentence, 16-bit mono PCM at the engine's rate,
 * then an end entry. Entry ids are the sentence index ({@code <index + 1>-0}), so a chunk is
 * written once whatever the attempt: a redelivered job after a worker crash renders the same
 * sentences and its copies of chunks already there are dropped, so a listener hears one seamless
 * stream. PCM, not the job's format, because only PCM joins seamlessly across attempts; who
 * listens encodes. The stream expires a while after its last write: it serves live listeners, the
 * job's artifact in S3 is the audio for later.
 */
public final class AudioStreams {

    private static final LuaScript PUBLISH = new LuaScript("""
            local added = redis.pcall('XADD', KEYS[1], ARGV[1], unpack(ARGV, 3))
            redis.call('EXPIRE', KEYS[1], ARGV[2])
            if type(added) == 'table' and added.err then return 0 end
            return 1
            """);

    private final UnifiedJedis redis;
    private final Duration retention;

    /** What a listener reads: chunks in order, then the end. */
    public sealed interface Piece permits Chunk, End {
    }

    /** @param output the format and speed the job asked for: what a listener encodes the PCM into */
    public record Chunk(int index, Wav pcm, AudioOutput output) implements Piece {
    }

    /** @param chunks how many chunks the stream has */
    public record End(int chunks) implements Piece {
    }

    /** @param retention how long a stream stays after its last write (only writers use it) */
    public AudioStreams(UnifiedJedis redis, Duration retention) {
        this.redis = redis;
        this.retention = retention;
    }

    /** For readers: what they read expires as its writer said. */
    public AudioStreams(UnifiedJedis redis) {
        this(redis, Duration.ZERO);
    }

    /** Adds chunk {@code index}; does nothing when an attempt already added it. */
    public void publish(String jobId, int index, Wav pcm, AudioOutput output) {
        append(jobId, index, "rate", Integer.toString(pcm.sampleRate()), "format", output.format().id(),
                "speed", Double.toString(output.speed()), "pcm", Base64.getEncoder().encodeToString(pcm.pcm()));
    }

    /** Marks the end, after chunk {@code chunks - 1}. */
    public void end(String jobId, int chunks) {
        append(jobId, chunks, "end", Integer.toString(chunks));
    }

    private void append(String jobId, int position, String... fields) {
        List<String> args = new ArrayList<>(List.of(id(position).toString(), Long.toString(Math.max(1, retention.toSeconds()))));
        args.addAll(List.of(fields));
        PUBLISH.run(redis, List.of(key(jobId)), args);
    }

    /** The pieces from chunk {@code next} on that are there now (none when the stream does not exist). */
    public List<Piece> read(String jobId, int next) {
        List<StreamEntry> entries = redis.xrange(key(jobId), id(next).toString(), "+");
        return entries.stream().map(AudioStreams::piece).toList();
    }

    private static Piece piece(StreamEntry entry) {
        Map<String, String> fields = entry.getFields();
        if (fields.containsKey("end")) {
            return new End(Integer.parseInt(fields.get("end")));
        }
        AudioOutput output = new AudioOutput(AudioFormat.fromId(fields.get("format")).orElseThrow(),
                Double.parseDouble(fields.get("speed")), true);
        return new Chunk((int) entry.getID().getTime() - 1,
                new Wav(Integer.parseInt(fields.get("rate")), 1, 16, Base64.getDecoder().decode(fields.get("pcm"))), output);
    }

    private static StreamEntryID id(int position) {
        return new StreamEntryID(position + 1, 0);
    }

    static String key(String jobId) {
        return "farm:audio:" + jobId;
    }
}
