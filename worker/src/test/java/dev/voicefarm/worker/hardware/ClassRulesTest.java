package dev.voicefarm.worker.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.fleet.ClassDecision;
import dev.voicefarm.common.fleet.Gpu;
import dev.voicefarm.common.fleet.GpuVendor;
import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.fleet.HardwareProfile;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClassRulesTest {

    private static HardwareProfile linux(Gpu... gpus) {
        return new HardwareProfile(List.of(gpus), "550", "CUDA 12.4", "Linux", "amd64", "x86", 8, 16000, "probe", List.of());
    }

    private static Gpu nvidia(long vramMb, String capability) {
        return new Gpu(GpuVendor.NVIDIA, "NVIDIA Test", vramMb, vramMb, capability, null);
    }

    private static Gpu amd(String gfx) {
        return new Gpu(GpuVendor.AMD, "Radeon Test", 16384, 16000, null, gfx);
    }

    private static ClassDecision decide(HardwareProfile profile) {
        return new ClassRules(Optional.empty(), false, 6).decide(profile);
    }

    @Test
    void trainingNeedsSixGigabytesByDefault() {
        assertTrue(decide(linux(nvidia(6144, "7.5"))).limits().trainingAllowed());
        ClassDecision fiveGb = decide(linux(nvidia(5120, "7.5")));
        assertEquals(HardwareClass.NVIDIA, fiveGb.hardwareClass());
        assertFalse(fiveGb.limits().trainingAllowed());
        assertEquals(0, fiveGb.limits().trainingBatch());
    }

    @Test
    void theTrainingThresholdIsConfigurable() {
        ClassRules lenient = new ClassRules(Optional.empty(), false, 5);
        assertTrue(lenient.decide(linux(nvidia(5120, "7.5"))).limits().trainingAllowed());
    }

    @Test
    void batchSizesAndSlotsGrowWithVram() {
        ClassDecision small = decide(linux(nvidia(8192, "8.6")));
        ClassDecision large = decide(linux(nvidia(24576, "8.9")));
        assertTrue(large.limits().synthesisBatch() > small.limits().synthesisBatch());
        assertTrue(large.limits().trainingBatch() > small.limits().trainingBatch());
        assertTrue(large.limits().slots() > small.limits().slots());
    }

    @Test
    void theLargestGpuDecides() {
        ClassDecision decision = decide(linux(nvidia(4096, "8.6"), nvidia(12288, "8.6")));
        assertTrue(decision.limits().trainingAllowed());
    }

    @Test
    void amdBeforeRx7000FallsToCpuWithTheReason() {
        ClassDecision rdna2 = decide(linux(amd("gfx1030")));
        assertEquals(HardwareClass.CPU, rdna2.hardwareClass());
        assertTrue(rdna2.reason().contains("gfx1030"), rdna2.reason());
        assertEquals(HardwareClass.AMD, decide(linux(amd("gfx1100"))).hardwareClass());
        assertEquals(HardwareClass.AMD, decide(linux(amd("gfx1201"))).hardwareClass());
        assertEquals(HardwareClass.CPU, decide(linux(amd("gfx90a"))).hardwareClass());
        assertEquals(HardwareClass.CPU, decide(linux(amd(null))).hardwareClass());
    }

    @Test
    void gfxMajorReadsEveryTargetShape() {
        assertEquals(11, ClassRules.gfxMajor(amd("gfx1100")));
        assertEquals(10, ClassRules.gfxMajor(amd("gfx1030")));
        assertEquals(9, ClassRules.gfxMajor(amd("gfx90a")));
        assertEquals(9, ClassRules.gfxMajor(amd("gfx942")));
        assertEquals(0, ClassRules.gfxMajor(amd("nonsense")));
    }

    @Test
    void appleSiliconComputesOnTheCpuUnlessTheOperatorEnablesMps() {
        HardwareProfile mac = new HardwareProfile(List.of(), null, null, "Mac OS X", "aarch64", "Apple M2", 8, 24576,
                "probe", List.of());
        assertEquals("cpu", decide(mac).device());
        ClassDecision mps = new ClassRules(Optional.empty(), true, 6).decide(mac);
        assertEquals(HardwareClass.APPLE_CPU, mps.hardwareClass());
        assertEquals("mps", mps.device());
    }

    @Test
    void intelMacIsAPlainCpu() {
        HardwareProfile intelMac = new HardwareProfile(List.of(), null, null, "Mac OS X", "x86_64", "Intel", 8, 16384,
                "probe", List.of());
        assertEquals(HardwareClass.CPU, decide(intelMac).hardwareClass());
    }

    @Test
    void operatorPinWinsWhenTheHardwareIsThere() {
        ClassRules pinCpu = new ClassRules(Optional.of(HardwareClass.CPU), false, 6);
        ClassDecision decision = pinCpu.decide(linux(nvidia(12288, "8.6")));
        assertEquals(HardwareClass.CPU, decision.hardwareClass());
        assertTrue(decision.reason().contains("pinned"));
    }

    @Test
    void pinToAGpuClassWithoutThatGpuIsRefused() {
        ClassRules pinNvidia = new ClassRules(Optional.of(HardwareClass.NVIDIA), false, 6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pinNvidia.decide(linux()));
        assertTrue(e.getMessage().contains("no NVIDIA GPU"), e.getMessage());
    }

    @Test
    void smallMachinesGetOneSlotAndNoTrainingWithoutRam() {
        HardwareProfile tiny = new HardwareProfile(List.of(), null, null, "Linux", "aarch64", "Cortex-A72", 2, 2048,
                "probe", List.of());
        ClassDecision decision = decide(tiny);
        assertEquals(1, decision.limits().slots());
        assertFalse(decision.limits().trainingAllowed());
    }

    @Test
    void operatorSlotCountReplacesTheDerivedOneAndSaysSo() {
        ClassDecision derived = decide(linux(nvidia(12288, "8.6")));
        ClassDecision set = derived.withSlots(7);
        assertEquals(7, set.limits().slots());
        assertEquals(derived.limits().trainingBatch(), set.limits().trainingBatch());
        assertEquals(derived.hardwareClass(), set.hardwareClass());
        assertTrue(set.reason().endsWith("7 slot(s) set by the operator"), set.reason());
        assertThrows(IllegalArgumentException.class, () -> derived.withSlots(0));
    }
}
