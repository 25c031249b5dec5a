package dev.voicefarm.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CPU the processes of a job path spend over one window, from /proc: each process's total,
 * and for the JVMs each thread pool's (their JIT compilers among them). Made at the window's start.
 */
public final class PathCpu {

    private final Map<String, ProcessStats> processes = new LinkedHashMap<>();
    private final Map<String, ThreadCpu> jvmThreads = new LinkedHashMap<>();

    /** @param pids the path's processes by name; {@link Target#isJvm} tells which have JVM threads */
    public PathCpu(Map<String, Long> pids) {
        pids.forEach((process, pid) -> {
            processes.put(process, new ProcessStats(pid));
            if (Target.isJvm(process)) {
                jvmThreads.put(process, new ThreadCpu(pid));
            }
        });
    }

    /** CPU milliseconds per job of each process since the start. */
    public Map<String, Double> msPerJob(int jobs) {
        Map<String, Double> ms = new LinkedHashMap<>();
        processes.forEach((process, stats) -> ms.put(process, stats.cpuSecondsSinceMark() * 1000 / jobs));
        return ms;
    }

    /** Of that, the JIT compilers' milliseconds per job, for each JVM. */
    public Map<String, Double> jitMsPerJob(int jobs) {
        Map<String, Double> ms = new LinkedHashMap<>();
        jvmThreads.forEach((process, threads) -> ms.put(process, threads.compilerSecondsSinceMark() * 1000 / jobs));
        return ms;
    }

    /** CPU seconds of each thread pool of one JVM since the start. */
    public Map<String, Double> threadSeconds(String process) {
        return jvmThreads.get(process).secondsSinceMark();
    }
}
