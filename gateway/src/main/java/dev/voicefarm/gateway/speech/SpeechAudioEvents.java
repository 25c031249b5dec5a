package dev.voicefarm.gateway.speech;

import dev.voicefarm.common.json.Json;
import dev.voicefarm.gateway.streaming.SseWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;
import java.util.Map;

/**
 * Audio as OpenAI's speech events: every stretch of encoded audio written here leaves as one
 * {@code speech.audio.delta} event with the bytes in base64; {@link #done} sends
 * {@code speech.audio.done}. Its {@code usage} counts characters of input, since the farm has no
 * tokens: what a client that budgets by usage can count on.
 */
final class SpeechAudioEvents extends OutputStream {

    private final SseWriter events;

    SpeechAudioEvents(OutputStream out) {
        this.events = new SseWriter(out);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (length > 0) {
            String audio = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(bytes, offset, offset + length));
            events.event(null, null, Json.encode(Map.of("type", "speech.audio.delta", "audio", audio)));
        }
    }

    void done(int inputCharacters) throws IOException {
        events.event(null, null, Json.encode(Map.of("type", "speech.audio.done", "usage",
                Map.of("input_tokens", inputCharacters, "output_tokens", 0, "total_tokens", inputCharacters))));
    }
}
