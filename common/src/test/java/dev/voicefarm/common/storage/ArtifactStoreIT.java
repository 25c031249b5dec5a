package dev.voicefarm.common.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.voicefarm.common.testing.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the real S3 server of the test stack. */
class ArtifactStoreIT {

    private static ArtifactStore store;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void connect() {
        store = new ArtifactStore(LocalStack.s3());
        store.ensureBuckets();
        store.ensureBuckets();
    }

    @AfterAll
    static void close() throws Exception {
        store.close();
    }

    @Test
    void storedObjectsReadBackAndARedoOverwrites() {
        String key = ObjectKeys.jobAudio("default", UUID.randomUUID().toString(), 1);
        store.put(ObjectKeys.ARTIFACTS_BUCKET, key, "first".getBytes(StandardCharsets.UTF_8), "text/plain");
        store.put(ObjectKeys.ARTIFACTS_BUCKET, key, "second".getBytes(StandardCharsets.UTF_8), "text/plain");
        assertArrayEquals("second".getBytes(StandardCharsets.UTF_8), store.get(ObjectKeys.ARTIFACTS_BUCKET, key));
    }

    @Test
    void presignedUrlDownloadsAndATamperedOneIsRefused() throws Exception {
        String key = ObjectKeys.jobAudio("default", UUID.randomUUID().toString(), 1);
        byte[] content = "RIFF....WAVE".getBytes(StandardCharsets.US_ASCII);
        store.put(ObjectKeys.ARTIFACTS_BUCKET, key, content, "audio/wav");
        String url = store.presignedGet(ObjectKeys.ARTIFACTS_BUCKET, key, Duration.ofMinutes(5));

        HttpResponse<byte[]> ok = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, ok.statusCode());
        assertArrayEquals(content, ok.body());

        String tampered = url.replaceFirst("X-Amz-Signature=.", "X-Amz-Signature=0");
        tampered = tampered.equals(url) ? url.replaceFirst("X-Amz-Signature=.", "X-Amz-Signature=1") : tampered;
        HttpResponse<byte[]> refused = http.send(HttpRequest.newBuilder(URI.create(tampered)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(403, refused.statusCode());
    }
}
