package dev.voicefarm.gateway.tenants;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** What a key may do: {@code user} works with its tenant's jobs, datasets and voices; {@code admin} also manages tenants, keys and sees the whole fleet. */
public enum Role {
    USER,
    ADMIN;

    @JsonValue
    public String id() {
        return name().toLowerCase();
    }

    public static Optional<Role> fromId(String id) {
        return Arrays.stream(values()).filter(role -> role.id().equals(id)).findFirst();
    }

    @JsonCreator
    static Role of(String id) {
        return fromId(id).orElseThrow(() -> new IllegalArgumentException("no role '" + id + "'"));
    }
}
