package dev.voicefarm.bench.overhead;

import java.util.Map;

/** CPU milliseconds per job each process spent during one flood run of one path. */
public record CpuPerJob(String path, Map<String, Double> msPerJob) {
}
