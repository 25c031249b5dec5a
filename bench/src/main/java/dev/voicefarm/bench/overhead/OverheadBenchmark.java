package dev.voicefarm.bench.overhead;

import dev.voicefarm.common.jobs.AudioOutput;
import dev.voicefarm.bench.Stats;
import dev.voicefarm.bench.Target;
import dev.voicefarm.bench.PathCpu;
import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.common.jobs.SynthesisJob;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.storage.ObjectKeys;
import dev.voicefarm.worker.engine.NoopEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Farm overhead: the farm (worker on the no-op engine) against the raw Kafka + S3 + Redis path,
 * measured in the same run, interleaved run by run. First both flood (saturation throughput), then
 * both at fixed rates that are fractions of the farm's saturation.
 */
public final class OverheadBenchmark {

    /** Fractions of the farm's saturation throughput offered in the paced steps. */
    static final double[] LOAD_FRACTIONS = {0.25, 0.5, 0.75, 1.0};
    static final int WINDOW = 64;
    private static final double PACED_SECONDS = 6;
    /** This benchmark's own process: the farm's HTTP client, or the raw path's producer and consumers. */
    static final String CLIENT = "bench";
    private static final List<String> FARM_PROCESSES =
            List.of("gateway", "worker-0", "scheduler", "kafka", "s3", "redis", CLIENT);
    private static final List<String> RAW_PROCESSES = List.of("kafka", "s3", "redis", CLIENT);

    private final Target target;
    private final int repeats;
    private final int floodJobs;
    private final int warmUpJobs;

    /**
     * @param warmUpJobs jobs run each way before anything is measured. The JIT compilers of five JVMs
     *                   sharing two cores take thousands of jobs to settle; measured earlier, they are
     *                   most of the CPU a job seems to cost (bench/results/farm-profile.md, section 3).
     */
    public OverheadBenchmark(Target target, int repeats, int floodJobs, int warmUpJobs) {
        this.target = target;
        this.repeats = repeats;
        this.floodJobs = floodJobs;
        this.warmUpJobs = warmUpJobs;
    }

    public OverheadResults run() throws InterruptedException {
        byte[] wav = new NoopEngine().synthesize("", Language.EN).toBytes();
        String payload = Json.encode(new SynthesisJob(UUID.randomUUID().toString(), Target.TENANT,
                HardwareClass.CPU, 0, Instant.now(), "Benchmark sentence number 1000.", "en", null,
                "only class with a live worker", AudioOutput.DEFAULT, null, null));
        try (JobPath farm = new FarmPath(target, false); JobPath raw = new RawPath(target, wav, payload)) {
            log("warm-up: %d jobs each way", warmUpJobs);
            StepRunner.run(raw, warmUpJobs, 0, WINDOW);
            StepRunner.run(farm, warmUpJobs, 0, WINDOW);

            List<StepResult> runs = new ArrayList<>();
            List<CpuPerJob> cpu = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                runs.add(flood(raw, RAW_PROCESSES, cpu));
                runs.add(flood(farm, FARM_PROCESSES, cpu));
            }
            double saturation = Stats.median(runs.stream().filter(s -> s.path().equals("farm")).toList(),
                    StepResult::throughput);
            for (double fraction : LOAD_FRACTIONS) {
                double rate = Math.max(1, Math.round(saturation * fraction));
                int jobs = (int) Math.max(50, rate * PACED_SECONDS);
                for (int r = 0; r < repeats; r++) {
                    runs.add(logged(StepRunner.run(raw, jobs, rate, Integer.MAX_VALUE)));
                    runs.add(logged(StepRunner.run(farm, jobs, rate, Integer.MAX_VALUE)));
                }
            }
            return new OverheadResults(runs, cpu, wav.length, target.workerSlots(), warmUpJobs);
        }
    }

    /** A flood run, with the CPU each process of the path spent on it. */
    private StepResult flood(JobPath path, List<String> processes, List<CpuPerJob> cpu) throws InterruptedException {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String process : processes) {
            pids.put(process, process.equals(CLIENT) ? ProcessHandle.current().pid() : target.pid(process));
        }
        PathCpu pathCpu = new PathCpu(pids);
        StepResult step = logged(StepRunner.run(path, floodJobs, 0, WINDOW));
        cpu.add(new CpuPerJob(path.name(), pathCpu.msPerJob(step.jobs()), pathCpu.jitMsPerJob(step.jobs())));
        return step;
    }

    private static StepResult logged(StepResult step) {
        log("%-4s %s: %d/%d finished, %.1f jobs/s, p50 %.1f ms, p99 %.1f ms, lost %d", step.path(),
                step.offeredRate() == 0 ? "flood" : String.format("%.0f/s", step.offeredRate()), step.finished(),
                step.jobs(), step.throughput(), step.p50Ms(), step.p99Ms(), step.lost());
        return step;
    }

    private static void log(String format, Object... args) {
        System.out.printf("[overhead] " + format + "%n", args);
    }
}
