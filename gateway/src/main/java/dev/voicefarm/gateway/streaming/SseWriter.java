package dev.voicefarm.gateway.streaming;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes server-sent events (the {@code text/event-stream} format) and sends each at once. */
public final class SseWriter {

    public static final String MEDIA_TYPE = "text/event-stream";

    private final OutputStream out;

    public SseWriter(OutputStream out) {
        this.out = out;
    }

    /** One event; {@code id} and {@code event} may be {@code null}. {@code data} is one line of JSON. */
    public void event(String id, String event, String data) throws IOException {
        StringBuilder text = new StringBuilder();
        if (id != null) {
            text.append("id: ").append(id).append('\n');
        }
        if (event != null) {
            text.append("event: ").append(event).append('\n');
        }
        text.append("data: ").append(data).append("\n\n");
        send(text.toString());
    }

    /** A comment line: keeps proxies from closing a quiet stream. */
    public void keepAlive() throws IOException {
        send(": keep-alive\n\n");
    }

    private void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
