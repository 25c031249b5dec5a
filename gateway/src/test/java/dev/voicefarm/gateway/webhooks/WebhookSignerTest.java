package dev.voicefarm.gateway.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    /** The test vector of the Standard Webhooks reference libraries: what their verifiers accept. */
    @Test
    void reproducesTheStandardWebhooksReferenceVector() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSigner.sign(
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, BODY));
    }

    @Test
    void aReceiverRecomputesTheSignatureFromTheDecodedSecret() throws Exception {
        String secret = WebhookSigner.newSecret();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] expected = mac.doFinal(("msg_1.1700000000." + new String(BODY, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("v1," + Base64.getEncoder().encodeToString(expected), WebhookSigner.sign(secret, "msg_1", 1700000000, BODY));
    }

    @Test
    void anotherIdTimestampOrBodyIsAnotherSignature() {
        String secret = WebhookSigner.newSecret();
        String signature = WebhookSigner.sign(secret, "msg_1", 1, BODY);
        assertNotEquals(signature, WebhookSigner.sign(secret, "msg_2", 1, BODY));
        assertNotEquals(signature, WebhookSigner.sign(secret, "msg_1", 2, BODY));
        assertNotEquals(signature, WebhookSigner.sign(secret, "msg_1", 1, "{}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void secretsAreWhsecAnd256RandomBits() {
        String secret = WebhookSigner.newSecret();
        assertTrue(secret.startsWith("whsec_"), secret);
        assertEquals(32, Base64.getDecoder().decode(secret.substring(6)).length);
        assertNotEquals(secret, WebhookSigner.newSecret());
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.sign("MfKQ9r8G", "msg_1", 1, BODY));
    }
}
