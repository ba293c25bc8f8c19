package dev.lumen.adapter.s3;

import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.knowledge.DocumentContentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link DocumentContentStore} on S3: one object per revision under
 * {@code {creatorId}/{documentId}/{revision}} in one bucket. Transient failures are retried by the
 * SDK (see {@link S3Clients}); whatever still fails becomes an {@link UnavailableException}.
 *
 * <p>A missing object is read as "no content" only when S3 says {@code NoSuchKey}, which it does to
 * callers allowed {@code s3:ListBucket} on the bucket; without that permission S3 answers 403 and the
 * read fails as unavailable. Deleting needs {@code ListBucket} anyway.
 */
public final class S3DocumentContentStore implements DocumentContentStore {
    private static final String UNAVAILABLE = "content_store_unavailable";
    /** The most keys one DeleteObjects request takes. */
    private static final int DELETE_BATCH = 1000;
    /** Ids are already checked by the domain ({@code Ids}); a '/' here would let one document's prefix cover another's. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final S3Client s3;
    private final String bucket;

    public S3DocumentContentStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public void put(String creatorId, String documentId, int revision, byte[] content) {
        String key = key(creatorId, documentId, revision);
        call(() -> s3.putObject(request -> request.bucket(bucket).key(key).contentType("application/octet-stream"),
                RequestBody.fromBytes(content)));
    }

    @Override
    public Optional<byte[]> get(String creatorId, String documentId, int revision) {
        String key = key(creatorId, documentId, revision);
        return call(() -> {
            try {
                return Optional.of(s3.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray());
            } catch (NoSuchKeyException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public void delete(String creatorId, String documentId) {
        String prefix = prefix(creatorId, documentId);
        call(() -> {
            // List everything first: deleting while paging would move the ground under the continuation token.
            List<ObjectIdentifier> keys = new ArrayList<>();
            for (S3Object object : s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix)).contents()) {
                keys.add(ObjectIdentifier.builder().key(object.key()).build());
            }
            for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
                List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH));
                DeleteObjectsResponse response = s3.deleteObjects(request -> request.bucket(bucket)
                        .delete(delete -> delete.objects(batch).quiet(true)));
                // DeleteObjects answers 200 even when some keys failed; quiet mode lists only those.
                if (response.hasErrors() && !response.errors().isEmpty()) {
                    var first = response.errors().get(0);
                    throw new UnavailableException(UNAVAILABLE, "The document content store did not delete "
                            + response.errors().size() + " object(s) (first: " + first.code() + ").", null);
                }
            }
            return null;
        });
    }

    private <T> T call(SdkCall<T> call) {
        try {
            return call.run();
        } catch (NoSuchBucketException e) {
            // Not transient: the configuration names a bucket that is not there.
            throw new UnavailableException(UNAVAILABLE,
                    "The document content store is not available: bucket '" + bucket + "' does not exist.", e);
        } catch (SdkException e) {
            throw new UnavailableException(UNAVAILABLE, "The document content store is not available.", e);
        }
    }

    /** A call to S3 whose SDK failures {@link #call} translates. */
    @FunctionalInterface
    private interface SdkCall<T> {
        T run();
    }

    static String key(String creatorId, String documentId, int revision) {
        if (revision < 0) {
            throw new IllegalArgumentException("revision must not be negative: " + revision);
        }
        return prefix(creatorId, documentId) + revision;
    }

    private static String prefix(String creatorId, String documentId) {
        return segment("creatorId", creatorId) + "/" + segment("documentId", documentId) + "/";
    }

    private static String segment(String name, String value) {
        if (value == null || !SEGMENT.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be 1-128 letters, digits, '-' or '_'");
        }
        return value;
    }
}
