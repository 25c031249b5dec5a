package dev.voicefarm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of another process on this machine, from /proc (Linux). CPU is
 * reported as a share of one core: 1.0 means one core busy all the time.
 */
public final class ProcessStats {

    /** USER_HZ: the unit of utime and stime in /proc/<pid>/stat; 100 on every Linux build that matters. */
    private static final double TICKS_PER_SECOND = 100;

    private final long pid;
    private long ticksAtMark;
    private long nanosAtMark;

    public ProcessStats(long pid) {
        this.pid = pid;
        mark();
    }

    /** Starts a measurement window. */
    public void mark() {
        ticksAtMark = cpuTicks();
        nanosAtMark = System.nanoTime();
    }

    /** CPU seconds used since {@link #mark()}. */
    public double cpuSecondsSinceMark() {
        return (cpuTicks() - ticksAtMark) / TICKS_PER_SECOND;
    }

    /** Cores used on average since {@link #mark()}. */
    public double coresSinceMark() {
        double seconds = (System.nanoTime() - nanosAtMark) / 1e9;
        return (cpuTicks() - ticksAtMark) / TICKS_PER_SECOND / seconds;
    }

    public long residentBytes() {
        for (String line : read("status").split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for pid " + pid);
    }

    private long cpuTicks() {
        String stat = read("stat");
        // Fields after the command name, which is in parentheses and may contain spaces.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private String read(String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), file));
        } catch (IOException e) {
            throw new IllegalStateException("process " + pid + " is gone: " + e.getMessage(), e);
        }
    }
}
