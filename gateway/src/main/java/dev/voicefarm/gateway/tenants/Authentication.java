package dev.voicefarm.gateway.tenants;

import dev.voicefarm.gateway.api.ApiException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every API request carries {@code Authorization: Bearer <key>}. The key names the tenant and the
 * role; {@link AdminOnly} resources need the admin role, {@link TrustedTenantsOnly} ones a trusted
 * tenant; then the tenant's request rate is
 * checked. Missing or unknown key: 401; wrong role: 403; over the rate: 429. Runs before any
 * resource, on the request's worker thread (it reads Redis).
 */
public class Authentication {

    private static final String BEARER = "Bearer ";

    private final TenantAdministration administration;
    private final RateLimits rateLimits;
    private final CallerContext context;
    private final TrustedTenants trusted;

    public Authentication(TenantAdministration administration, RateLimits rateLimits, CallerContext context,
                          TrustedTenants trusted) {
        this.administration = administration;
        this.rateLimits = rateLimits;
        this.context = context;
        this.trusted = trusted;
    }

    @ServerRequestFilter
    public void authenticate(ContainerRequestContext request, ResourceInfo resource) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            throw ApiException.unauthorized("missing_api_key",
                    "this endpoint needs an API key: send the header 'Authorization: Bearer <key>'");
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ApiException.unauthorized("invalid_api_key", "the Authorization header must be 'Bearer <key>'");
        }
        String token = header.substring(BEARER.length()).strip();
        Caller caller = administration.caller(token).orElseThrow(() -> ApiException.unauthorized("invalid_api_key",
                "the API key is not valid: unknown, revoked or mistyped"));
        if (!caller.admin() && adminOnly(resource)) {
            throw ApiException.forbidden("this endpoint needs an admin key; this key has the role '"
                    + caller.role().id() + "'");
        }
        if (resource.getResourceMethod().isAnnotationPresent(TrustedTenantsOnly.class) && !trusted.trusts(caller)) {
            throw ApiException.forbidden("tenant '" + caller.tenant() + "' may not import GPT-SoVITS weights: they are"
                    + " pickles that GPT-SoVITS unpickles, which runs code on the farm's hosts, so only admin keys and"
                    + " the tenants an operator trusts (FARM_GATEWAY_TRUSTED_TENANTS) may import them");
        }
        context.set(caller);
        rateLimits.take(caller);
    }

    private static boolean adminOnly(ResourceInfo resource) {
        return resource.getResourceMethod().isAnnotationPresent(AdminOnly.class)
                || resource.getResourceClass().isAnnotationPresent(AdminOnly.class);
    }
}
