package dev.voicefarm.gateway.idempotency;

import dev.voicefarm.common.hash.Sha256;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.gateway.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code Idempotency-Key} rule of the creating endpoints: the first request with a key claims
 * it for the resource it creates, before creating anything; a later request with the same key and
 * the same body gets that resource; the same key with another body is a 409. Claims live under
 * {@code farm:idem:<tenant>:<endpoint>:<key>} for {@code farm.gateway.idempotency-ttl}.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";

    /** A request that came with a key: where its claim lives and what its body was. */
    public record Request(String storeKey, IdempotencyKey key, String requestHash) {
    }

    /** What a first request creates: the resource's id and, for jobs, the JobSpec JSON to publish. */
    public record Resource(String id, String spec) {
    }

    /** The claim that holds the key, and whether this request made it ({@code first}) or an earlier one did. */
    public record Claimed(IdempotencyClaim claim, boolean first) {
    }

    private final ClaimStore claims;
    private final Duration ttl;

    public Idempotency(ClaimStore claims,
                       @ConfigProperty(name = "farm.gateway.idempotency-ttl", defaultValue = "24h") Duration ttl) {
        this.claims = claims;
        this.ttl = ttl;
    }

    /**
     * @return the keyed request; empty without the header
     * @throws ApiException 400 {@code invalid_idempotency_key}
     */
    public Optional<Request> request(String tenant, String endpoint, String header, byte[] body) {
        return IdempotencyKey.fromHeader(header).map(key -> new Request(
                "farm:idem:" + tenant + ":" + endpoint + ":" + key.value(), key, Sha256.hex(body)));
    }

    /**
     * The claim of the request's key. Without one yet, {@code create} names the new resource (it
     * may refuse with its own error, and then nothing is claimed) and the key is claimed for it,
     * unless a concurrent request with the key claimed it first.
     *
     * @throws ApiException 409 {@code idempotency_key_reused} when the key was first used with another body
     */
    public Claimed claim(Request request, Supplier<Resource> create) {
        Optional<IdempotencyClaim> earlier = claims.find(request.storeKey()).map(Idempotency::decode);
        if (earlier.isPresent()) {
            return replay(request, earlier.get());
        }
        Resource resource = create.get();
        IdempotencyClaim mine = new IdempotencyClaim(request.requestHash(), resource.id(), resource.spec());
        return claims.putIfAbsent(request.storeKey(), Json.encode(mine), ttl)
                .map(winner -> replay(request, decode(winner)))
                .orElseGet(() -> new Claimed(mine, true));
    }

    private static Claimed replay(Request request, IdempotencyClaim earlier) {
        if (!earlier.requestHash().equals(request.requestHash())) {
            throw ApiException.conflict("idempotency_key_reused", "Idempotency-Key '" + request.key().value()
                    + "' was already used with a different request body; use a new key for a new request");
        }
        return new Claimed(earlier, false);
    }

    private static IdempotencyClaim decode(String json) {
        return Json.decode(json, IdempotencyClaim.class);
    }

}
