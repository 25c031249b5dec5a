package dev.voicefarm.common.fleet;

import java.util.List;

/** What the routing table counts of one live worker. */
public record WorkerCapacity(HardwareClass hardwareClass, int slots, int freeSlots, double maxVramGb,
                             boolean trainingAllowed) {

    public static WorkerCapacity of(Heartbeat heartbeat) {
        return new WorkerCapacity(heartbeat.hardwareClass(), heartbeat.limits().slots(), heartbeat.freeSlots(),
                maxVramGb(heartbeat.profile().gpus()), heartbeat.limits().trainingAllowed());
    }

    static double maxVramGb(List<Gpu> gpus) {
        return gpus == null ? 0 : gpus.stream().mapToDouble(Gpu::vramTotalGb).max().orElse(0);
    }
}
