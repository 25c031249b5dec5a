package dev.voicefarm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.testing.Ffmpeg;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A job followed while it runs, on the real stack: its audio streamed from
 * {@code GET /v1/jobs/{id}/audio?stream=true} as the worker makes it (the same audio as the stored
 * file), and its changes as server-sent events from {@code /events}, resumable with
 * {@code Last-Event-ID}.
 */
class LiveJobIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEXT = "The first sentence is short. The second one takes a little longer to say. "
            + "And a third one closes the text.";

    private static String submit(String body) throws Exception {
        FarmClient.Reply reply = FarmClient.dev().postJson("/v1/synthesis", body);
        assertEquals(202, reply.status(), reply.text());
        return reply.json().path("id").asText();
    }

    @Test
    void streamedJobPlaysWhileItRunsAndEqualsTheStoredFile() throws Exception {
        String id = submit("{\"text\": \"" + TEXT + "\", \"responseFormat\": \"mp3\", \"stream\": true}");
        FarmClient.Reply live = FarmClient.dev().get("/v1/jobs/" + id + "/audio?stream=true");
        assertEquals(200, live.status(), live.text());
        assertEquals("audio/mpeg", live.header("Content-Type"));
        Wav heard = Ffmpeg.decode(live.response().body(), 22_050);

        JsonNode job = FarmClient.dev().awaitFinished(id, java.time.Duration.ofSeconds(60));
        assertEquals("SUCCEEDED", job.path("status").asText());
        assertEquals("mp3", job.path("result").path("format").asText());
        Wav stored = Ffmpeg.decode(FarmClient.dev().get(job.path("result").path("audioUrl").asText()).response().body(), 22_050);
        assertEquals(stored.durationSeconds(), heard.durationSeconds(), 0.1);
        assertEquals(-16, Ffmpeg.loudness(heard), 1.5);
    }

    @Test
    void jobNotStreamedIsAnsweredWithItsFileOnceDone() throws Exception {
        String id = submit("{\"text\": \"Not streamed.\", \"responseFormat\": \"flac\"}");
        FarmClient.Reply reply = FarmClient.dev().get("/v1/jobs/" + id + "/audio?stream=true");
        assertEquals(303, reply.status(), reply.text());
        byte[] flac = FarmClient.dev().get(reply.header("Location")).response().body();
        assertTrue(Ffmpeg.decode(flac, 22_050).durationSeconds() > 0.5);
    }

    /** The job's events from {@code /events} (until the stream ends), each with its {@code _id} and {@code _event}. */
    static List<JsonNode> events(String id, String lastEventId) throws Exception {
        FarmClient.Reply reply = lastEventId == null
                ? FarmClient.dev().get("/v1/jobs/" + id + "/events")
                : FarmClient.dev().get("/v1/jobs/" + id + "/events", java.util.Map.of("Last-Event-ID", lastEventId));
        assertEquals(200, reply.status(), reply.text());
        assertTrue(reply.header("Content-Type").startsWith("text/event-stream"));
        List<JsonNode> events = new ArrayList<>();
        String eventId = null;
        String name = null;
        for (String line : reply.text().split("\n")) {
            if (line.startsWith("id: ")) {
                eventId = line.substring(4);
            } else if (line.startsWith("event: ")) {
                name = line.substring(7);
            } else if (line.startsWith("data: ")) {
                com.fasterxml.jackson.databind.node.ObjectNode event = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(line.substring(6));
                event.put("_id", eventId).put("_event", name);
                events.add(event);
            }
        }
        return events;
    }

    @Test
    void eventsFollowTheJobToItsEndAndResumeAfterLastEventId() throws Exception {
        String id = submit("{\"text\": \"" + TEXT + "\"}");
        List<JsonNode> all = events(id, null);
        List<String> statuses = all.stream().map(e -> e.path("status").asText()).toList();
        assertEquals(List.of("QUEUED", "RUNNING", "SUCCEEDED"), statuses);
        all.forEach(e -> assertEquals(id, e.path("jobId").asText()));

        List<JsonNode> rest = events(id, all.get(0).path("_id").asText());
        assertEquals(List.of("RUNNING", "SUCCEEDED"), rest.stream().map(e -> e.path("status").asText()).toList());
        assertEquals(List.of(), events(id, all.get(2).path("_id").asText()));
    }

    @Test
    void eventsOfAnotherTenantsJobAreNotFoundButAnOperatorSeesThem() throws Exception {
        String id = submit("{\"text\": \"Mine.\"}");
        FarmClient other = TestTenants.create("other", null).client();
        assertEquals(404, other.get("/v1/jobs/" + id + "/events").status());
        assertEquals(404, other.get("/v1/jobs/" + id).status());
        FarmClient.Reply asAdmin = FarmClient.admin().get("/v1/jobs/" + id + "/events");
        assertEquals(200, asAdmin.status(), "an admin key sees every tenant's jobs: " + asAdmin.text());
        assertEquals(id, FarmClient.admin().get("/v1/jobs/" + id).json().path("id").asText());
    }
}
