package dev.voicefarm.worker.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.fleet.HardwareProfile;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProbeTest {

    /** A machine whose tools print what the test says. */
    private static ProbeSource machine(Map<ProbeCommand, String> outputs, List<String> kfd) {
        return new ProbeSource() {
            @Override
            public String name() {
                return "probe";
            }

            @Override
            public Output run(ProbeCommand command) {
                String text = outputs.get(command);
                return text == null ? Output.failed(command.commandLine().get(0) + " is not installed") : Output.of(text);
            }

            @Override
            public List<String> kfdNodes() {
                return kfd;
            }

            @Override
            public Properties system() {
                Properties p = new Properties();
                p.setProperty("os.name", "Linux");
                p.setProperty("os.arch", "amd64");
                p.setProperty("cpu.cores", "4");
                p.setProperty("memory.mb", "8000");
                return p;
            }
        };
    }

    @Test
    void readsSeveralNvidiaGpusAndTheCudaVersion() {
        HardwareProfile profile = new HardwareProbe().probe(machine(Map.of(
                ProbeCommand.NVIDIA_SMI_QUERY, "NVIDIA A10, 23028, 22000, 8.6, 550.1\nNVIDIA A10, 23028, 1000, 8.6, 550.1\n",
                ProbeCommand.NVIDIA_SMI_VERSION, "CUDA Version        : 12.4\n"), List.of()));
        assertEquals(2, profile.gpus().size());
        assertEquals(22000, profile.gpus().get(0).vramFreeMb());
        assertEquals("550.1", profile.driverVersion());
        assertEquals("CUDA 12.4", profile.runtimeVersion());
    }

    @Test
    void garbledToolOutputMeansNoGpuAndSaysWhy() {
        HardwareProfile profile = new HardwareProbe().probe(machine(Map.of(
                ProbeCommand.NVIDIA_SMI_QUERY, "NVIDIA-SMI has failed because it couldn't communicate with the driver",
                ProbeCommand.ROCM_SMI, "WARNING: not json"), List.of()));
        assertTrue(profile.gpus().isEmpty());
        assertTrue(profile.notes().stream().anyMatch(n -> n.startsWith("NVIDIA:")), profile.notes().toString());
        assertTrue(profile.notes().stream().anyMatch(n -> n.startsWith("AMD:")), profile.notes().toString());
    }

    @Test
    void missingToolsMeanACpuMachine() {
        HardwareProfile profile = new HardwareProbe().probe(machine(Map.of(), List.of()));
        assertTrue(profile.gpus().isEmpty());
        assertTrue(profile.notes().contains("NVIDIA: nvidia-smi is not installed"), profile.notes().toString());
    }

    @Test
    void kfdTopologyGivesTheGfxTargetWhenRocmSmiDoesNot() {
        assertEquals(List.of("gfx1100", "gfx90a", "gfx1030"), ProbeParsers.kfdGfxTargets(List.of(
                "gfx_target_version 0\n", "gfx_target_version 110000\n", "gfx_target_version 90010\n",
                "cpu_cores_count 0\ngfx_target_version 100300\n")));
        HardwareProfile kfdOnly = new HardwareProbe().probe(machine(Map.of(), List.of("gfx_target_version 110000\n")));
        assertEquals("gfx1100", kfdOnly.gpus().get(0).gfxTarget());
    }

    @Test
    void nvidiaLineWithTooFewFieldsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ProbeParsers.nvidiaGpus("RTX, 100"));
    }

    @Test
    void unknownRecordedMachineListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RecordedProbeSource("rtx9999"));
        assertTrue(e.getMessage().contains("rtx3060-12gb"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RecordedProbeSource("../secrets"));
    }

    @Test
    void thisMachineProbesWithoutCrashing() {
        HardwareProfile here = new HardwareProbe().probe(new LiveProbeSource());
        assertFalse(here.simulated());
        assertTrue(here.cpuCores() >= 1 && here.memoryMb() > 0);
        // This build machine has no GPU tools: the probe must say so rather than fail.
        if (here.gpus().isEmpty()) {
            assertFalse(here.notes().isEmpty());
        }
    }

    @Test
    void profileWordsChooseTheSource() {
        assertTrue(ProfileChoice.of("sim:m2-24gb", java.util.Optional.empty()).source() instanceof RecordedProbeSource);
        ProfileChoice cpu = ProfileChoice.of("cpu", java.util.Optional.empty());
        assertTrue(cpu.source() instanceof LiveProbeSource);
        assertEquals("cpu", cpu.pinned().orElseThrow().id());
        assertThrows(IllegalArgumentException.class, () -> ProfileChoice.of("gpu", java.util.Optional.empty()));
    }
}
