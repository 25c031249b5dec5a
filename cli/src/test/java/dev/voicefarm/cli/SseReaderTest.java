package dev.voicefarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    private static List<SseEvent> read(String stream) throws Exception {
        SseReader reader = new SseReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
        List<SseEvent> events = new ArrayList<>();
        for (Optional<SseEvent> event = reader.next(); event.isPresent(); event = reader.next()) {
            events.add(event.get());
        }
        return events;
    }

    @Test
    void readsTheGatewaysEventsAndSkipsKeepAlives() throws Exception {
        List<SseEvent> events = read("id: 0\nevent: status\ndata: {\"status\":\"QUEUED\"}\n\n"
                + ": keep-alive\n\n"
                + "id: 1\nevent: progress\ndata: {\"percent\":50.0}\n\n");
        assertEquals(List.of(new SseEvent("0", "status", "{\"status\":\"QUEUED\"}"),
                new SseEvent("1", "progress", "{\"percent\":50.0}")), events);
    }

    @Test
    void joinsDataLinesAndTakesAnyLineEnding() throws Exception {
        assertEquals(List.of(new SseEvent(null, null, "a\nb"), new SseEvent("7", "x", "c")),
                read("data:a\r\ndata: b\r\n\r\nid:7\revent:x\rdata:c\r\r"));
    }

    @Test
    void dropsAnEventCutOffByTheEndOfTheStream() throws Exception {
        assertEquals(List.of(new SseEvent(null, "status", "done")), read("event: status\ndata: done\n\nevent: status\ndata: cut"));
    }

    @Test
    void ignoresRetryAndUnknownFieldsAndEventsWithoutData() throws Exception {
        assertEquals(List.of(new SseEvent(null, "b", "x")), read("retry: 100\nfoo: bar\nevent: a\n\nevent: b\ndata: x\n\n"));
    }
}
