package dev.voicefarm.gateway.webhooks;

import dev.voicefarm.gateway.api.ApiException;
import dev.voicefarm.gateway.api.JsonBody;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The syntax of a job's {@code webhook}: an absolute {@code http} or {@code https} URL of at most
 * {@value #MAX_CHARS} characters with a host, without user info (credentials in a URL end up in
 * logs) and without a fragment (never sent). Where it may point is {@link AddressPolicy}'s business.
 */
public final class WebhookUrl {

    public static final int MAX_CHARS = 2048;

    private WebhookUrl() {
    }

    /** @throws ApiException 400 {@code invalid_webhook} */
    public static URI parse(String text) {
        if (text.length() > MAX_CHARS) {
            throw invalid("is " + text.length() + " characters long; the limit is " + MAX_CHARS);
        }
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid("'" + JsonBody.clip(text) + "' is not a URL: " + e.getReason());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw invalid("'" + JsonBody.clip(text) + "' is not an absolute https:// or http:// URL");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw invalid("'" + JsonBody.clip(text) + "' has no host name");
        }
        if (url.getRawUserInfo() != null) {
            throw invalid("has user info (user:password@); authenticate the delivery by its signature instead");
        }
        if (url.getRawFragment() != null) {
            throw invalid("has a fragment (#...), which is never sent; leave it out");
        }
        return url;
    }

    /** 400 {@code invalid_webhook} with a message that starts "field 'webhook' ". */
    public static ApiException invalid(String why) {
        return ApiException.badRequest("invalid_webhook", "field 'webhook' " + why);
    }
}
