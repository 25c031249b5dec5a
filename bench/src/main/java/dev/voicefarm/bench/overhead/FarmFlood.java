package dev.voicefarm.bench.overhead;

import dev.voicefarm.bench.Target;

/** Floods the farm with jobs as {@link OverheadBenchmark} does, for benchmarks that watch it from outside. */
public final class FarmFlood implements AutoCloseable {

    private final FarmPath path;

    public FarmFlood(Target target) {
        this.path = new FarmPath(target);
    }

    /** Runs {@code jobs} jobs with at most the overhead benchmark's window awaiting acceptance. */
    public StepResult run(int jobs) throws InterruptedException {
        return StepRunner.run(path, jobs, 0, OverheadBenchmark.WINDOW);
    }

    @Override
    public void close() {
        path.close();
    }
}
