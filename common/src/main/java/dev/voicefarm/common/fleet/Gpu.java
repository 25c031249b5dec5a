package dev.voicefarm.common.fleet;

/**
 * One GPU as its vendor's tool reports it.
 *
 * @param computeCapability CUDA compute capability ("8.6") for NVIDIA, else {@code null}
 * @param gfxTarget         LLVM target ("gfx1100") for AMD, else {@code null}
 * @param vramFreeMb        free memory when probed, or -1 when the tool does not say
 */
public record Gpu(GpuVendor vendor, String model, long vramTotalMb, long vramFreeMb, String computeCapability,
                  String gfxTarget) {

    public double vramTotalGb() {
        return vramTotalMb / 1024.0;
    }
}
