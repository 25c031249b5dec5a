package dev.voicefarm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Tenants against the running test stack: what one tenant makes, another can neither see, cancel,
 * download nor train from (answered exactly as an unknown id); keys that are revoked or rotated
 * stop working at once; roles, rate limits and quotas are enforced with their JSON errors.
 */
class TenantIsolationIT {

    private static final String SENTENCE = "{\"text\": \"This job belongs to tenant A.\"}";

    @Test
    void anotherTenantsJobIsAnUnknownIdOnEveryEndpoint() throws Exception {
        FarmClient a = TestTenants.create("iso-a", null).client();
        FarmClient b = TestTenants.create("iso-b", null).client();
        FarmClient.Reply submitted = a.postJson("/v1/synthesis", SENTENCE);
        assertEquals(202, submitted.status(), submitted.text());
        String id = submitted.json().path("id").asText();
        assertEquals("/v1/jobs/" + id, submitted.header("Location"), "Location is relative, never built from Host");
        JsonNode done = a.awaitFinished(id, Duration.ofSeconds(60));
        assertEquals("SUCCEEDED", done.path("status").asText(), done.toString());

        String unknown = UUID.randomUUID().toString();
        for (String path : List.of("/v1/jobs/%s", "/v1/jobs/%s/audio")) {
            FarmClient.Reply theirs = b.get(path.formatted(id));
            FarmClient.Reply nobodys = b.get(path.formatted(unknown));
            assertEquals(404, theirs.status(), theirs.text());
            assertEquals(nobodys.text().replace(unknown, id), theirs.text(), "the same answer as for an unknown id");
        }
        FarmClient.Reply cancel = b.delete("/v1/jobs/" + id);
        assertEquals(404, cancel.status(), cancel.text());
        assertEquals(200, a.get("/v1/jobs/" + id).status());
        assertEquals(303, a.get("/v1/jobs/" + id + "/audio").status());
    }

    @Test
    void anotherTenantsDatasetCannotBeReadOrTrainedFrom() throws Exception {
        FarmClient a = TestTenants.create("iso-a", null).client();
        FarmClient b = TestTenants.create("iso-b", null).client();
        FarmClient.Reply uploaded = a.postZip("/v1/datasets", ToneDataset.zip());
        assertEquals(201, uploaded.status(), uploaded.text());
        String dataset = uploaded.json().path("id").asText();
        assertEquals("/v1/datasets/" + dataset, uploaded.header("Location"));

        assertEquals(200, a.get("/v1/datasets/" + dataset).status());
        FarmClient.Reply read = b.get("/v1/datasets/" + dataset);
        assertEquals(404, read.status(), read.text());
        FarmClient.Reply train = b.postJson("/v1/trainings", "{\"datasetId\": \"" + dataset + "\", \"name\": \"Stolen\"}");
        assertEquals(400, train.status(), train.text());
        assertEquals("unknown_dataset", train.json().path("error").asText());
    }

    @Test
    void revokedAndRotatedKeysStopWorkingAtOnce() throws Exception {
        TestTenants.TestTenant tenant = TestTenants.create("keys", null);
        FarmClient admin = FarmClient.admin();
        String first = tenant.client().apiKey();
        assertEquals(200, tenant.client().get("/v1/voices").status());

        FarmClient.Reply rotated = admin.postJson("/v1/admin/keys/" + keyId(first) + "/rotate", "{}");
        assertEquals(201, rotated.status(), rotated.text());
        String second = rotated.json().path("key").asText();
        assertNotEquals(first, second);
        assertEquals(401, tenant.client().get("/v1/voices").status(), "the rotated-out key");
        assertEquals(200, tenant.client().withKey(second).get("/v1/voices").status());

        FarmClient.Reply revoked = admin.delete("/v1/admin/keys/" + keyId(second));
        assertEquals(200, revoked.status(), revoked.text());
        assertNotNull(revoked.json().path("revokedAt").textValue());
        FarmClient.Reply refused = tenant.client().withKey(second).get("/v1/voices");
        assertEquals(401, refused.status());
        assertEquals("invalid_api_key", refused.json().path("error").asText());
        assertEquals("Bearer", refused.header("WWW-Authenticate"));

        JsonNode keys = admin.get("/v1/admin/tenants/" + tenant.id() + "/keys").json().path("keys");
        assertEquals(2, keys.size(), keys.toString());
        for (JsonNode key : keys) {
            assertFalse(key.has("key") || key.has("sha256"), "a listed key shows no secret and no hash: " + key);
            assertTrue(key.path("revokedAt").isTextual(), key.toString());
        }
    }

    @Test
    void userKeysAreRefusedAdminEndpointsAndSeeNoWorkers() throws Exception {
        FarmClient user = TestTenants.create("role", null).client();
        FarmClient.Reply tenants = user.get("/v1/admin/tenants");
        assertEquals(403, tenants.status(), tenants.text());
        assertEquals("forbidden", tenants.json().path("error").asText());

        JsonNode asUser = user.get("/v1/fleet").json();
        assertTrue(asUser.path("classes").size() > 0, asUser.toString());
        assertFalse(asUser.has("workers"), "worker ids are for admins: " + asUser);
        assertFalse(asUser.toString().contains("workerId"), "no worker ids (nor the voices they hold) in the classes: " + asUser);
        JsonNode asAdmin = FarmClient.admin().get("/v1/fleet").json();
        assertTrue(asAdmin.path("workers").size() > 0, asAdmin.toString());
    }

    @Test
    void aTenantOverItsRateGets429WithRetryAfter() throws Exception {
        FarmClient slow = TestTenants.create("rate", "{\"requestsPerSecond\": 1, \"burst\": 3}").client();
        int limited = 0;
        FarmClient.Reply last = null;
        for (int i = 0; i < 6; i++) {
            last = slow.get("/v1/voices");
            if (last.status() == 429) {
                limited++;
                assertEquals("rate_limited", last.json().path("error").asText());
                assertNotNull(last.header("Retry-After"));
            }
        }
        assertTrue(limited >= 2, "6 requests at once against a burst of 3 at 1/s: " + limited + " limited");
        // Another tenant is not slowed by this one's bucket.
        assertEquals(200, FarmClient.dev().get("/v1/voices").status());
    }

    @Test
    void aTenantAtItsActiveJobQuotaGets429UntilAJobFinishes() throws Exception {
        FarmClient one = TestTenants.create("quota", "{\"activeJobs\": 1}").client();
        String longText = "{\"text\": \"" + "A sentence that takes a while to say. ".repeat(40) + "\"}";
        FarmClient.Reply first = one.postJson("/v1/synthesis", longText);
        assertEquals(202, first.status(), first.text());
        FarmClient.Reply second = one.postJson("/v1/synthesis", SENTENCE);
        assertEquals(429, second.status(), second.text());
        assertEquals("too_many_active_jobs", second.json().path("error").asText());
        assertNotNull(second.header("Retry-After"));

        assertEquals("SUCCEEDED", one.awaitFinished(first.json().path("id").asText(), Duration.ofSeconds(90))
                .path("status").asText());
        assertEquals(202, one.postJson("/v1/synthesis", SENTENCE).status(), "a finished job frees its place");
    }

    @Test
    void aDatasetOverTheTenantsStorageQuotaGets429() throws Exception {
        FarmClient small = TestTenants.create("bytes", "{\"datasetBytes\": 1000}").client();
        FarmClient.Reply upload = small.postZip("/v1/datasets", ToneDataset.zip());
        assertEquals(429, upload.status(), upload.text());
        assertEquals("dataset_quota_exceeded", upload.json().path("error").asText());
    }

    private static String keyId(String key) {
        return key.substring("vf_".length(), "vf_".length() + 12);
    }
}
