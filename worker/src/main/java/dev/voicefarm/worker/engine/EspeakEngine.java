package dev.voicefarm.worker.engine;

import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.jobs.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The base voice: eSpeak NG as a child process. The text goes in on stdin (never as an argument,
 * so no text can be taken for an option) and the WAV comes back on stdout.
 */
public final class EspeakEngine implements SynthesisEngine {

    private static final long TIMEOUT_SECONDS = 120;
    /** Below one 16-bit step of energy: what eSpeak NG writes for text made only of punctuation. */
    private static final double SILENCE_RMS = 1.0 / 32768;

    private final String executable;

    public EspeakEngine(String executable) {
        this.executable = executable;
    }

    /** eSpeak NG's defaults: pitch 50 (of 0–99), 175 words a minute. */
    public static final int DEFAULT_PITCH = 50;
    public static final int DEFAULT_SPEED = 175;

    @Override
    public Wav synthesize(String text, Language language) throws InterruptedException {
        return render(text, language, DEFAULT_PITCH, DEFAULT_SPEED);
    }

    /** The base voice at another pitch (0–99) and speed (words a minute), as a fitted voice asks. */
    public Wav render(String text, Language language, int pitch, int speed) throws InterruptedException {
        List<String> command = List.of(executable, "-v", language.espeakVoice(), "-p", Integer.toString(pitch),
                "-s", Integer.toString(speed), "-b", "1", "--stdin", "--stdout");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new EngineException("cannot start " + executable + ": " + e.getMessage(), false);
        }
        try {
            CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(text.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new EngineException("eSpeak NG took longer than " + TIMEOUT_SECONDS + " s", false);
            }
            byte[] wav = stdout.get();
            if (process.exitValue() != 0) {
                throw new EngineException("eSpeak NG exited with " + process.exitValue(), false);
            }
            return decode(wav, language);
        } catch (IOException e) {
            throw new EngineException("eSpeak NG I/O failed: " + e.getMessage(), false);
        } catch (ExecutionException e) {
            throw new EngineException("reading eSpeak NG output failed: " + e.getCause().getMessage(), false);
        } finally {
            process.destroyForcibly();
        }
    }

    private static Wav decode(byte[] bytes, Language language) {
        if (bytes.length == 0) {
            throw new EngineException("eSpeak NG produced no audio for voice " + language.espeakVoice(), true);
        }
        try {
            Wav wav = Wav.parse(bytes);
            if (wav.rms() < SILENCE_RMS) {
                throw new EngineException("the text has nothing eSpeak NG can speak in " + language.code(), true);
            }
            return wav;
        } catch (IllegalArgumentException e) {
            throw new EngineException("eSpeak NG output is not a WAV file: " + e.getMessage(), false);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
