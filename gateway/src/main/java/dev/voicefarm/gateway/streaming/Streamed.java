package dev.voicefarm.gateway.streaming;

import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;

/** A response body written while it is made, by code that waits (polls Redis, an encoder). */
public final class Streamed {

    /** Writes a body; may wait, and is interrupted when the gateway stops. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException, InterruptedException;
    }

    private Streamed() {
    }

    /** The body as JAX-RS takes it: an interrupt ends the response like a broken connection. */
    public static StreamingOutput body(Writer writer) {
        return out -> {
            try {
                writer.write(out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        };
    }
}
