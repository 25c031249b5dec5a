package dev.voicefarm.testinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComposeImagesTest {

    @Test
    void theImagesAreDockerComposesPinnedOnes() {
        Map<InfraService, String> images = ComposeImages.read(Path.of("../docker-compose.yml"));
        assertEquals(3, images.size(), images.toString());
        assertTrue(images.get(InfraService.KAFKA).startsWith("apache/kafka:4."), images.toString());
        assertTrue(images.get(InfraService.REDIS).startsWith("redis:"), images.toString());
        assertTrue(images.get(InfraService.S3).startsWith("minio/minio:RELEASE."), images.toString());
        images.values().forEach(image -> assertTrue(!image.endsWith(":latest") && image.contains(":"), image + " is not pinned"));
    }

    @Test
    void aServiceWithoutAnImageIsNamed() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ComposeImages.parse("""
                services:
                  kafka: {image: "apache/kafka:4.3.1"}
                  redis: {image: "redis:7"}
                  minio: {build: .}
                """, "compose"));
        assertEquals("compose: service minio names no image", refused.getMessage());
    }
}
