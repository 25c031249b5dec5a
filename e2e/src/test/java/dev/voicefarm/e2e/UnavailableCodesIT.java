package dev.voicefarm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.voicefarm.common.testing.LocalStack;
import org.junit.jupiter.api.Test;

/**
 * Refusals that say which part is missing, on the running farm. ({@code queue_unavailable} needs
 * the broker stopped: {@link FaultToleranceIT} checks it.)
 */
class UnavailableCodesIT {

    private final FarmClient farm = FarmClient.dev();

    @Test
    void aJobNoLiveClassCanRunIs503NoWorker() throws Exception {
        FarmClient.Reply reply = farm.postJson("/v1/synthesis",
                "{\"text\": \"Too big for this fleet.\", \"requirements\": {\"minVramGb\": 80}}");
        assertEquals(503, reply.status());
        assertEquals("no_worker", reply.json().path("error").asText(), reply.json().toString());
        assertNotNull(reply.header("Retry-After"));
    }

    @Test
    void gpuMemoryOnCpuClassesIs400() throws Exception {
        FarmClient.Reply reply = farm.postJson("/v1/synthesis",
                "{\"text\": \"Hi.\", \"requirements\": {\"classes\": [\"cpu\", \"apple-cpu\"], \"minVramGb\": 4}}");
        assertEquals(400, reply.status());
        assertEquals("invalid_requirement", reply.json().path("error").asText());
    }
}
