package dev.voicefarm.worker.engine;

/** The engine could not do the work; {@code permanent} failures fail the job without retry. */
public final class EngineException extends RuntimeException {

    private final boolean permanent;

    public EngineException(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
