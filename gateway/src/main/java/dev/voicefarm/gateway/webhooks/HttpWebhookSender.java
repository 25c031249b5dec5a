package dev.voicefarm.gateway.webhooks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * POSTs deliveries with OkHttp, to exactly the addresses {@link AddressPolicy} resolved and
 * allowed: the client's {@code Dns} answers the URL's host with those addresses and nothing else,
 * so there is no second lookup for DNS to answer differently (rebinding), while TLS still checks
 * the certificate against the URL's host name (SNI and hostname verification are OkHttp's own).
 * No proxy, no redirects (a 3xx is an answer, not delivered), no retries inside an attempt, short
 * timeouts; the receiver's body is never read.
 */
public final class HttpWebhookSender implements WebhookSender {

    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient client;
    private final AddressPolicy policy;

    /**
     * @param connectTimeout how long to wait for a connection
     * @param timeout        how long a whole attempt may take, connection to answer
     */
    public HttpWebhookSender(AddressPolicy policy, Duration connectTimeout, Duration timeout) {
        this.policy = policy;
        this.client = new OkHttpClient.Builder()
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(connectTimeout)
                .callTimeout(timeout)
                .build();
    }

    @Override
    public Answer send(URI url, Map<String, String> headers, byte[] body) {
        HttpUrl target = HttpUrl.get(url.toString());
        List<InetAddress> addresses;
        try {
            addresses = policy.resolve(target.host());
        } catch (AddressPolicy.Refused e) {
            return Answer.failed("not sent: " + e.getMessage());
        }
        OkHttpClient pinned = client.newBuilder().dns(host -> pinnedLookup(target.host(), addresses, host)).build();
        Request.Builder request = new Request.Builder().url(target).post(RequestBody.create(body, JSON));
        headers.forEach(request::header);
        try (Response response = pinned.newCall(request.build()).execute()) {
            return Answer.status(response.code());
        } catch (IOException e) {
            return Answer.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static List<InetAddress> pinnedLookup(String allowedHost, List<InetAddress> addresses, String host)
            throws UnknownHostException {
        if (!allowedHost.equalsIgnoreCase(host)) {
            throw new UnknownHostException("a webhook delivery connects to " + allowedHost + " only, not " + host);
        }
        return addresses;
    }
}
