package dev.voicefarm.worker.engine.gptsovits;

/**
 * An api_v2 process did not answer as GPT-SoVITS answers: nothing the request asked for is wrong,
 * the process is. The request is worth retrying (elsewhere, or after a restart); whether the process
 * must be restarted depends on the {@link Kind}.
 */
final class ProcessFault extends Exception {

    enum Kind {
        /** No answer within the request timeout: hung or far too slow; it is still busy with the request. */
        TIMEOUT,
        /** The connection was refused, reset or closed without an answer: dead, or a connection went stale. */
        UNANSWERED,
        /** A 5xx answer, or one that is not what api_v2 sends: an error GPT-SoVITS did not handle. */
        SERVER_ERROR,
        /** A refusal whose cause is memory (CUDA or host): retrying on a fresh process can succeed. */
        OUT_OF_MEMORY,
        /**
         * Audio at another rate than the voice's: GPT-SoVITS answers a failed inference (and a text
         * that splits into nothing) with one second of silence at 16 kHz, having reloaded its weights
         * from its config itself; the process is fine.
         */
        FAILED_INFERENCE
    }

    private final Kind kind;

    ProcessFault(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }

    /**
     * Whether the process must be restarted. After {@link Kind#UNANSWERED} only when it does not
     * answer now (a stale connection is no fault of the process); never after
     * {@link Kind#FAILED_INFERENCE}; always otherwise.
     */
    boolean restartNeeded(ServerProcess process) throws InterruptedException {
        return switch (kind) {
            case UNANSWERED -> !process.answers();
            case FAILED_INFERENCE -> false;
            case TIMEOUT, SERVER_ERROR, OUT_OF_MEMORY -> true;
        };
    }
}
