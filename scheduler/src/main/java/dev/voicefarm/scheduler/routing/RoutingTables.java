package dev.voicefarm.scheduler.routing;

import dev.voicefarm.common.fleet.ClassRoute;
import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.fleet.RoutingTable;
import dev.voicefarm.common.fleet.WorkerCapacity;
import dev.voicefarm.common.state.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** Computes the routing table from the live fleet, the backlogs, how long their oldest jobs waited and the job times. Pure. */
public final class RoutingTables {

    private RoutingTables() {
    }

    public static RoutingTable compute(Instant now, List<WorkerCapacity> live, Function<HardwareClass, JobStore.Waiting> waitingFor,
                                       ToDoubleFunction<HardwareClass> meanJobSeconds) {
        List<ClassRoute> routes = new ArrayList<>();
        for (HardwareClass hardwareClass : HardwareClass.values()) {
            List<WorkerCapacity> workers = live.stream().filter(w -> w.hardwareClass() == hardwareClass).toList();
            int totalSlots = workers.stream().mapToInt(WorkerCapacity::slots).sum();
            int freeSlots = workers.stream().mapToInt(WorkerCapacity::freeSlots).sum();
            double maxVramGb = workers.stream().mapToDouble(WorkerCapacity::vramGb).max().orElse(0);
            int training = (int) workers.stream().filter(WorkerCapacity::trainingAllowed).count();
            JobStore.Waiting queued = waitingFor.apply(hardwareClass);
            long waiting = queued.jobs();
            double mean = meanJobSeconds.applyAsDouble(hardwareClass);
            Double oldest = queued.since().map(since -> Math.max(0, Duration.between(since, now).toMillis() / 1000.0)).orElse(null);
            routes.add(new ClassRoute(hardwareClass, workers.size(), totalSlots, freeSlots,
                    maxVramGb, training, waiting, estimatedWait(workers.size(), totalSlots, freeSlots, waiting, mean),
                    workers, mean, oldest));
        }
        return new RoutingTable(now, routes);
    }

    /**
     * A new job starts at once when a slot is free beyond the backlog; otherwise it waits for the
     * backlog ahead of it to drain through every slot of the class. Unknown without workers.
     */
    static Double estimatedWait(int workers, int totalSlots, int freeSlots, long backlog, double meanJobSeconds) {
        if (workers == 0) {
            return null;
        }
        if (backlog < freeSlots) {
            return 0.0;
        }
        return (backlog - freeSlots + 1) * meanJobSeconds / Math.max(1, totalSlots);
    }
}
