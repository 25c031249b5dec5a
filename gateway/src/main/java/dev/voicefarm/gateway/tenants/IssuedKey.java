package dev.voicefarm.gateway.tenants;

/** A key just created: the only answer that ever carries its secret ({@code key}, the bearer token). */
public record IssuedKey(ApiKey apiKey, String key) {
}
