package dev.voicefarm.common.storage;

import static org.junit.jupiter.api.Assertions.assertSame;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class ArtifactStoreHttpClientTest {

    @Test
    void thePinnerHoldsTheClientsOwnChainCleanerSoTheCopyForEveryUploadComparesOneReference() {
        OkHttpClient client = ArtifactStore.httpClient(5_000);
        // What MinIO's S3Base.executeAsync does for a PUT with a stream body.
        OkHttpClient copy = client.newBuilder().retryOnConnectionFailure(false).build();
        // The copy checks its pinner's chain cleaner against its own (Kotlin ==, i.e. equals). With the
        // client's own object in the pinner, equals stops at the reference; with an equal but distinct
        // one (MinIO's default client) it compares every trusted CA certificate.
        assertSame(client.certificateChainCleaner(), client.certificatePinner().getCertificateChainCleaner$okhttp());
        assertSame(client.certificateChainCleaner(), copy.certificatePinner().getCertificateChainCleaner$okhttp());
    }
}
