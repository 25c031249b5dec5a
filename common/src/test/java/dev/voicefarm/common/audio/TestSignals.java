package dev.voicefarm.common.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;

/** Signals for audio tests, and FFmpeg as the independent judge of what the farm's audio is. */
final class TestSignals {

    private TestSignals() {
    }

    /** Speech-like: a 150 Hz buzz with harmonics, syllable-rate amplitude, pauses and a little noise. */
    static Wav voiceLike(int rate, double seconds, double amplitude) {
        Random random = new Random(7);
        int frames = (int) (rate * seconds);
        ByteBuffer pcm = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            double t = (double) i / rate;
            double syllables = Math.max(0, Math.sin(2 * Math.PI * 4 * t));
            double buzz = 0;
            for (int h = 1; h <= 8; h++) {
                buzz += Math.sin(2 * Math.PI * 150 * h * t) / h;
            }
            double sample = amplitude * (syllables * buzz / 2.7 + 0.01 * random.nextGaussian());
            pcm.putShort((short) Math.max(-32768, Math.min(32767, Math.round(sample * 32767))));
        }
        return new Wav(rate, 1, 16, pcm.array());
    }

    /** FFmpeg's decoding of a file: 16-bit mono at its own rate. */
    static Wav decode(byte[] file, int rate) throws IOException, InterruptedException {
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-i", "pipe:0",
                "-f", "s16le", "-ac", "1", "-ar", Integer.toString(rate), "pipe:1")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread feeder = new Thread(() -> {
            try (var in = ffmpeg.getOutputStream()) {
                in.write(file);
            } catch (IOException ignored) {
                // FFmpeg stopped reading: its exit status says why
            }
        });
        feeder.start();
        byte[] pcm = ffmpeg.getInputStream().readAllBytes();
        feeder.join();
        if (ffmpeg.waitFor() != 0) {
            throw new IOException("FFmpeg could not decode the file");
        }
        return new Wav(rate, 1, 16, pcm);
    }

    /** FFmpeg's own EBU R128 integrated loudness of a WAV file, in LUFS. */
    static double ffmpegLoudness(Wav wav) throws IOException, InterruptedException {
        Process ffmpeg = new ProcessBuilder(List.of("ffmpeg", "-hide_banner", "-nostats", "-i", "pipe:0",
                "-af", "ebur128", "-f", "null", "-")).redirectErrorStream(true).start();
        try (var in = ffmpeg.getOutputStream()) {
            in.write(wav.toBytes());
        }
        String log = new String(ffmpeg.getInputStream().readAllBytes());
        ffmpeg.waitFor();
        int summary = log.lastIndexOf("Integrated loudness:");
        String line = log.substring(log.indexOf("I:", summary) + 2).strip();
        return Double.parseDouble(line.substring(0, line.indexOf(' ')));
    }
}
