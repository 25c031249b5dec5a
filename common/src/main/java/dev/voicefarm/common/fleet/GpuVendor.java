package dev.voicefarm.common.fleet;

/** GPU makers the farm knows how to drive. */
public enum GpuVendor {
    NVIDIA,
    AMD,
    APPLE
}
