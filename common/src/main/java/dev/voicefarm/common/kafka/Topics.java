package dev.voicefarm.common.kafka;

import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.jobs.JobKind;
import java.util.List;

/** Topic and group names. One job topic per (kind × class); one share group per class. */
public final class Topics {

    /** Lifecycle events of every job, keyed by job id: the log of record. */
    public static final String EVENTS = "farm.events";

    /** Worker heartbeats, keyed by worker id: profile, class and load. */
    public static final String HEARTBEATS = "farm.heartbeats";

    private Topics() {
    }

    /** {@code farm.<kind>.<class>}, for example {@code farm.synthesis.cpu}. */
    public static String jobs(JobKind kind, HardwareClass hardwareClass) {
        return "farm." + kind.id() + "." + hardwareClass.id();
    }

    /** Every job topic a worker of this class consumes. */
    public static List<String> jobTopics(HardwareClass hardwareClass) {
        return List.of(jobs(JobKind.SYNTHESIS, hardwareClass), jobs(JobKind.TRAINING, hardwareClass));
    }

    /** The share group whose members split the work of one class. */
    public static String workerShareGroup(HardwareClass hardwareClass) {
        return "farm.workers." + hardwareClass.id();
    }
}
