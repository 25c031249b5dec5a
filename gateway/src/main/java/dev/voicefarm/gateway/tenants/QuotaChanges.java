package dev.voicefarm.gateway.tenants;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicefarm.gateway.api.ApiException;
import dev.voicefarm.gateway.api.JsonBody;
import java.util.Set;

/** Quotas named in an admin request; {@code null} keeps the current (or default) value. */
public record QuotaChanges(Integer requestsPerSecond, Integer burst, Integer activeJobs, Long datasetBytes) {

    public static final QuotaChanges NONE = new QuotaChanges(null, null, null, null);

    private static final Set<String> FIELDS = Set.of("requestsPerSecond", "burst", "activeJobs", "datasetBytes");

    /** @throws ApiException 400 for unknown fields and values that are not positive whole numbers */
    public static QuotaChanges parse(JsonNode node) {
        if (node == null || node.isNull()) {
            return NONE;
        }
        if (!node.isObject()) {
            throw JsonBody.wrongType("quotas", "an object", node);
        }
        JsonBody.knownFields(node, FIELDS, "quotas have requestsPerSecond, burst, activeJobs and datasetBytes");
        Long rate = positive(node, "requestsPerSecond", 100_000);
        Long burst = positive(node, "burst", 1_000_000);
        Long jobs = positive(node, "activeJobs", 10_000_000);
        Long bytes = positive(node, "datasetBytes", Long.MAX_VALUE / 2);
        return new QuotaChanges(rate == null ? null : rate.intValue(), burst == null ? null : burst.intValue(),
                jobs == null ? null : jobs.intValue(), bytes);
    }

    public Quotas applyTo(Quotas current) {
        return new Quotas(
                requestsPerSecond == null ? current.requestsPerSecond() : requestsPerSecond,
                burst == null ? current.burst() : burst,
                activeJobs == null ? current.activeJobs() : activeJobs,
                datasetBytes == null ? current.datasetBytes() : datasetBytes);
    }

    private static Long positive(JsonNode quotas, String field, long max) {
        JsonNode node = quotas.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 1 || node.longValue() > max) {
            throw ApiException.badRequest("invalid_quota", "quotas." + field + " must be a whole number from 1 to " + max);
        }
        return node.longValue();
    }
}
