package dev.voicefarm.common.audio;

import dev.voicefarm.common.io.TempFolders;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Encodes 16-bit mono PCM into the {@link AudioFormat}s with FFmpeg (Debian's build: LAME for MP3,
 * libopus in Ogg, FFmpeg's own AAC and FLAC encoders) run as a child process, and changes the speed
 * with FFmpeg's {@code atempo} filter, which keeps the pitch. WAV and raw PCM at normal speed need no
 * encoder and are written here. Why FFmpeg: docs/decisions/2026-12-01-ffmpeg-for-audio-formats.md.
 */
public final class AudioEncoder {

    /** OpenAI's range for {@code speed}. */
    public static final double MIN_SPEED = 0.25;
    public static final double MAX_SPEED = 4.0;
    private static final long TIMEOUT_SECONDS = 120;
    private static final double ATEMPO_MIN = 0.5;

    private final String ffmpeg;

    /** @param ffmpeg the FFmpeg executable, a path or a name on the PATH */
    public AudioEncoder(String ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /** The whole audio in the format, at {@code speed} times its tempo. */
    public EncodedAudio encode(Wav pcm, AudioFormat format, double speed) throws InterruptedException {
        int rate = format.outputRate(pcm.sampleRate());
        if (!needsFfmpeg(format, speed)) {
            Wav out = pcm.toMono16(rate);
            return new EncodedAudio(format, format == AudioFormat.WAV ? out.toBytes() : out.pcm(), out.durationSeconds(), rate);
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("voicefarm-encode");
            Path output = dir.resolve("out." + format.id());
            Path errors = dir.resolve("ffmpeg.log");
            Process process = new ProcessBuilder(command(pcm.sampleRate(), format, speed, output.toString()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errors.toFile()).start();
            try {
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write(pcm.pcm());
                }
                finish(process, errors);
            } finally {
                process.destroyForcibly();
            }
            byte[] bytes = Files.readAllBytes(output);
            if (format == AudioFormat.WAV || format == AudioFormat.PCM) {
                Wav out = new Wav(rate, 1, 16, bytes);
                return new EncodedAudio(format, format == AudioFormat.WAV ? out.toBytes() : bytes, out.durationSeconds(), rate);
            }
            return new EncodedAudio(format, bytes, pcm.durationSeconds() / speed, rate);
        } catch (IOException e) {
            throw new EncodingException("FFmpeg failed to encode " + format.id() + ": " + e.getMessage());
        } finally {
            TempFolders.deleteQuietly(dir);
        }
    }

    /**
     * Starts a live encoding: PCM at {@code engineRate} goes in sentence by sentence, and the
     * format's bytes come out on {@code out} as soon as the encoder makes them.
     */
    public Live live(int engineRate, AudioFormat format, double speed, OutputStream out) throws IOException {
        int rate = format.outputRate(engineRate);
        if (format == AudioFormat.WAV) {
            out.write(Wav.streamingHeader(rate));
            out.flush();
        }
        if (!needsFfmpeg(format, speed)) {
            return new Live(null, out, rate);
        }
        Process process = new ProcessBuilder(command(engineRate, format, speed, "pipe:1"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Live live = new Live(process, out, rate);
        live.copier.start();
        return live;
    }

    /** WAV and PCM at normal speed are only a resampling (when the rate differs), done in Java. */
    private static boolean needsFfmpeg(AudioFormat format, double speed) {
        return speed != 1.0 || format != AudioFormat.WAV && format != AudioFormat.PCM;
    }

    private List<String> command(int inputRate, AudioFormat format, double speed, String output) {
        List<String> command = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error",
                "-f", "s16le", "-ar", Integer.toString(inputRate), "-ac", "1", "-i", "pipe:0"));
        if (speed != 1.0) {
            command.addAll(List.of("-af", tempoFilter(speed)));
        }
        command.addAll(List.of("-ar", Integer.toString(format.outputRate(inputRate)), "-ac", "1"));
        command.addAll(format.ffmpegOutput());
        command.addAll(List.of("-flush_packets", "1", "-y", output));
        return command;
    }

    /** {@code atempo} takes 0.5 to 100 per stage: slower than half speed is two stages. */
    static String tempoFilter(double speed) {
        List<String> stages = new ArrayList<>();
        double rest = speed;
        while (rest < ATEMPO_MIN) {
            stages.add("atempo=" + ATEMPO_MIN);
            rest /= ATEMPO_MIN;
        }
        stages.add(String.format(Locale.ROOT, "atempo=%.6f", rest));
        return String.join(",", stages);
    }

    /** Waits for FFmpeg to end; a timeout or a failure exit is an {@link EncodingException} with its log. */
    static void finish(Process process, Path errors) throws InterruptedException, IOException {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new EncodingException("FFmpeg took longer than " + TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            String log = errors == null ? "" : Files.readString(errors).strip();
            throw new EncodingException("FFmpeg exited with " + process.exitValue() + (log.isEmpty() ? "" : ": " + log));
        }
    }

    /** One live encoding; {@link #close} ends it, finished or not. Not thread-safe. */
    public final class Live implements AutoCloseable {

        private final Process process;
        private final Thread copier;
        private final OutputStream out;
        private final int rate;
        private volatile IOException outputFailure;

        private Live(Process process, OutputStream out, int rate) {
            this.process = process;
            this.out = out;
            this.rate = rate;
            this.copier = process == null ? null : new Thread(this::copyOutput, "encoder-output");
            if (copier != null) {
                copier.setDaemon(true);
            }
        }

        /**
         * Forwards the encoder's output. When the reader is gone (a client hung up) the encoder is
         * stopped, so a write of more input fails instead of blocking on a full pipe.
         */
        private void copyOutput() {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = process.getInputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                outputFailure = e;
                process.destroyForcibly();
            }
        }

        /** Sends the next stretch of audio, at the engine rate this encoding was started with. */
        public void write(Wav pcm) throws IOException {
            if (process == null) {
                out.write(pcm.toMono16(rate).pcm());
                out.flush();
            } else {
                process.getOutputStream().write(pcm.pcm());
                process.getOutputStream().flush();
            }
        }

        /** Ends the input and waits until every encoded byte is out. */
        public void finish() throws IOException, InterruptedException {
            if (process == null) {
                return;
            }
            process.getOutputStream().close();
            copier.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
            if (outputFailure != null) {
                throw outputFailure;
            }
            AudioEncoder.finish(process, null);
        }

        @Override
        public void close() {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }

    /** FFmpeg could not encode; not the input's fault, so worth another try. */
    public static final class EncodingException extends RuntimeException {
        EncodingException(String message) {
            super(message);
        }
    }
}
