package dev.voicefarm.common.kafka;

import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.fleet.WorkerLimits;
import dev.voicefarm.common.jobs.JobKind;
import java.util.List;

/** Topic and group names. One job topic per (kind × class); one share group per class. */
public final class Topics {

    /** Lifecycle events of every job, keyed by job id: the log of record. */
    public static final String EVENTS = "farm.events";

    /** Worker heartbeats, keyed by worker id: profile, class and load. */
    public static final String HEARTBEATS = "farm.heartbeats";

    /** Jobs that spent their budget ({@link dev.voicefarm.common.jobs.DeadLetter}), keyed by job id. */
    public static final String DEAD_LETTERS = "farm.dlq";

    private Topics() {
    }

    /** {@code farm.<kind>.<class>}, for example {@code farm.synthesis.cpu}. */
    public static String jobs(JobKind kind, HardwareClass hardwareClass) {
        return "farm." + kind.id() + "." + hardwareClass.id();
    }

    /** Every job topic of this class. */
    public static List<String> jobTopics(HardwareClass hardwareClass) {
        return List.of(jobs(JobKind.SYNTHESIS, hardwareClass), jobs(JobKind.TRAINING, hardwareClass));
    }

    /**
     * The job topics a worker consumes: only the kinds it can run, so a worker that may not train
     * (too little GPU memory) never takes a training job from its class's queue.
     */
    public static List<String> consumedTopics(HardwareClass hardwareClass, WorkerLimits limits) {
        return limits.trainingAllowed() ? jobTopics(hardwareClass) : List.of(jobs(JobKind.SYNTHESIS, hardwareClass));
    }

    /** The share group whose members split the work of one class. */
    public static String workerShareGroup(HardwareClass hardwareClass) {
        return "farm.workers." + hardwareClass.id();
    }
}
