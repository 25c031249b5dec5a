package dev.voicefarm.common.audio;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The audio formats a synthesis job can ask for, with the FFmpeg encoder settings that make each.
 * The names are OpenAI's {@code response_format} values. Opus and raw PCM are made at 24 kHz (Opus
 * takes 8, 12, 16, 24 or 48 kHz; OpenAI's {@code pcm} is 24 kHz 16-bit little-endian mono); the
 * others keep the engine's own rate.
 */
public enum AudioFormat {
    MP3("mp3", "audio/mpeg", List.of("-c:a", "libmp3lame", "-b:a", "64k", "-write_xing", "0", "-f", "mp3")),
    OPUS("opus", "audio/ogg", List.of("-c:a", "libopus", "-b:a", "32k", "-f", "ogg")),
    AAC("aac", "audio/aac", List.of("-c:a", "aac", "-b:a", "64k", "-f", "adts")),
    FLAC("flac", "audio/flac", List.of("-c:a", "flac", "-f", "flac")),
    WAV("wav", "audio/wav", List.of("-c:a", "pcm_s16le", "-f", "s16le")),
    PCM("pcm", "audio/pcm", List.of("-c:a", "pcm_s16le", "-f", "s16le"));

    /** OpenAI's rate for {@code pcm}, and a rate Opus takes. */
    public static final int FIXED_RATE = 24_000;

    private final String id;
    private final String contentType;
    private final List<String> ffmpegOutput;

    AudioFormat(String id, String contentType, List<String> ffmpegOutput) {
        this.id = id;
        this.contentType = contentType;
        this.ffmpegOutput = ffmpegOutput;
    }

    /** The name in requests and the file extension. */
    public String id() {
        return id;
    }

    public String contentType() {
        return contentType;
    }

    /** FFmpeg's output options for this format; WAV is raw PCM from FFmpeg, its header written here. */
    List<String> ffmpegOutput() {
        return ffmpegOutput;
    }

    /** The sample rate of this format's audio made from audio at {@code engineRate}. */
    public int outputRate(int engineRate) {
        return this == OPUS || this == PCM ? FIXED_RATE : engineRate;
    }

    public static Optional<AudioFormat> fromId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    /** The accepted names, comma separated, for error messages and docs. */
    public static String ids() {
        return Arrays.stream(values()).map(AudioFormat::id).collect(Collectors.joining(", "));
    }
}
