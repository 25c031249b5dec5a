package dev.voicefarm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicefarm.common.testing.LocalStack;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hardware classes on the running farm. The test stack's fleet (FARM_WORKERS of ./farm test) is
 * this machine probed (cpu), a simulated RTX 3060 (nvidia), a simulated M2 Mac (apple-cpu) and a
 * simulated x86 server (cpu), and no amd worker, so one class is always empty.
 * {@link WorkerDeathIT} kills the x86 server after every other test.
 */
class FleetEndToEndIT {

    private static final Duration DONE_WITHIN = Duration.ofSeconds(30);

    private final FarmClient farm = FarmClient.admin();

    private JsonNode fleet() throws Exception {
        return farm.get("/v1/fleet").json();
    }

    static Map<String, String> classOfEachWorker(FarmClient farm) throws Exception {
        Map<String, String> classes = new HashMap<>();
        farm.get("/v1/fleet").json().path("workers")
                .forEach(w -> classes.put(w.path("workerId").asText(), w.path("hardwareClass").asText()));
        return classes;
    }

    private static JsonNode classRow(JsonNode fleet, String hardwareClass) {
        for (JsonNode row : fleet.path("classes")) {
            if (row.path("hardwareClass").asText().equals(hardwareClass)) {
                return row;
            }
        }
        throw new AssertionError("class " + hardwareClass + " missing from " + fleet.path("classes"));
    }

    @Test
    void fleetShowsEveryWorkerWithItsClassProfileAndLoad() throws Exception {
        JsonNode fleet = fleet();
        JsonNode simulatedRtx = null;
        for (JsonNode worker : fleet.path("workers")) {
            assertNotNull(worker.get("limits"), worker.toString());
            assertTrue(worker.path("freeSlots").asInt() <= worker.path("limits").path("slots").asInt());
            if (worker.path("workerId").asText().contains("rtx3060")) {
                simulatedRtx = worker;
            }
        }
        assertNotNull(simulatedRtx, fleet.toString());
        assertEquals("nvidia", simulatedRtx.path("hardwareClass").asText());
        assertTrue(simulatedRtx.path("simulated").asBoolean());
        assertEquals("NVIDIA GeForce RTX 3060", simulatedRtx.path("profile").path("gpus").get(0).path("model").asText());
        assertEquals(1, classRow(fleet, "nvidia").path("liveWorkers").asInt());
        assertEquals(1, classRow(fleet, "apple-cpu").path("liveWorkers").asInt());
        assertTrue(classRow(fleet, "cpu").path("liveWorkers").asInt() >= 1);
        assertEquals(0, classRow(fleet, "amd").path("liveWorkers").asInt());
    }

    @Test
    void everyJobRunsOnAWorkerOfTheClassItWasRoutedTo() throws Exception {
        Map<String, String> expected = new HashMap<>();
        expected.put("{\"text\": \"Routed by default.\"}", "nvidia");
        expected.put("{\"text\": \"On the Mac.\", \"requirements\": {\"classes\": [\"apple-cpu\"]}}", "apple-cpu");
        expected.put("{\"text\": \"On a CPU.\", \"requirements\": {\"classes\": [\"cpu\"]}}", "cpu");
        expected.put("{\"text\": \"Needs eight gigabytes.\", \"requirements\": {\"minVramGb\": 8}}", "nvidia");
        Map<String, String> jobs = new HashMap<>();
        for (Map.Entry<String, String> request : expected.entrySet()) {
            FarmClient.Reply reply = farm.postJson("/v1/synthesis", request.getKey());
            assertEquals(202, reply.status(), reply.json().toString());
            assertEquals(request.getValue(), reply.json().path("hardwareClass").asText(), reply.json().toString());
            jobs.put(reply.json().path("id").asText(), request.getValue());
        }
        Map<String, String> workerClasses = classOfEachWorker(farm);
        for (Map.Entry<String, String> job : jobs.entrySet()) {
            JsonNode done = farm.awaitFinished(job.getKey(), DONE_WITHIN);
            assertEquals("SUCCEEDED", done.path("status").asText(), done.toString());
            assertEquals(job.getValue(), workerClasses.get(done.path("workerId").asText()), done.toString());
        }
    }

    @Test
    void jobForAClassWithoutWorkersWaitsVisiblyThenFails() throws Exception {
        FarmClient.Reply reply = farm.postJson("/v1/synthesis",
                "{\"text\": \"Nobody serves this class.\", \"requirements\": {\"classes\": [\"amd\"]}}");
        assertEquals(202, reply.status());
        String id = reply.json().path("id").asText();
        JsonNode queued = farm.get("/v1/jobs/" + id).json();
        assertEquals("amd", queued.path("hardwareClass").asText());
        assertTrue(queued.path("routing").asText().contains("no live worker"), queued.toString());

        JsonNode finished = farm.awaitFinished(id, Duration.ofSeconds(60));
        assertEquals("FAILED", finished.path("status").asText(), finished.toString());
        assertTrue(finished.path("reason").asText().startsWith("no worker of class amd was live for"),
                finished.toString());
    }

    /**
     * The simulated RTX 3060 (12 GB) serves nvidia's tiers up to 12 GB: it runs a job asking 12 GB
     * submitted after one asking 16 GB, never takes the 16 GB one, and the scheduler fails that one
     * after the no-worker timeout although its class had a live worker all along.
     */
    @Test
    void jobOnAMemoryTierNoLiveCardReachesWaitsWhileItsClassWorksThenFails() throws Exception {
        FarmClient.Reply big = farm.postJson("/v1/synthesis", "{\"text\": \"Needs sixteen gigabytes.\", "
                + "\"requirements\": {\"classes\": [\"nvidia\"], \"minVramGb\": 16}}");
        assertEquals(202, big.status(), big.json().toString());
        assertEquals(16, big.json().path("vramTier").asInt(), big.json().toString());
        assertTrue(big.json().path("routing").asText().contains("with 16.0 GB"), big.json().toString());
        FarmClient.Reply fits = farm.postJson("/v1/synthesis", "{\"text\": \"Needs twelve gigabytes.\", "
                + "\"requirements\": {\"classes\": [\"nvidia\"], \"minVramGb\": 12}}");
        assertEquals(202, fits.status(), fits.json().toString());
        assertEquals(12, fits.json().path("vramTier").asInt(), fits.json().toString());

        JsonNode ran = farm.awaitFinished(fits.json().path("id").asText(), DONE_WITHIN);
        assertEquals("SUCCEEDED", ran.path("status").asText(), ran.toString());
        assertTrue(ran.path("workerId").asText().contains("rtx3060"), ran.toString());
        JsonNode waiting = farm.get("/v1/jobs/" + big.json().path("id").asText()).json();
        assertEquals("QUEUED", waiting.path("status").asText(), waiting.toString());

        JsonNode failed = farm.awaitFinished(big.json().path("id").asText(), Duration.ofSeconds(60));
        assertEquals("FAILED", failed.path("status").asText(), failed.toString());
        assertEquals(0, failed.path("attempts").asInt(), "no worker ever took it: " + failed);
        assertTrue(failed.path("reason").asText().startsWith("no worker of class nvidia with 16 GB of GPU memory was live for"),
                failed.toString());
    }

    @Test
    void jobNoClassCanTakeIsRefusedWith503() throws Exception {
        FarmClient.Reply reply = farm.postJson("/v1/synthesis",
                "{\"text\": \"Too big for this fleet.\", \"requirements\": {\"minVramGb\": 80}}");
        assertEquals(503, reply.status());
        assertNotNull(reply.header("Retry-After"));
        assertTrue(reply.json().path("message").asText().contains("80.0 GB"), reply.json().toString());
    }
}
