package dev.voicefarm.worker.engine.gptsovits;

import java.util.Optional;

/**
 * When a process is restarted after it served a request or was checked. GPT-SoVITS's memory grows
 * with use (caches, fragmentation, a known slow leak), so a process is renewed after a number of
 * requests and whenever it is above its memory ceiling; one that failed is renewed at once.
 *
 * @param afterJobs requests served since it started after which it is renewed
 * @param maxRssMb  resident memory above which it is renewed
 * @param maxGpuMb  GPU memory above which it is renewed; 0 for no ceiling
 */
record RecyclePolicy(int afterJobs, long maxRssMb, long maxGpuMb) {

    /**
     * Why the process must be restarted now, or empty when it may go on.
     *
     * @param rssMb  its resident memory, -1 when unknown (no {@code /proc}): then only the count applies
     * @param gpuMb  the GPU memory it holds, -1 when unknown or not measured this time
     * @param broken why it failed, or {@code null}
     */
    Optional<String> reason(int jobs, long rssMb, long gpuMb, String broken) {
        if (broken != null) {
            return Optional.of(broken);
        }
        if (jobs >= afterJobs) {
            return Optional.of("recycled after " + jobs + " requests");
        }
        if (rssMb > maxRssMb) {
            return Optional.of("recycled at " + rssMb + " MiB resident, above its ceiling of " + maxRssMb + " MiB");
        }
        if (maxGpuMb > 0 && gpuMb > maxGpuMb) {
            return Optional.of("recycled at " + gpuMb + " MiB of GPU memory, above its ceiling of " + maxGpuMb + " MiB");
        }
        return Optional.empty();
    }
}
