package dev.voicefarm.common.storage;

/**
 * Where the S3 server is and how to sign for it.
 *
 * @param endpoint       the URL the farm's own processes use
 * @param publicEndpoint the URL clients use to fetch presigned objects (often the same)
 */
public record S3Settings(String endpoint, String publicEndpoint, String accessKey, String secretKey, String region) {
}
