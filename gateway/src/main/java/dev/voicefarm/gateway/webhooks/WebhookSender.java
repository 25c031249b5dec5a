package dev.voicefarm.gateway.webhooks;

import java.net.URI;
import java.util.Map;

/** Sends one signed delivery and says how the receiver answered. */
@FunctionalInterface
public interface WebhookSender {

    Answer send(URI url, Map<String, String> headers, byte[] body);

    /**
     * @param statusCode the receiver's HTTP status, {@code null} when it did not answer
     * @param error      why it did not answer, {@code null} when it did
     */
    record Answer(Integer statusCode, String error) {

        static Answer status(int statusCode) {
            return new Answer(statusCode, null);
        }

        static Answer failed(String error) {
            return new Answer(null, error);
        }

        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }
}
