package dev.voicefarm.worker.metrics;

import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.worker.engine.VoiceEngine;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * What a worker exports for Prometheus ({@code /q/metrics}): the memory in use on its compute
 * device (as its heartbeat reports it), its running jobs, and per engine family its voice cache's
 * hits and misses (a miss loads a voice: what affinity routing saves). Labels: class and family.
 */
public final class WorkerMetrics {

    private WorkerMetrics() {
    }

    public static void register(MeterRegistry registry, HardwareClass hardwareClass, LongSupplier deviceMemoryUsedMb,
                                IntSupplier runningJobs, List<VoiceEngine> engines) {
        Gauge.builder("voicefarm.worker.device.memory.used.bytes", () -> deviceMemoryUsedMb.getAsLong() * 1024.0 * 1024.0)
                .description("memory in use on the compute device: GPU memory on GPUs, the worker's heap on CPUs")
                .tag("class", hardwareClass.id())
                .register(registry);
        Gauge.builder("voicefarm.worker.running.jobs", runningJobs::getAsInt)
                .description("jobs this worker runs now")
                .tag("class", hardwareClass.id())
                .register(registry);
        for (VoiceEngine engine : engines) {
            FunctionCounter.builder("voicefarm.worker.voice.cache", engine, VoiceEngine::voiceHits)
                    .description("jobs whose voice the worker held (hit) or had to load (miss)")
                    .tags("family", engine.family().id(), "result", "hit")
                    .register(registry);
            FunctionCounter.builder("voicefarm.worker.voice.cache", engine, VoiceEngine::voiceLoads)
                    .description("jobs whose voice the worker held (hit) or had to load (miss)")
                    .tags("family", engine.family().id(), "result", "miss")
                    .register(registry);
        }
    }
}
