package dev.voicefarm.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** The machine a run happened on, as the results file describes it. */
public record Machine(String cpu, int cores, String memory, String os, String java, String commit, String date) {

    public static Machine current(String commit) throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip())
                .findFirst().orElse("unknown CPU");
        long memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(l -> l.startsWith("MemTotal:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                .findFirst().orElse(0);
        return new Machine(cpu, Runtime.getRuntime().availableProcessors(), String.format("%.0f GiB", memKb / 1048576.0),
                osRelease() + ", Linux " + System.getProperty("os.version"),
                "Java " + System.getProperty("java.version"), commit, LocalDate.now().toString());
    }

    private static String osRelease() throws IOException {
        Path release = Path.of("/etc/os-release");
        if (!Files.exists(release)) {
            return System.getProperty("os.name");
        }
        return Files.readAllLines(release).stream()
                .filter(l -> l.startsWith("PRETTY_NAME="))
                .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", ""))
                .findFirst().orElse(System.getProperty("os.name"));
    }
}
