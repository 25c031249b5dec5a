package dev.voicefarm.worker.engine.gptsovits;

/**
 * One model-server process as the pool supervises it: started, asked whether it answers, measured
 * and stopped. {@link ApiV2Process} is the real one; the pool's own tests use fakes.
 */
interface ServerProcess {

    /** Its index in the pool. */
    int slot();

    /**
     * Starts it and returns once it answers.
     *
     * @throws dev.voicefarm.worker.engine.EngineException (transient) when it does not come up
     */
    void start() throws InterruptedException;

    /** Stops it and everything it started; nothing of it runs when this returns. */
    void stop() throws InterruptedException;

    boolean isAlive();

    /** Whether it answers a request now (a health check). */
    boolean answers() throws InterruptedException;

    /** Its resident memory with its descendants, in MiB; -1 when unknown. */
    long rssMb();

    /** The GPU memory it and its descendants hold, in MiB; -1 when unknown (no NVIDIA driver to ask). */
    long gpuMb();

    /** Its operating-system id, -1 when not running. */
    long pid();

    /** The calls to make to it. */
    ApiV2Client client();
}
