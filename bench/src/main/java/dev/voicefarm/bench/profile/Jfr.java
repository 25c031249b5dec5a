package dev.voicefarm.bench.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Java Flight Recorder on another JVM, through jcmd from the same JDK as that JVM. */
public final class Jfr {

    private static final String NAME = "bench";

    private Jfr() {
    }

    /** Records for {@code duration}, then the JVM writes {@code file} itself: wait with {@link #awaitFile}. */
    public static void start(long pid, Path file, Duration duration, String settings) throws IOException, InterruptedException {
        Files.deleteIfExists(file);
        jcmd(pid, "JFR.start", "name=" + NAME, "settings=" + settings, "duration=" + duration.toSeconds() + "s",
                "filename=" + file.toAbsolutePath());
    }

    /**
     * Records until {@link #stop} or {@link #discard}. The first recording of a JVM instruments JDK
     * classes (file and socket events), which throws away the JIT's code that inlined them: start one
     * and discard it before the measured window, so the recompilation falls outside that window.
     */
    public static void start(long pid, String name, String settings) throws IOException, InterruptedException {
        jcmd(pid, "JFR.start", "name=" + name, "settings=" + settings);
    }

    /** Ends a recording begun by {@link #start(long, String, String)} and writes it to {@code file}. */
    public static void stop(long pid, String name, Path file) throws IOException, InterruptedException {
        Files.deleteIfExists(file);
        jcmd(pid, "JFR.stop", "name=" + name, "filename=" + file.toAbsolutePath());
    }

    /** Ends a recording begun by {@link #start(long, String, String)} without writing it. */
    public static void discard(long pid, String name) throws IOException, InterruptedException {
        jcmd(pid, "JFR.stop", "name=" + name);
    }

    public static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.isRegularFile(file) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
        TimeUnit.SECONDS.sleep(1); // the JVM finishes writing after the file appears
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.of(pid).flatMap(p -> p.info().command())
                .orElseThrow(() -> new IllegalStateException("no command line for pid " + pid)));
        List<String> line = new ArrayList<>(List.of(java.resolveSibling("jcmd").toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        if (jcmd.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + output);
        }
    }
}
