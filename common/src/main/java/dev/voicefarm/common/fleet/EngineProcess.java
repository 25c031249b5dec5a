package dev.voicefarm.common.fleet;

/**
 * One model-server process a worker supervises.
 *
 * @param slot     its index on the worker
 * @param state    {@code starting}, {@code ready}, {@code busy} or {@code restarting}
 * @param voice    the voice whose weights it holds ({@code tenant/voiceId}), or {@code null}
 * @param jobs     jobs served since it last started
 * @param restarts how often it was restarted (recycled or crashed) since the worker started
 * @param rssMb    its resident memory
 * @param gpuMb    the GPU memory it holds, -1 when unknown (measured by the health checks, NVIDIA only)
 */
public record EngineProcess(int slot, String state, String voice, int jobs, int restarts, long rssMb, long gpuMb) {
}
