package dev.voicefarm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of each thread of another process, from /proc/PID/task (Linux), threads of a pool
 * counted together ({@code GC Thread#0} and {@code GC Thread#1} as {@code GC Thread##}). Unlike
 * JFR's execution samples, this sees the JVM's own native threads too: the JIT compilers, the
 * garbage collector, the VM thread. Threads alive at the second read count (one started since, from
 * zero); one that ended in between took its time with it (the process's total, {@link ProcessStats},
 * still has it), so the figures are lower bounds: HotSpot starts and stops extra compiler threads
 * as its queue grows. Linux keeps 15 characters of a name, so pools whose names share them count
 * together (Kafka's request handlers and network threads are both {@code data-plane-kafk}).
 */
public final class ThreadCpu {

    private static final double TICKS_PER_SECOND = 100;

    private final long pid;
    private final Map<Long, Long> ticksAtMark;

    public ThreadCpu(long pid) {
        this.pid = pid;
        this.ticksAtMark = new HashMap<>();
        read().forEach((tid, sample) -> ticksAtMark.put(tid, sample.ticks()));
    }

    /** CPU seconds per thread pool since this was made; threads started since count from zero. */
    public Map<String, Double> secondsSinceMark() {
        Map<String, Double> seconds = new HashMap<>();
        read().forEach((tid, sample) -> seconds.merge(sample.pool(),
                (sample.ticks() - ticksAtMark.getOrDefault(tid, 0L)) / TICKS_PER_SECOND, Double::sum));
        return seconds;
    }

    /** A thread's pool: its name with every number as {@code #}, so a pool's members count together. */
    public static String pool(String threadName) {
        return threadName.replaceAll("\\d+", "#");
    }

    /** CPU seconds the JIT compilers (C1 and C2 threads) spent since this was made. */
    public double compilerSecondsSinceMark() {
        return secondsSinceMark().entrySet().stream()
                .filter(e -> isJitCompiler(e.getKey()))
                .mapToDouble(Map.Entry::getValue)
                .sum();
    }

    /** HotSpot's compiler threads, as Linux names them (15 characters): {@code C2 CompilerThre}. */
    public static boolean isJitCompiler(String pool) {
        return pool.startsWith("C# CompilerThre");
    }

    private record Sample(String pool, long ticks) {
    }

    private Map<Long, Sample> read() {
        Map<Long, Sample> samples = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    samples.put(Long.parseLong(task.getFileName().toString()), new Sample(pool(name), ticks));
                } catch (IOException e) {
                    // The thread ended between the listing and the read: its time is gone with it.
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("process " + pid + " is gone: " + e.getMessage(), e);
        }
        return samples;
    }
}
