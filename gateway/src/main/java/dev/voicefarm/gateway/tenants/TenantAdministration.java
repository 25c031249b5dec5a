package dev.voicefarm.gateway.tenants;

import dev.voicefarm.gateway.api.ApiException;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tenants and their keys, as the admin endpoints manage them, and the operator's root key.
 *
 * <p>The root key ({@code farm.gateway.admin-key}, from the environment, like a database's root
 * password) is an admin key of the tenant {@value #OPERATORS} that lives only in configuration:
 * the gateway keeps its SHA-256, never stores it, and it works even on an empty Redis, so the
 * operator can always create the first tenants. New tenants get the configured default quotas.
 */
@ApplicationScoped
public class TenantAdministration {

    /** The tenant of the root key; jobs submitted with it belong here. */
    public static final String OPERATORS = "operators";
    static final String ROOT_KEY_ID = "root";

    private final TenantStore tenants;
    private final ApiKeys keys;
    private final Quotas defaults;
    private final Optional<byte[]> rootKeyHash;
    private final Clock clock = Clock.systemUTC();

    public TenantAdministration(TenantStore tenants, ApiKeys keys,
                                @ConfigProperty(name = "farm.gateway.admin-key") Optional<String> rootKey,
                                @ConfigProperty(name = "farm.gateway.quota.requests-per-second", defaultValue = "50") int requestsPerSecond,
                                @ConfigProperty(name = "farm.gateway.quota.burst", defaultValue = "100") int burst,
                                @ConfigProperty(name = "farm.gateway.quota.active-jobs", defaultValue = "500") int activeJobs,
                                @ConfigProperty(name = "farm.gateway.quota.dataset-bytes", defaultValue = "2G") MemorySize datasetBytes) {
        this.tenants = tenants;
        this.keys = keys;
        this.defaults = new Quotas(requestsPerSecond, burst, activeJobs, datasetBytes.asLongValue());
        this.rootKeyHash = rootKey.filter(key -> !key.isBlank()).map(ApiKeys::fingerprint);
    }

    /** The caller a bearer token is: the root key, a live stored key, or nobody. */
    public Optional<Caller> caller(String token) {
        if (rootKeyHash.isPresent() && MessageDigest.isEqual(rootKeyHash.get(), ApiKeys.fingerprint(token))) {
            return Optional.of(new Caller(OPERATORS, Role.ADMIN, ROOT_KEY_ID, defaults));
        }
        return keys.authenticate(token).flatMap(key -> tenants.find(key.tenant())
                .map(tenant -> new Caller(tenant.id(), key.role(), key.id(), tenant.quotas())));
    }

    /** @throws ApiException 409 {@code tenant_exists} */
    public Tenant create(String id, String name, QuotaChanges quotas) {
        Tenant tenant = new Tenant(id, name, clock.instant().truncatedTo(ChronoUnit.MILLIS), quotas.applyTo(defaults));
        if (!tenants.create(tenant)) {
            throw ApiException.conflict("tenant_exists", "tenant '" + id + "' exists already");
        }
        return tenant;
    }

    public List<Tenant> all() {
        return tenants.all();
    }

    /** @throws ApiException 404 */
    public Tenant find(String id) {
        return tenants.find(id).orElseThrow(() -> ApiException.notFound("no tenant '" + id + "'"));
    }

    /** @throws ApiException 404 */
    public Tenant changeQuotas(String id, QuotaChanges changes) {
        Tenant tenant = find(id);
        Tenant changed = tenant.withQuotas(changes.applyTo(tenant.quotas()));
        tenants.update(changed);
        return changed;
    }

    /** @throws ApiException 404 for an unknown tenant */
    public IssuedKey issueKey(String tenant, Role role, String name) {
        return keys.issue(find(tenant).id(), role, name);
    }

    /** @throws ApiException 404 for an unknown tenant */
    public List<ApiKey> keys(String tenant) {
        return keys.list(find(tenant).id());
    }

    /** @throws ApiException 404 */
    public ApiKey revoke(String keyId) {
        return keys.revoke(keyId).orElseThrow(() -> ApiException.notFound("no API key '" + keyId + "'"));
    }

    /** @throws ApiException 404 for unknown or revoked keys */
    public IssuedKey rotate(String keyId) {
        return keys.rotate(keyId).orElseThrow(() -> ApiException.notFound("no live API key '" + keyId + "'"));
    }
}
