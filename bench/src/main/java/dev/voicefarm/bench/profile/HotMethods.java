package dev.voicefarm.bench.profile;

import dev.voicefarm.bench.ThreadCpu;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JVM spent its CPU, from the execution samples of a JFR recording: the methods on top of
 * the stack (self time), the methods of the packages asked for anywhere on it (time including
 * callees), and the threads (numbered pool members counted together: {@code worker-#}).
 */
public final class HotMethods {

    /** The farm's own code: what to read the inclusive figures for in the farm's processes. */
    public static final List<String> FARM_PACKAGES = List.of("dev.voicefarm.");

    public record Entry(String name, long samples, double share) {
    }

    public record Profile(long samples, List<Entry> self, List<Entry> inclusive, List<Entry> threads) {
    }

    private HotMethods() {
    }

    public static Profile of(Path recording, int top) throws IOException {
        return of(recording, top, FARM_PACKAGES);
    }

    public static Profile of(Path recording, int top, List<String> inclusivePackages) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        long samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                if (frames.isEmpty()) {
                    continue;
                }
                samples++;
                self.merge(name(frames.get(0)), 1L, Long::sum);
                threads.merge(pool(event.getThread("sampledThread")), 1L, Long::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    String method = name(frame);
                    if (inclusivePackages.stream().anyMatch(method::startsWith) && seen.add(method)) {
                        inclusive.merge(method, 1L, Long::sum);
                    }
                }
            }
        }
        return new Profile(samples, top(self, samples, top), top(inclusive, samples, top), top(threads, samples, top));
    }

    private static List<Entry> top(Map<String, Long> counts, long samples, int top) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(top)
                .map(e -> new Entry(e.getKey(), e.getValue(), (double) e.getValue() / samples))
                .toList();
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String pool(RecordedThread thread) {
        if (thread == null) {
            return "(unknown)";
        }
        String name = thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
        return name == null ? "(unknown)" : ThreadCpu.pool(name);
    }
}
