package dev.voicefarm.bench.overhead;

import java.util.Map;

/**
 * CPU milliseconds per job each process spent during one flood run of one path, and of that the
 * part its JIT compiler threads spent (JVMs only): code still being compiled is warm-up, not the
 * path's cost.
 */
public record CpuPerJob(String path, Map<String, Double> msPerJob, Map<String, Double> jitMsPerJob) {
}
