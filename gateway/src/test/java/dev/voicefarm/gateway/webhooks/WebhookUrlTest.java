package dev.voicefarm.gateway.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.gateway.api.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.example.com/voicefarm?source=tts", "http://example.com:8080/h", "HTTPS://EXAMPLE.COM/"})
    void acceptsAbsoluteHttpUrls(String url) {
        assertEquals(url, WebhookUrl.parse(url).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/h", "/relative/path", "example.com/h", "https:///nohost", "https://exa mple.com/",
            "https://user:pw@example.com/h", "https://example.com/h#frag", "javascript:alert(1)", ""})
    void refusesOtherUrls(String url) {
        ApiException e = assertThrows(ApiException.class, () -> WebhookUrl.parse(url));
        assertEquals("invalid_webhook", e.code());
        assertTrue(e.getMessage().startsWith("field 'webhook' "), e.getMessage());
    }

    @Test
    void refusesUrlsOverTheLimit() {
        String url = "https://example.com/" + "a".repeat(WebhookUrl.MAX_CHARS);
        assertTrue(assertThrows(ApiException.class, () -> WebhookUrl.parse(url)).getMessage().contains("2048"));
        String atLimit = "https://example.com/" + "a".repeat(WebhookUrl.MAX_CHARS - 20);
        assertEquals(atLimit, WebhookUrl.parse(atLimit).toString());
    }
}
