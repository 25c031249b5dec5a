package dev.voicefarm.bench.overhead;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverheadResultsTest {

    private static StepResult step(String path, double rate, double throughput, double p99) {
        return new StepResult(path, rate, 100, 100, throughput, 10, p99, 0);
    }

    private final OverheadResults results = new OverheadResults(List.of(
            step("raw", 0, 400, 900), step("farm", 0, 60, 5000),
            step("raw", 0, 500, 800), step("farm", 0, 80, 4000),
            step("raw", 0, 450, 700), step("farm", 0, 70, 6000),
            step("farm", 18, 18, 30), step("farm", 35, 35, 300), step("farm", 35, 35, 100), step("farm", 35, 35, 200),
            step("farm", 53, 53, 60)),
            List.of(new CpuPerJob("farm", Map.of("kafka", 8.0, "redis", 1.0), Map.of("kafka", 2.0)),
                    new CpuPerJob("farm", Map.of("kafka", 10.0, "redis", 1.0), Map.of("kafka", 4.0)),
                    new CpuPerJob("raw", Map.of("kafka", 0.5), Map.of("kafka", 0.1))),
            11_068, 4, 3000);

    @Test
    void mediansAreTakenPerPathAndRate() {
        assertEquals(70, results.median("farm", 0).throughput());
        assertEquals(450, results.median("raw", 0).throughput());
        assertEquals(200, results.median("farm", 35).p99Ms());
        assertEquals(70.0 / 450, results.throughputRatio(), 1e-9);
    }

    @Test
    void halfSaturationIsThePacedRateNearestHalfTheFarmsFloodThroughput() {
        assertEquals(List.of(18.0, 35.0, 53.0), results.rates());
        assertEquals(35.0, results.halfSaturationRate());
    }

    @Test
    void cpuPerJobIsTheMedianOfTheRunsOfAProcess() {
        assertEquals(9.0, results.cpuMsPerJob("farm", "kafka"));
        assertEquals(0.5, results.cpuMsPerJob("raw", "kafka"));
        assertEquals(true, Double.isNaN(results.cpuMsPerJob("raw", "gateway")));
    }

    @Test
    void jitCpuIsTheMedianOfTheRunsOfAJvmAndNothingForOtherProcesses() {
        assertEquals(3.0, results.jitMsPerJob("farm", "kafka"));
        assertEquals(0.1, results.jitMsPerJob("raw", "kafka"));
        assertEquals(true, Double.isNaN(results.jitMsPerJob("farm", "redis")));
    }
}
