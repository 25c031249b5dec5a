package dev.voicefarm.worker.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.fleet.ClassDecision;
import dev.voicefarm.common.fleet.HardwareProfile;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every recorded machine, probed and classified by the same code as a live one. */
class RecordedMachinesTest {

    private final ClassRules rules = new ClassRules(Optional.empty(), false, 6);

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            // machine,          class,     device, training, slots, GPUs, VRAM MB, reason contains
            "rtx3060-12gb,       nvidia,    gpu:0,  true,     3,     1,    12288,   compute capability 8.6",
            "gtx1660-6gb,        nvidia,    gpu:0,  true,     1,     1,    6144,    6 GB",
            "laptop-rtx3050-4gb, nvidia,    gpu:0,  false,    1,     1,    4096,    synthesis only",
            "rtx4090-24gb,       nvidia,    gpu:0,  true,     4,     1,    24564,   RTX 4090",
            "gtx780-3gb,         cpu,       cpu,    true,     2,     1,    3072,    below the 5.0",
            "rx6800-16gb,        cpu,       cpu,    true,     3,     1,    16368,   gfx1030",
            "rx7900xtx-24gb,     amd,       gpu:0,  true,     4,     1,    24560,   gfx1100",
            "m1-16gb,            apple-cpu, cpu,    true,     2,     0,    0,       MPS is off",
            "m2-24gb,            apple-cpu, cpu,    true,     2,     0,    0,       Apple Silicon",
            "x86-server-64c,     cpu,       cpu,    true,     4,     0,    0,       no usable GPU",
    })
    void recordedMachineGetsItsClassAndLimits(String machine, String hardwareClass, String device, boolean training,
                                              int slots, int gpus, long vramMb, String reason) {
        HardwareProfile profile = new HardwareProbe().probe(new RecordedProbeSource(machine));
        ClassDecision decision = rules.decide(profile);

        assertTrue(profile.simulated());
        assertEquals("sim:" + machine, profile.source());
        assertEquals(gpus, profile.gpus().size());
        assertEquals(vramMb, profile.gpus().stream().mapToLong(g -> g.vramTotalMb()).sum());
        assertEquals(hardwareClass, decision.hardwareClass().id());
        assertEquals(device, decision.device());
        assertEquals(training, decision.limits().trainingAllowed());
        assertEquals(slots, decision.limits().slots());
        assertTrue(decision.reason().contains(reason), decision.reason());
    }
}
