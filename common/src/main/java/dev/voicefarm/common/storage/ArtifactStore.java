package dev.voicefarm.common.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.http.HttpUtils;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.CertificatePinner;
import okhttp3.OkHttpClient;

/**
 * Objects in S3 (MinIO, S3Proxy or AWS) through the MinIO SDK. Presigning is computed locally, with
 * a client bound to the public endpoint, so the URLs handed to clients point where they can reach.
 */
public final class ArtifactStore implements AutoCloseable {

    /** MinIO's own HTTP client settings (its 5-minute timeouts, protocols), with Nagle off. */
    private static final long TIMEOUT_MILLIS = TimeUnit.MINUTES.toMillis(5);

    private static final List<String> BUCKETS = List.of(ObjectKeys.ARTIFACTS_BUCKET, ObjectKeys.MODELS_BUCKET, ObjectKeys.DATASETS_BUCKET);
    private static final Set<String> ABSENT = Set.of("NoSuchKey", "NoSuchBucket");
    /** Part size of multipart uploads: the SDK's minimum is 5 MiB; 16 MiB keeps a 1 GB file to 64 parts. */
    private static final long MULTIPART_PART_BYTES = 16L * 1024 * 1024;

    private static final long CHECK_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(2);

    private final MinioClient client;
    private final MinioClient presigner;
    /** The same S3 with a short timeout: a health check must answer in time even when S3 does not. */
    private final MinioClient checker;

    private volatile boolean bucketsReady;

    public ArtifactStore(S3Settings settings) {
        this.client = client(settings.endpoint(), settings, TIMEOUT_MILLIS);
        this.presigner = settings.publicEndpoint().equals(settings.endpoint())
                ? client
                : client(settings.publicEndpoint(), settings, TIMEOUT_MILLIS);
        this.checker = client(settings.endpoint(), settings, CHECK_TIMEOUT_MILLIS);
    }

    private static MinioClient client(String endpoint, S3Settings settings, long timeoutMillis) {
        return MinioClient.builder()
                .endpoint(endpoint)
                .credentials(settings.accessKey(), settings.secretKey())
                .region(settings.region())
                .httpClient(httpClient(timeoutMillis))
                .build();
    }

    /**
     * The HTTP client under the MinIO client. MinIO copies it for every upload with a stream body
     * ({@code newBuilder().build()}); a copy compares its certificate pinner's chain cleaner with its
     * own, and unless they are the same object that compares every trusted CA certificate, on every
     * PUT (MinIO's default client holds two equal but distinct ones). A pinner without pins set here
     * takes this client's own cleaner, so a copy compares one reference.
     */
    static OkHttpClient httpClient(long timeoutMillis) {
        return HttpUtils.newDefaultHttpClient(timeoutMillis, timeoutMillis, timeoutMillis).newBuilder()
                .socketFactory(new NoDelaySocketFactory())
                .certificatePinner(CertificatePinner.DEFAULT)
                .build();
    }

    /** Creates the farm's buckets that do not exist yet; once they do, later calls ask S3 nothing. */
    public void ensureBuckets() {
        if (bucketsReady) {
            return;
        }
        for (String bucket : BUCKETS) {
            call(() -> {
                if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                    try {
                        client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                    } catch (ErrorResponseException e) {
                        if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())) {
                            throw e;
                        }
                    }
                }
                return null;
            });
        }
        bucketsReady = true;
    }

    /**
     * Asks S3, within two seconds, which of the farm's buckets exist: a readiness check. S3 that
     * answers is ready even before the buckets are made (the first worker or upload makes them).
     *
     * @return the buckets that do not exist yet
     * @throws StorageException or {@link UncheckedIOException} when S3 does not answer
     */
    public List<String> missingBuckets() {
        return BUCKETS.stream().filter(bucket -> !call(() -> checker.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())))
                .toList();
    }

    public void put(String bucket, String key, byte[] content, String contentType) {
        call(() -> client.putObject(PutObjectArgs.builder()
                .bucket(bucket)
                .object(key)
                .stream(new ByteArrayInputStream(content), content.length, -1)
                .contentType(contentType)
                .build()));
    }

    /** Stores a file without holding it in memory (model weights run to hundreds of megabytes); multipart above 16 MiB. */
    public void putFile(String bucket, String key, Path file, String contentType) {
        call(() -> {
            try (InputStream in = Files.newInputStream(file)) {
                return client.putObject(PutObjectArgs.builder()
                        .bucket(bucket)
                        .object(key)
                        .stream(in, Files.size(file), MULTIPART_PART_BYTES)
                        .contentType(contentType)
                        .build());
            }
        });
    }

    /**
     * Writes an object to a file, streamed; the file appears whole or not at all (written beside it,
     * then moved). False when S3 answers that the object does not exist, as {@link #find} reads it.
     */
    public boolean download(String bucket, String key, Path file) {
        return call(() -> {
            Path partial = file.resolveSibling(file.getFileName() + ".part");
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return true;
            } catch (ErrorResponseException e) {
                if (ABSENT.contains(e.errorResponse().code())) {
                    return false;
                }
                throw e;
            } finally {
                Files.deleteIfExists(partial);
            }
        });
    }

    public byte[] get(String bucket, String key) {
        return call(() -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return in.readAllBytes();
            }
        });
    }

    /**
     * The object, or empty when S3 answers that it does not exist ({@code NoSuchKey}, or
     * {@code NoSuchBucket}: no object can be in a bucket that is not there). Every other failure throws.
     */
    public Optional<byte[]> find(String bucket, String key) {
        return call(() -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return Optional.of(in.readAllBytes());
            } catch (ErrorResponseException e) {
                if (ABSENT.contains(e.errorResponse().code())) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** An object as a listing shows it. */
    public record StoredObject(String key, long size, Instant lastModified) {
    }

    /** Every object under the prefix, at any depth. */
    public List<StoredObject> list(String bucket, String prefix) {
        List<StoredObject> objects = new ArrayList<>();
        forEach(bucket, prefix, objects::add);
        return objects;
    }

    /** Hands every object under the prefix, at any depth, to the action as the listing pages arrive. */
    public void forEach(String bucket, String prefix, Consumer<StoredObject> action) {
        call(() -> {
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                    .bucket(bucket).prefix(prefix).recursive(true).build())) {
                Item item = result.get();
                action.accept(new StoredObject(item.objectName(), item.size(),
                        item.lastModified() == null ? null : item.lastModified().toInstant()));
            }
            return null;
        });
    }

    /** The names of the folders right under the prefix, without their trailing slash. */
    public List<String> folders(String bucket, String prefix) {
        return call(() -> {
            List<String> folders = new ArrayList<>();
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                    .bucket(bucket).prefix(prefix).delimiter("/").build())) {
                Item item = result.get();
                if (item.isDir()) {
                    String name = item.objectName().substring(prefix.length());
                    folders.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
                }
            }
            return folders;
        });
    }

    /** Deletes the object; deleting one that is not there is not an error (S3 semantics). */
    public void remove(String bucket, String key) {
        call(() -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        });
    }

    /** A URL anyone holding it can GET the object with, until it expires. */
    public String presignedGet(String bucket, String key, Duration validity) {
        return call(() -> presigner.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                .method(Method.GET)
                .bucket(bucket)
                .object(key)
                .expiry((int) validity.toSeconds())
                .build()));
    }

    @Override
    public void close() {
        try {
            client.close();
            if (presigner != client) {
                presigner.close();
            }
            checker.close();
        } catch (Exception e) {
            throw new StorageException(e);
        }
    }

    private interface S3Call<T> {
        T run() throws IOException, GeneralSecurityException, io.minio.errors.MinioException;
    }

    private static <T> T call(S3Call<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | io.minio.errors.MinioException e) {
            throw new StorageException(e);
        }
    }

    /** An S3 request failed; the message names the S3 error. */
    public static final class StorageException extends RuntimeException {
        StorageException(Exception cause) {
            super("S3 request failed: " + cause.getMessage(), cause);
        }
    }
}
