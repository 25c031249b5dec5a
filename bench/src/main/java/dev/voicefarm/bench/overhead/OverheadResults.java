package dev.voicefarm.bench.overhead;

import dev.voicefarm.bench.Stats;
import java.util.List;

/** Every run of the overhead benchmark, and the medians the report and the goals use. */
public record OverheadResults(List<StepResult> runs, List<CpuPerJob> cpu, int wavBytes, int workerSlots,
                              int warmUpJobs) {

    /** Median CPU milliseconds per job of one process on one path, or NaN when it took no part. */
    public double cpuMsPerJob(String path, String process) {
        return Stats.median(cpu.stream()
                .filter(c -> c.path().equals(path) && c.msPerJob().containsKey(process))
                .mapToDouble(c -> c.msPerJob().get(process))
                .toArray());
    }

    /** Median JIT-compiler CPU milliseconds per job of one process on one path, or NaN when not a JVM of it. */
    public double jitMsPerJob(String path, String process) {
        return Stats.median(cpu.stream()
                .filter(c -> c.path().equals(path) && c.jitMsPerJob().containsKey(process))
                .mapToDouble(c -> c.jitMsPerJob().get(process))
                .toArray());
    }

    /** Every process measured, farm's first. */
    public List<String> processes() {
        return cpu.stream().flatMap(c -> c.msPerJob().keySet().stream()).distinct().toList();
    }

    /** Median over the repeats of one path at one offered rate (0: flood). */
    public StepResult median(String path, double offeredRate) {
        List<StepResult> same = runs.stream()
                .filter(r -> r.path().equals(path) && r.offeredRate() == offeredRate)
                .toList();
        return new StepResult(path, offeredRate, same.get(0).jobs(),
                (int) Stats.median(same, StepResult::finished),
                Stats.median(same, StepResult::throughput),
                Stats.median(same, StepResult::p50Ms),
                Stats.median(same, StepResult::p99Ms),
                same.stream().mapToInt(StepResult::lost).sum());
    }

    /** Each run's p99 of one path at one offered rate, in the order they ran: the spread the median hides. */
    public List<Double> p99s(String path, double offeredRate) {
        return runs.stream().filter(r -> r.path().equals(path) && r.offeredRate() == offeredRate)
                .map(StepResult::p99Ms).toList();
    }

    /** The paced rates, lowest first. */
    public List<Double> rates() {
        return runs.stream().map(StepResult::offeredRate).filter(r -> r > 0).distinct().sorted().toList();
    }

    /** Farm saturation throughput over raw saturation throughput. */
    public double throughputRatio() {
        return median("farm", 0).throughput() / median("raw", 0).throughput();
    }

    /** The paced rate nearest half the farm's saturation. */
    public double halfSaturationRate() {
        double half = median("farm", 0).throughput() / 2;
        return rates().stream().min((a, b) -> Double.compare(Math.abs(a - half), Math.abs(b - half))).orElseThrow();
    }
}
