package dev.voicefarm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The gateway's HTTP API with one bearer key. Every answer outside 2xx becomes a {@link CliException}
 * with the gateway's own error code; a gateway that cannot be reached is one too, naming the URL.
 * Redirects are followed by hand: the audio's 303 points at a presigned storage URL, which must get
 * neither the API key nor an {@code Authorization} header of any kind.
 */
final class Gateway {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    Gateway(Settings settings) {
        this.base = settings.gateway();
        this.key = settings.requireKey();
    }

    /** A path segment or query value as it must be sent (ids typed by a person may hold anything). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    String get(String path) {
        return text(send(request(path).GET()));
    }

    String delete(String path) {
        return text(send(request(path).DELETE()));
    }

    /** A POST without a body (such as a key's rotation). */
    String post(String path) {
        return text(send(request(path).POST(HttpRequest.BodyPublishers.noBody())));
    }

    /** A POST of {@code body} as JSON. */
    String postJson(String path, Object body) {
        return text(send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.compact(body)))));
    }

    /** A POST of a zip file; sent from disk with its length, which the gateway requires. */
    String postZip(String path, Path zip) {
        try {
            return text(send(request(path).header("Content-Type", "application/zip")
                    .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.ofFile(zip))));
        } catch (IOException e) {
            throw new CliException("unreadable_file", "cannot read " + zip + ": " + e.getMessage(), e);
        }
    }

    /**
     * A response body to read as it arrives (server-sent events); the caller closes it. No request
     * timeout: a stream is open as long as the job runs.
     */
    InputStream stream(String path) {
        HttpResponse<InputStream> response = exchange(request(path).header("Accept", "text/event-stream").GET()
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() / 100 != 2) {
            try (InputStream body = response.body()) {
                throw GatewayError.of(response.statusCode(), body.readAllBytes());
            } catch (IOException e) {
                throw new CliException("http_" + response.statusCode(), "the gateway answered " + response.statusCode(), e);
            }
        }
        return response.body();
    }

    /** Saves what {@code path} answers to {@code target}, following its redirect to storage without the key. */
    void download(String path, Path target) {
        HttpResponse<byte[]> answer = send(request(path).GET());
        if (answer.statusCode() == 200) {
            write(target, answer.body());
            return;
        }
        String location = answer.headers().firstValue("Location")
                .orElseThrow(() -> new CliException("malformed_answer", "the gateway's " + answer.statusCode()
                        + " for " + path + " has no Location"));
        URI file = base.resolve(location);
        HttpResponse<byte[]> stored = exchange(HttpRequest.newBuilder(file).timeout(Duration.ofMinutes(10)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (stored.statusCode() != 200) {
            throw new CliException("storage_error", "the audio's storage URL answered " + stored.statusCode()
                    + " (" + file.getHost() + ")");
        }
        write(target, stored.body());
    }

    private static void write(Path target, byte[] bytes) {
        try {
            Files.write(target, bytes);
        } catch (IOException e) {
            throw new CliException("unwritable_file", "cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + key);
    }

    /** Sends the request; a 303 comes back as it is (only {@link #download} expects one), other non-2xx answers throw. */
    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        HttpResponse<byte[]> response = exchange(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status / 100 != 2 && status != 303) {
            throw GatewayError.of(status, response.body());
        }
        return response;
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            URI to = request.uri();
            throw new CliException("unreachable", "cannot reach " + to.getScheme() + "://" + to.getAuthority() + " ("
                    + (e instanceof ConnectException ? "connection refused" : "no answer in " + CONNECT_TIMEOUT.toSeconds() + " s")
                    + "); is the farm up? The gateway's URL comes from --url or FARM_GATEWAY_URL", e);
        } catch (HttpTimeoutException e) {
            throw new CliException("timeout", request.method() + " " + request.uri().getPath() + " got no answer in time", e);
        } catch (IOException e) {
            throw new CliException("unreachable", request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", "interrupted while waiting for the gateway", e);
        }
    }
}
