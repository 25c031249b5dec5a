package dev.voicefarm.worker.hardware;

import java.util.List;

/** The vendor tools a probe runs, each with the file its output is recorded in for simulation. */
public enum ProbeCommand {
    NVIDIA_SMI_QUERY("nvidia-smi.csv", "nvidia-smi",
            "--query-gpu=name,memory.total,memory.free,compute_cap,driver_version", "--format=csv,noheader,nounits"),
    NVIDIA_SMI_VERSION("nvidia-smi-version.txt", "nvidia-smi", "--version"),
    /** GPU memory per process: what a GPT-SoVITS process tree holds on the card. */
    NVIDIA_SMI_COMPUTE_APPS("nvidia-smi-compute-apps.csv", "nvidia-smi", "--query-compute-apps=pid,used_memory",
            "--format=csv,noheader,nounits"),
    ROCM_SMI("rocm-smi.json", "rocm-smi", "--showproductname", "--showmeminfo", "vram", "--json"),
    SYSCTL("sysctl.txt", "sysctl", "machdep.cpu.brand_string", "hw.memsize", "hw.ncpu");

    private final String recording;
    private final List<String> commandLine;

    ProbeCommand(String recording, String... commandLine) {
        this.recording = recording;
        this.commandLine = List.of(commandLine);
    }

    /** The file name of this command's recorded output in a simulated profile. */
    public String recording() {
        return recording;
    }

    public List<String> commandLine() {
        return commandLine;
    }
}
