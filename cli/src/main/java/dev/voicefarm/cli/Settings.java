package dev.voicefarm.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which gateway the client calls and with which key. The first that is set wins:
 * <ul>
 *   <li>gateway: {@code --url}, {@code FARM_GATEWAY_URL}, {@value #DEFAULT_URL};</li>
 *   <li>user key: {@code --key}, {@code FARM_API_KEY}, the file {@code dev-api-key} that {@code ./farm up} writes
 *       in {@code FARM_HOME} ({@code ./.farm} when unset);</li>
 *   <li>admin key (tenants and keys): {@code --key}, {@code FARM_GATEWAY_ADMIN_KEY}.</li>
 * </ul>
 * An explicit option beats the environment, as in every other command-line tool.
 *
 * @param key the bearer key, or empty when none was found (the command that needs one says so)
 */
record Settings(URI gateway, Optional<String> key) {

    static final String DEFAULT_URL = "http://127.0.0.1:8080";

    /** The user's settings: for jobs, voices and the fleet. */
    static Settings user(String urlOption, String keyOption, Map<String, String> env) {
        Optional<String> key = first(keyOption, env.get("FARM_API_KEY"))
                .or(() -> devKeyFile(env.get("FARM_HOME")));
        return new Settings(gateway(urlOption, env), key);
    }

    /** The operator's settings: for the admin API. */
    static Settings admin(String urlOption, String keyOption, Map<String, String> env) {
        return new Settings(gateway(urlOption, env), first(keyOption, env.get("FARM_GATEWAY_ADMIN_KEY")));
    }

    private static URI gateway(String urlOption, Map<String, String> env) {
        String url = first(urlOption, env.get("FARM_GATEWAY_URL")).orElse(DEFAULT_URL);
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new CliException("invalid_url", "the gateway URL '" + url + "' is not a URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new CliException("invalid_url", "the gateway URL '" + url + "' must be http://host[:port] or https://…");
        }
        return uri;
    }

    private static Optional<String> first(String option, String variable) {
        return Optional.ofNullable(option).or(() -> Optional.ofNullable(variable)).map(String::strip)
                .filter(value -> !value.isEmpty());
    }

    private static Optional<String> devKeyFile(String farmHome) {
        Path file = Path.of(farmHome == null || farmHome.isBlank() ? ".farm" : farmHome, "dev-api-key");
        try {
            return Files.isReadable(file) ? Optional.of(Files.readString(file).strip()).filter(k -> !k.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            throw new CliException("unreadable_key_file", "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The key, or a failure that says where the client looked. */
    String requireKey() {
        return key.orElseThrow(() -> new CliException("missing_api_key", "no API key: give --key, set FARM_API_KEY "
                + "(FARM_GATEWAY_ADMIN_KEY for tenants and keys) or run ./farm up, which writes .farm/dev-api-key"));
    }
}
