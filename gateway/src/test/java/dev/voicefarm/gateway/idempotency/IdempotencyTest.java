package dev.voicefarm.gateway.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.json.Json;
import dev.voicefarm.gateway.api.ApiException;
import jakarta.ws.rs.core.Response.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyTest {

    private static final Duration TTL = Duration.ofHours(24);
    private static final byte[] BODY = "abc".getBytes(StandardCharsets.US_ASCII);
    private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private final InMemoryClaims claims = new InMemoryClaims();
    private final Idempotency idempotency = new Idempotency(claims, TTL);
    private final AtomicInteger created = new AtomicInteger();

    private Idempotency.Request request(String key, byte[] body) {
        return idempotency.request("acme", "synthesis", key, body).orElseThrow();
    }

    private Idempotency.Resource create() {
        return new Idempotency.Resource("job-" + created.incrementAndGet(), "{\"jobId\":\"job-" + created.get() + "\"}");
    }

    @Test
    void withoutTheHeaderThereIsNoKeyedRequest() {
        assertEquals(Optional.empty(), idempotency.request("acme", "synthesis", null, BODY));
    }

    @Test
    void theFirstRequestClaimsTheKeyForItsNewResource() {
        Idempotency.Request request = request("order-17", BODY);
        assertEquals("farm:idem:acme:synthesis:order-17", request.storeKey());
        assertEquals(ABC_SHA256, request.requestHash());

        Idempotency.Claimed claimed = idempotency.claim(request, this::create);

        assertTrue(claimed.first());
        assertEquals(new IdempotencyClaim(ABC_SHA256, "job-1", "{\"jobId\":\"job-1\"}"), claimed.claim());
        assertEquals(claimed.claim(), Json.decode(claims.values.get(request.storeKey()), IdempotencyClaim.class));
        assertEquals(TTL, claims.ttls.get(request.storeKey()));
    }

    @Test
    void theSameKeyAndBodyGetTheSameResourceWithoutCreatingAnother() {
        IdempotencyClaim first = idempotency.claim(request("k", BODY), this::create).claim();
        Idempotency.Claimed again = idempotency.claim(request("k", BODY.clone()), this::create);
        assertFalse(again.first());
        assertEquals(first, again.claim());
        assertEquals(1, created.get());
    }

    @Test
    void theSameKeyWithAnotherBodyIs409() {
        idempotency.claim(request("k", BODY), this::create);
        ApiException e = assertThrows(ApiException.class,
                () -> idempotency.claim(request("k", "abd".getBytes(StandardCharsets.US_ASCII)), this::create));
        assertEquals(Status.CONFLICT, e.status());
        assertEquals("idempotency_key_reused", e.code());
        assertEquals(1, created.get());
    }

    @Test
    void keysAreSeparateForEachEndpoint() {
        idempotency.claim(request("k", BODY), this::create);
        Idempotency.Request datasets = idempotency.request("acme", "datasets", "k", "other".getBytes()).orElseThrow();
        assertTrue(idempotency.claim(datasets, this::create).first());
    }

    @Test
    void aRequestRefusedBeforeItsResourceExistsClaimsNothing() {
        Idempotency.Request request = request("k", BODY);
        assertThrows(ApiException.class, () -> idempotency.claim(request, () -> {
            throw ApiException.unavailable("no_worker", "nobody", Duration.ofSeconds(10));
        }));
        assertTrue(claims.values.isEmpty());
        assertTrue(idempotency.claim(request, this::create).first());
    }

    @Test
    void aConcurrentRequestThatClaimedFirstWins() {
        Idempotency.Request request = request("k", BODY);
        IdempotencyClaim winner = new IdempotencyClaim(ABC_SHA256, "job-winner", "{}");
        Idempotency racing = new Idempotency(new InMemoryClaims() {
            @Override
            public synchronized Optional<String> find(String key) {
                return Optional.empty(); // the winner's claim lands between this read and our SET NX
            }

            @Override
            public synchronized Optional<String> putIfAbsent(String key, String value, Duration ttl) {
                return Optional.of(Json.encode(winner));
            }
        }, TTL);
        Idempotency.Claimed claimed = racing.claim(request, this::create);
        assertFalse(claimed.first());
        assertEquals(winner, claimed.claim());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tab\tinside", "é-accented", "line\nbreak", "\u007f"})
    void keysOutsidePrintableAsciiAre400(String key) {
        ApiException e = assertThrows(ApiException.class, () -> idempotency.request("acme", "synthesis", key, BODY));
        assertEquals(Status.BAD_REQUEST, e.status());
        assertEquals("invalid_idempotency_key", e.code());
    }

    @Test
    void keysHaveAtMost255Characters() {
        assertEquals(255, request("k".repeat(255), BODY).key().value().length());
        assertTrue(request(" !~ spaces and punctuation ", BODY).storeKey().endsWith(":synthesis: !~ spaces and punctuation "));
        ApiException e = assertThrows(ApiException.class, () -> idempotency.request("acme", "synthesis", "k".repeat(256), BODY));
        assertEquals("invalid_idempotency_key", e.code());
    }
}
