package dev.voicefarm.gateway.tenants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicefarm.gateway.api.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuotaChangesTest {

    private static final Quotas DEFAULTS = new Quotas(50, 100, 500, 2_000_000_000L);

    @Test
    void namedQuotasChangeAndTheOthersStay() throws Exception {
        QuotaChanges changes = QuotaChanges.parse(new ObjectMapper().readTree("{\"burst\": 3, \"activeJobs\": 1}"));
        assertEquals(new Quotas(50, 3, 1, 2_000_000_000L), changes.applyTo(DEFAULTS));
        assertEquals(DEFAULTS, QuotaChanges.parse(null).applyTo(DEFAULTS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"burst\": 0}", "{\"burst\": -1}", "{\"activeJobs\": 1.5}", "{\"datasetBytes\": \"1G\"}",
            "{\"requestsPerSecond\": 1e9}", "{\"activeJobs\": 99999999999}", "{\"burst\": {}}"})
    void valuesThatAreNotPositiveWholeNumbersInRangeAre400(String json) throws Exception {
        ApiException e = assertThrows(ApiException.class, () -> QuotaChanges.parse(new ObjectMapper().readTree(json)));
        assertEquals("invalid_quota", e.code());
    }

    @Test
    void tenantIdsAreSafeInKeysAndPaths() {
        for (String id : new String[] {"a", "acme", "team-7", "a".repeat(40)}) {
            assertTrue(Tenant.validId(id), id);
        }
        for (String id : new String[] {"", "-a", "a-", "A", "a_b", "a.b", "../x", "a b", "a".repeat(41), "ü"}) {
            assertFalse(Tenant.validId(id), id);
        }
    }
}
