package dev.voicefarm.common.testing;

import dev.voicefarm.common.audio.Wav;
import java.io.IOException;
import java.util.List;

/** FFmpeg as the independent judge of the farm's audio in tests: it decodes and measures. */
public final class Ffmpeg {

    private Ffmpeg() {
    }

    /** FFmpeg's decoding of an audio file in any format it reads: 16-bit mono at {@code rate}. */
    public static Wav decode(byte[] file, int rate) throws IOException, InterruptedException {
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

    /** FFmpeg's own EBU R128 integrated loudness of the audio, in LUFS. */
    public static double loudness(Wav wav) throws IOException, InterruptedException {
        return ebur128(wav, "Integrated loudness:", "I:");
    }

    /** FFmpeg's true peak of the audio, in dBTP. */
    public static double truePeak(Wav wav) throws IOException, InterruptedException {
        return ebur128(wav, "True peak:", "Peak:");
    }

    private static double ebur128(Wav wav, String section, String label) throws IOException, InterruptedException {
        Process ffmpeg = new ProcessBuilder(List.of("ffmpeg", "-hide_banner", "-nostats", "-i", "pipe:0",
                "-af", "ebur128=peak=true", "-f", "null", "-")).redirectErrorStream(true).start();
        Thread feeder = new Thread(() -> {
            try (var in = ffmpeg.getOutputStream()) {
                in.write(wav.toBytes());
            } catch (IOException ignored) {
                // FFmpeg stopped reading: its output says why
            }
        });
        feeder.start();
        String log = new String(ffmpeg.getInputStream().readAllBytes());
        feeder.join();
        ffmpeg.waitFor();
        int summary = log.lastIndexOf(section);
        if (summary < 0) {
            throw new IOException("FFmpeg's ebur128 printed no '" + section + "': " + log);
        }
        String line = log.substring(log.indexOf(label, summary) + label.length()).strip();
        return Double.parseDouble(line.substring(0, line.indexOf(' ')));
    }
}
