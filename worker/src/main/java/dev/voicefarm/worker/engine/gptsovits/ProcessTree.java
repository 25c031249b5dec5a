package dev.voicefarm.worker.engine.gptsovits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A process with its descendants (api_v2 may start FFmpeg, and Python libraries start helpers): its
 * memory is theirs together, and stopping it stops them all, so no orphan keeps GPU memory or a port.
 */
final class ProcessTree {

    private ProcessTree() {
    }

    /**
     * Resident memory of the process and its descendants in KiB, from {@code /proc/<pid>/status}
     * ({@code VmRSS}); -1 where there is no {@code /proc} (macOS), so memory recycling is off there.
     */
    static long rssKb(ProcessHandle root) {
        long total = 0;
        boolean measured = false;
        for (ProcessHandle handle : withDescendants(root).toList()) {
            long kb = vmRssKb(handle.pid());
            if (kb >= 0) {
                total += kb;
                measured = true;
            }
        }
        return measured ? total : -1;
    }

    private static long vmRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone meanwhile, or no /proc
        }
        return -1;
    }

    /**
     * Asks the process and its descendants to end (SIGTERM), waits up to {@code grace}, then kills
     * what is left (SIGKILL) and waits for it to be gone, so its port is free when this returns.
     */
    static void destroy(ProcessHandle root, Duration grace) throws InterruptedException {
        // Listed before anything ends: a child whose parent died is re-parented and no longer a descendant.
        List<ProcessHandle> all = withDescendants(root).toList();
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : all) {
            awaitExit(handle, Math.max(0, deadline - System.nanoTime()));
        }
        for (ProcessHandle handle : all) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
                awaitExit(handle, TimeUnit.SECONDS.toNanos(5));
            }
        }
    }

    private static void awaitExit(ProcessHandle handle, long nanos) throws InterruptedException {
        try {
            handle.onExit().get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // still alive: the caller kills it
        }
    }

    static Stream<ProcessHandle> withDescendants(ProcessHandle root) {
        return Stream.concat(Stream.of(root), root.descendants());
    }
}
