package dev.voicefarm.worker.hardware;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** This machine: runs the vendor tools with a timeout and reads the kernel's view of it. */
public final class LiveProbeSource implements ProbeSource {

    private static final long TOOL_TIMEOUT_SECONDS = 10;
    private static final Path KFD_NODES = Path.of("/sys/class/kfd/kfd/topology/nodes");

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public Output run(ProbeCommand command) {
        Process process;
        try {
            process = new ProcessBuilder(command.commandLine()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return Output.failed(command.commandLine().get(0) + " is not installed");
        }
        try (InputStream out = process.getInputStream()) {
            CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            if (!process.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                return Output.failed(command.commandLine().get(0) + " did not answer within " + TOOL_TIMEOUT_SECONDS + " s");
            }
            String text = new String(stdout.get(), StandardCharsets.UTF_8);
            return process.exitValue() == 0
                    ? Output.of(text)
                    : Output.failed(command.commandLine().get(0) + " exited with " + process.exitValue());
        } catch (Exception e) {
            return Output.failed(command.commandLine().get(0) + " failed: " + e.getMessage());
        } finally {
            process.destroyForcibly();
        }
    }

    @Override
    public List<String> kfdNodes() {
        if (!Files.isDirectory(KFD_NODES)) {
            return List.of();
        }
        List<String> nodes = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(KFD_NODES)) {
            for (Path dir : dirs.sorted().toList()) {
                Path properties = dir.resolve("properties");
                if (Files.isReadable(properties)) {
                    nodes.add(Files.readString(properties));
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return nodes;
    }

    @Override
    public Properties system() {
        Properties system = new Properties();
        system.setProperty("os.name", System.getProperty("os.name"));
        system.setProperty("os.arch", System.getProperty("os.arch"));
        system.setProperty("cpu.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        system.setProperty("cpu.model", cpuModel());
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            system.setProperty("memory.mb", Long.toString(os.getTotalMemorySize() / (1024 * 1024)));
        }
        return system;
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse(System.getProperty("os.arch"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return System.getProperty("os.arch");
        }
    }
}
