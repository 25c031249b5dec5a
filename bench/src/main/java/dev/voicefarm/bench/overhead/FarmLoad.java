package dev.voicefarm.bench.overhead;

import dev.voicefarm.bench.Target;
import java.util.Collection;

/**
 * Runs jobs through the farm as {@link OverheadBenchmark} does (floods and paced runs), for the
 * benchmarks that watch it from outside, and tells where each job's time went.
 */
public final class FarmLoad implements AutoCloseable {

    /** At most this many jobs await acceptance in a flood (the overhead benchmark's window). */
    public static final int WINDOW = OverheadBenchmark.WINDOW;

    private final FarmPath path;

    public FarmLoad(Target target) {
        this.path = new FarmPath(target, true);
    }

    /** Runs {@code jobs} jobs with at most the overhead benchmark's window awaiting acceptance. */
    public StepResult run(int jobs) throws InterruptedException {
        path.takePhases();
        return StepRunner.run(path, jobs, 0, WINDOW);
    }

    /** Runs {@code jobs} jobs open loop at {@code rate} a second, as the overhead benchmark's paced steps. */
    public StepResult paced(int jobs, double rate) throws InterruptedException {
        path.takePhases();
        return StepRunner.run(path, jobs, rate, Integer.MAX_VALUE);
    }

    /** Where the time of each job of the last run went (the jobs whose every step was seen). */
    public Collection<JobPhases> phasesOfLastRun() {
        return path.takePhases().values();
    }

    @Override
    public void close() {
        path.close();
    }
}
