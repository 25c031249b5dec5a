package dev.voicefarm.gateway.tenants;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrustedTenantsTest {

    private static Caller user(String tenant) {
        return new Caller(tenant, Role.USER, "k", null);
    }

    @Test
    void byDefaultOnlyAdminKeysAreTrusted() {
        TrustedTenants nobody = new TrustedTenants(Optional.empty());
        assertFalse(nobody.trusts(user("dev")));
        assertTrue(nobody.trusts(new Caller("operators", Role.ADMIN, "k", null)));
    }

    @Test
    void idsPrefixesAndEveryone() {
        TrustedTenants some = new TrustedTenants(Optional.of(List.of("dev", " studio-* ", "")));
        assertTrue(some.trusts(user("dev")));
        assertTrue(some.trusts(user("studio-berlin")));
        assertFalse(some.trusts(user("developer")), "an id is not a prefix");
        assertFalse(some.trusts(user("studio")), "the prefix includes its dash");
        assertTrue(new TrustedTenants(Optional.of(List.of("*"))).trusts(user("anyone")));
    }
}
