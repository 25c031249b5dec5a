package dev.voicefarm.gateway.idempotency;

import dev.voicefarm.gateway.api.ApiException;
import java.util.Optional;

/** A client's {@code Idempotency-Key}: 1 to {@value #MAX_LENGTH} printable ASCII characters. */
public record IdempotencyKey(String value) {

    public static final int MAX_LENGTH = 255;

    /** @throws ApiException 400 {@code invalid_idempotency_key} */
    public IdempotencyKey {
        if (value.isEmpty() || value.length() > MAX_LENGTH || !value.chars().allMatch(c -> c >= ' ' && c <= '~')) {
            throw ApiException.badRequest("invalid_idempotency_key", "the Idempotency-Key header must have 1 to "
                    + MAX_LENGTH + " printable ASCII characters; a UUID is a good key");
        }
    }

    /** The key a request sent; empty without the header. @throws ApiException 400 {@code invalid_idempotency_key} */
    public static Optional<IdempotencyKey> fromHeader(String header) {
        return Optional.ofNullable(header).map(IdempotencyKey::new);
    }
}
