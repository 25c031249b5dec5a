package dev.voicefarm.common.fleet;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * The closed set of hardware classes a worker can belong to. Every job is routed to exactly one
 * class, and a worker consumes only its own class's topics.
 */
public enum HardwareClass {
    /** NVIDIA GPU with CUDA. */
    NVIDIA("nvidia", true),
    /** AMD GPU with ROCm, RX 7000 series (gfx11) and newer. */
    AMD("amd", true),
    /** Apple Silicon computing on its CPU (MPS is off unless an operator opts in). */
    APPLE_CPU("apple-cpu", false),
    /** Any x86-64 or ARM64 CPU. */
    CPU("cpu", false);

    private final String id;
    private final boolean gpu;

    HardwareClass(String id, boolean gpu) {
        this.id = id;
        this.gpu = gpu;
    }

    /** Whether the class computes on a GPU, and so has GPU memory a job can ask for. */
    public boolean gpu() {
        return gpu;
    }

    /** The name used in topics, group ids, configuration and the API. */
    @JsonValue
    public String id() {
        return id;
    }

    public static Optional<HardwareClass> fromId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    @JsonCreator
    static HardwareClass of(String id) {
        return fromId(id).orElseThrow(() -> new IllegalArgumentException("unknown hardware class: " + id));
    }

    @Override
    public String toString() {
        return id;
    }
}
