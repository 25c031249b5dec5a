package dev.voicefarm.gateway.api;

import dev.voicefarm.gateway.tenants.CallerContext;
import dev.voicefarm.gateway.webhooks.WebhookSecret;
import dev.voicefarm.gateway.webhooks.WebhookSecrets;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /v1/webhook-secret}: the secret that signs the caller's tenant's webhook deliveries,
 * made on first read, for any key of the tenant: whoever integrates the API verifies deliveries
 * with it, as with the signing secret of a Stripe endpoint. Rotating it is an admin's
 * ({@code POST /v1/admin/tenants/{id}/webhook-secret}).
 */
@Path("/v1/webhook-secret")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookSecretResource {

    private final WebhookSecrets secrets;
    private final CallerContext caller;

    public WebhookSecretResource(WebhookSecrets secrets, CallerContext caller) {
        this.secrets = secrets;
        this.caller = caller;
    }

    @GET
    public WebhookSecret get() {
        String tenant = caller.tenant();
        return new WebhookSecret(tenant, secrets.current(tenant));
    }
}
