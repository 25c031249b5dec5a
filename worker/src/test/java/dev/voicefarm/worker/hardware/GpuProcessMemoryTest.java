package dev.voicefarm.worker.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * GPU memory per process as {@code nvidia-smi --query-compute-apps=pid,used_memory
 * --format=csv,noheader,nounits} prints it (one {@code pid, MiB} line per process; {@code [N/A]}
 * where the driver cannot tell, as under Windows' WDDM). The lines are written after nvidia-smi's
 * documented format: no GPU has run here.
 */
class GpuProcessMemoryTest {

    private static GpuProcessMemory printing(ProbeSource.Output output) {
        return new GpuProcessMemory(new ProbeSource() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public Output run(ProbeCommand command) {
                assertEquals(ProbeCommand.NVIDIA_SMI_COMPUTE_APPS, command);
                return output;
            }

            @Override
            public List<String> kfdNodes() {
                return List.of();
            }

            @Override
            public Properties system() {
                return new Properties();
            }
        });
    }

    @Test
    void sumsWhatTheGivenProcessesHoldOnEveryCard() {
        GpuProcessMemory memory = printing(ProbeSource.Output.of("4242, 3120\n4243, 512\n999, 20000\n4242, 100\n"));
        assertEquals(3732, memory.usedMb(List.of(4242L, 4243L, 7L)));
        assertEquals(0, memory.usedMb(List.of(7L)), "a process on no card holds nothing");
    }

    @Test
    void unknownWithoutTheToolOrWithUnreadableLines() {
        assertEquals(-1, printing(ProbeSource.Output.failed("nvidia-smi: not installed")).usedMb(List.of(1L)));
        assertEquals(-1, printing(ProbeSource.Output.of("pid, used_gpu_memory [MiB]\nabc, 12\n")).usedMb(List.of(1L)));
        // The driver's "[N/A]" leaves that process out; the others still count.
        assertEquals(300, printing(ProbeSource.Output.of("1, [N/A]\n2, 300\n")).usedMb(List.of(1L, 2L)));
    }
}
