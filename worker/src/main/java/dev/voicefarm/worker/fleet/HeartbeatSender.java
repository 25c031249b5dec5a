package dev.voicefarm.worker.fleet;

import dev.voicefarm.common.fleet.ClassDecision;
import dev.voicefarm.common.fleet.Heartbeat;
import dev.voicefarm.common.fleet.HardwareProfile;
import dev.voicefarm.worker.engine.VoiceEngine;
import java.time.Duration;
import java.util.List;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/** Sends this worker's profile, class, load, engines and held voices every interval, and a last "leaving" on stop. */
public final class HeartbeatSender implements AutoCloseable {

    private final String workerId;
    private final HardwareProfile profile;
    private final ClassDecision decision;
    private final WorkerLoad load;
    private final LongSupplier deviceMemoryUsedMb;
    private final List<VoiceEngine> engines;
    private final Duration interval;
    private final Consumer<Heartbeat> sink;
    private final Instant startedAt = Instant.now();
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "heartbeat"));

    public HeartbeatSender(String workerId, HardwareProfile profile, ClassDecision decision, WorkerLoad load,
                           LongSupplier deviceMemoryUsedMb, List<VoiceEngine> engines, Duration interval,
                           Consumer<Heartbeat> sink) {
        this.engines = List.copyOf(engines);
        this.workerId = workerId;
        this.profile = profile;
        this.decision = decision;
        this.load = load;
        this.deviceMemoryUsedMb = deviceMemoryUsedMb;
        this.interval = interval;
        this.sink = sink;
    }

    public void start() {
        timer.scheduleAtFixedRate(() -> sink.accept(heartbeat(false)), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    Heartbeat heartbeat(boolean leaving) {
        int running = load.running();
        return new Heartbeat(workerId, decision.hardwareClass(), decision.device(), decision.reason(), profile,
                decision.limits(), running, Math.max(0, decision.limits().slots() - running),
                deviceMemoryUsedMb.getAsLong(), startedAt, Instant.now(), interval, leaving,
                engines.stream().map(VoiceEngine::status).toList(),
                engines.stream().flatMap(e -> e.heldVoices().stream()).toList(),
                engines.stream().mapToLong(VoiceEngine::voiceLoads).sum());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        sink.accept(heartbeat(true));
    }
}
