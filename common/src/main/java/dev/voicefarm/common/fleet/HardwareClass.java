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

    /**
     * A class named by a setting.
     *
     * @throws IllegalArgumentException naming the setting and the classes there are
     */
    public static HardwareClass fromSetting(String setting, String id) {
        return fromId(id.strip()).orElseThrow(() -> new IllegalArgumentException(setting + "=" + id + " is not a hardware class;"
                + " use one of " + Arrays.stream(values()).map(HardwareClass::id).collect(java.util.stream.Collectors.joining(", "))));
    }

    /** The classes a list setting names ({@link #fromSetting} for each). */
    public static java.util.Set<HardwareClass> fromSetting(String setting, java.util.List<String> ids) {
        return ids.stream().filter(id -> !id.isBlank()).map(id -> fromSetting(setting, id))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
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
