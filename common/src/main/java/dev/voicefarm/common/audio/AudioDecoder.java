package dev.voicefarm.common.audio;

import dev.voicefarm.common.io.TempFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes audio files that clients send (a GPT-SoVITS voice's reference clip) to 16-bit mono PCM
 * with FFmpeg, run as a child process the way {@link AudioEncoder} runs it. The file is read only
 * with the demuxer of its extension and only through FFmpeg's {@code file} protocol: a file that
 * claims to be an MP3 is never probed as a playlist or any other format that could make FFmpeg
 * open other files or URLs. At most {@code maxSeconds} of audio are decoded, so a short file
 * that holds hours of audio costs no more than one that holds a minute.
 */
public final class AudioDecoder {

    /** FFmpeg's demuxer for each file extension this decoder reads. */
    private static final Map<String, String> DEMUXERS = Map.of(
            "wav", "wav", "mp3", "mp3", "flac", "flac", "ogg", "ogg", "m4a", "mov");

    private final String ffmpeg;

    /** @param ffmpeg the FFmpeg executable, a path or a name on the PATH */
    public AudioDecoder(String ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /**
     * The first audio stream of the file as 16-bit mono PCM at {@code rate}, cut after
     * {@code maxSeconds}.
     *
     * @param extension the file's format, as its extension names it ({@code mp3}, {@code m4a}, ...)
     * @throws DecodingException   when FFmpeg cannot read the file as audio of that format
     * @throws UncheckedIOException when FFmpeg cannot be run at all (not the file's fault)
     */
    public Wav decode(Path file, String extension, int rate, double maxSeconds) throws InterruptedException {
        String demuxer = DEMUXERS.get(extension.toLowerCase(Locale.ROOT));
        if (demuxer == null) {
            throw new IllegalArgumentException("no demuxer for '." + extension + "' files; read: " + DEMUXERS.keySet());
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("voicefarm-decode");
            Path output = dir.resolve("audio.pcm");
            Path errors = dir.resolve("ffmpeg.log");
            List<String> command = List.of(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error",
                    "-protocol_whitelist", "file", "-f", demuxer, "-i", file.toAbsolutePath().toString(),
                    "-map", "0:a:0", "-t", String.format(Locale.ROOT, "%.3f", maxSeconds),
                    "-f", "s16le", "-ac", "1", "-ar", Integer.toString(rate), "-y", output.toString());
            Process process;
            try {
                process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(errors.toFile()).start();
            } catch (IOException e) {
                throw new UncheckedIOException("FFmpeg could not be started", e);
            }
            try {
                AudioEncoder.finish(process, errors);
            } catch (AudioEncoder.EncodingException e) {
                throw new DecodingException(e.getMessage());
            } finally {
                process.destroyForcibly();
            }
            return new Wav(rate, 1, 16, pcm(output));
        } catch (IOException e) {
            throw new UncheckedIOException("could not decode through FFmpeg", e);
        } finally {
            TempFolders.deleteQuietly(dir);
        }
    }

    /** FFmpeg writes no file at all for an input without a single sample. */
    private static byte[] pcm(Path output) throws IOException {
        try {
            byte[] bytes = Files.readAllBytes(output);
            return bytes.length % 2 == 0 ? bytes : java.util.Arrays.copyOf(bytes, bytes.length - 1);
        } catch (NoSuchFileException e) {
            return new byte[0];
        }
    }

    /** FFmpeg could not read the file as audio of its format; the message is FFmpeg's (it names server paths). */
    public static final class DecodingException extends RuntimeException {
        DecodingException(String message) {
            super(message);
        }
    }
}
