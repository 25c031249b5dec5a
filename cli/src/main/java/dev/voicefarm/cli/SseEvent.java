package dev.voicefarm.cli;

/**
 * One server-sent event: {@code id} and {@code event} are {@code null} when the event has none (the
 * format's default type is {@code message}); {@code data} is its data lines joined by line breaks.
 */
record SseEvent(String id, String event, String data) {
}
