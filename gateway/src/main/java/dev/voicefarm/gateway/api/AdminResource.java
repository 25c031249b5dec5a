package dev.voicefarm.gateway.api;

import dev.voicefarm.common.jobs.DeadLetter;
import dev.voicefarm.gateway.deadletters.DeadLetters;
import jakarta.ws.rs.QueryParam;
import com.fasterxml.jackson.databind.JsonNode;
import dev.voicefarm.gateway.tenants.AdminOnly;
import dev.voicefarm.gateway.tenants.ApiKey;
import dev.voicefarm.gateway.tenants.IssuedKey;
import dev.voicefarm.gateway.tenants.QuotaChanges;
import dev.voicefarm.gateway.tenants.Role;
import dev.voicefarm.gateway.tenants.Tenant;
import dev.voicefarm.gateway.tenants.TenantAdministration;
import dev.voicefarm.gateway.webhooks.WebhookSecret;
import dev.voicefarm.gateway.webhooks.WebhookSecrets;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;

/**
 * {@code /v1/admin}: tenants, their quotas, their API keys and their webhook secrets, and the dead
 * letters; admin keys only. A key's secret is in the answer that creates it (create, rotate) and nowhere else.
 */
@Path("/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@AdminOnly
public class AdminResource {

    public record Tenants(List<Tenant> tenants) {
    }

    public record Keys(List<ApiKey> keys) {
    }

    /** The newest dead letters, newest first. */
    public record DeadLetterList(List<DeadLetter> deadLetters) {
    }

    static final int MAX_DEAD_LETTERS = 500;

    private static final Set<String> TENANT_FIELDS = Set.of("id", "name", "quotas");
    private static final Set<String> KEY_FIELDS = Set.of("role", "name");
    private static final int MAX_NAME_CHARS = 100;

    private final TenantAdministration administration;
    private final WebhookSecrets webhookSecrets;

    private final DeadLetters deadLetters;

    public AdminResource(TenantAdministration administration, WebhookSecrets webhookSecrets, DeadLetters deadLetters) {
        this.administration = administration;
        this.webhookSecrets = webhookSecrets;
        this.deadLetters = deadLetters;
    }

    /** {@code GET /v1/admin/dead-letters?limit=50}: the jobs that spent their budget, newest first (1–500, default 50). */
    @GET
    @Path("/dead-letters")
    public DeadLetterList deadLetters(@QueryParam("limit") String limit) {
        return new DeadLetterList(deadLetters.newest(JobListResource.limit(limit, 50, MAX_DEAD_LETTERS)));
    }

    /** {@code {"id": "acme", "name": "Acme Inc.", "quotas": {...}}}: 201 with the tenant; 409 when the id is taken. */
    @POST
    @Path("/tenants")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createTenant(byte[] body) {
        JsonNode root = JsonBody.object(body);
        JsonBody.knownFields(root, TENANT_FIELDS, "a tenant has id, name and quotas");
        JsonNode idNode = root.get("id");
        if (idNode == null || idNode.isNull()) {
            throw ApiException.badRequest("missing_field", "field 'id' is required");
        }
        if (!idNode.isTextual() || !Tenant.validId(idNode.textValue())) {
            throw ApiException.badRequest("invalid_tenant_id", "field 'id' must be 1 to 40 lower-case letters, digits"
                    + " and inner hyphens (it becomes part of object keys)");
        }
        String id = idNode.textValue();
        Tenant tenant = administration.create(id, name(root.get("name"), id), QuotaChanges.parse(root.get("quotas")));
        return Accepted.created("/v1/admin/tenants/" + tenant.id(), tenant);
    }

    @GET
    @Path("/tenants")
    public Tenants tenants() {
        return new Tenants(administration.all());
    }

    @GET
    @Path("/tenants/{id}")
    public Tenant tenant(@PathParam("id") String id) {
        return administration.find(id);
    }

    /** Changes the named quotas, keeps the others. */
    @PUT
    @Path("/tenants/{id}/quotas")
    @Consumes(MediaType.APPLICATION_JSON)
    public Tenant changeQuotas(@PathParam("id") String id, byte[] body) {
        return administration.changeQuotas(id, QuotaChanges.parse(JsonBody.object(body)));
    }

    /** {@code {"role": "user", "name": "web app"}}: 201 with the key, its secret shown this once. */
    @POST
    @Path("/tenants/{id}/keys")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issueKey(@PathParam("id") String tenant, byte[] body) {
        JsonNode root = JsonBody.object(body);
        JsonBody.knownFields(root, KEY_FIELDS, "a key has role and name");
        IssuedKey issued = administration.issueKey(tenant, role(root.get("role")), name(root.get("name"), "key"));
        return Accepted.created("/v1/admin/keys/" + issued.apiKey().id(), issued);
    }

    @GET
    @Path("/tenants/{id}/keys")
    public Keys keys(@PathParam("id") String tenant) {
        return new Keys(administration.keys(tenant));
    }

    /** Revokes at once: the next request with the key is a 401. */
    @DELETE
    @Path("/keys/{keyId}")
    public ApiKey revoke(@PathParam("keyId") String keyId) {
        return administration.revoke(keyId);
    }

    /** A new key with the same tenant, role and name; the old one is revoked at once. */
    @POST
    @Path("/keys/{keyId}/rotate")
    public Response rotate(@PathParam("keyId") String keyId) {
        IssuedKey issued = administration.rotate(keyId);
        return Accepted.created("/v1/admin/keys/" + issued.apiKey().id(), issued);
    }

    /**
     * A new webhook signing secret for the tenant, in this answer; deliveries are signed with it from
     * now on and the old one stops verifying at once (the tenant reads it with {@code GET /v1/webhook-secret}).
     */
    @POST
    @Path("/tenants/{id}/webhook-secret")
    public WebhookSecret rotateWebhookSecret(@PathParam("id") String tenant) {
        String id = administration.find(tenant).id();
        return new WebhookSecret(id, webhookSecrets.rotate(id));
    }

    private static Role role(JsonNode node) {
        if (node == null || node.isNull()) {
            return Role.USER;
        }
        if (!node.isTextual()) {
            throw JsonBody.wrongType("role", "\"user\" or \"admin\"", node);
        }
        return Role.fromId(node.textValue()).orElseThrow(() -> ApiException.badRequest("invalid_role",
                "role '" + JsonBody.clip(node.textValue()) + "' does not exist; use user or admin"));
    }

    private static String name(JsonNode node, String fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        return JsonBody.name("name", node, MAX_NAME_CHARS);
    }
}
