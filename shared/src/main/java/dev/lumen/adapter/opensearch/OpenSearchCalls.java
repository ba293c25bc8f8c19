package dev.lumen.adapter.opensearch;

import dev.lumen.domain.error.UnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.opensearch.client.opensearch._types.ErrorCause;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one OpenSearch call: retries what may pass on a second try (I/O errors, 429 and 5xx) with
 * exponential backoff and jitter, and turns what is left into the errors the port promises. Every
 * call the store makes is idempotent (writes carry their ids), so a retry cannot duplicate anything.
 */
final class OpenSearchCalls {
    private static final Logger LOG = LoggerFactory.getLogger(OpenSearchCalls.class);
    static final String UNAVAILABLE = "vector_store_unavailable";

    private final int maxAttempts;
    private final Duration firstBackoff;

    /** @param maxAttempts the first try included */
    OpenSearchCalls(int maxAttempts, Duration firstBackoff) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
    }

    /** A request to OpenSearch; the client reports I/O failures as {@link IOException}. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws IOException;
    }

    /**
     * Thrown by a call whose response says "try again" without failing as a whole, e.g. a bulk
     * response in which the node rejected some items (429).
     */
    static final class TransientFailure extends IOException {
        TransientFailure(String message) {
            super(message);
        }
    }

    /**
     * @throws UnavailableException     when the node cannot be reached or keeps failing
     * @throws IllegalArgumentException when OpenSearch refuses the request as malformed (400)
     * @throws IllegalStateException    when the index does not exist, or for any other refusal
     */
    <T> T run(String operation, String index, Call<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (OpenSearchException e) {
                if (!isTransient(e.status()) || attempt == maxAttempts) {
                    throw translate(operation, index, e);
                }
                logRetry(operation, index, attempt, e);
            } catch (IOException e) {
                if (attempt == maxAttempts) {
                    throw unavailable(operation, index, e);
                }
                logRetry(operation, index, attempt, e);
            }
            pause(attempt);
        }
    }

    static boolean isTransient(int status) {
        return status == 429 || status >= 500;
    }

    static boolean isIndexNotFound(OpenSearchException e) {
        return e.status() == 404 && "index_not_found_exception".equals(e.error().type());
    }

    private static RuntimeException translate(String operation, String index, OpenSearchException e) {
        if (isIndexNotFound(e)) {
            return new IllegalStateException("no vector index '" + index + "'; ensureIndex creates it", e);
        }
        if (e.status() == 400) {
            return new IllegalArgumentException("OpenSearch refused " + operation + " on '" + index + "': "
                    + reason(e.error()), e);
        }
        if (isTransient(e.status()) || e.status() == 401 || e.status() == 403) {
            // 401/403: the function's role or the domain's access policy is wrong; a deployment problem
            // the caller can only report, like an outage.
            return unavailable(operation, index, e);
        }
        return new IllegalStateException("OpenSearch refused " + operation + " on '" + index + "' with status "
                + e.status() + ": " + reason(e.error()), e);
    }

    /** Not logged here: the caller that maps it to a response logs it, once. */
    private static UnavailableException unavailable(String operation, String index, Exception cause) {
        return new UnavailableException(UNAVAILABLE, "The vector store is not available (" + operation + " on '" + index + "').", cause);
    }

    /** The root cause's reason, which names the field or value that was refused. */
    static String reason(ErrorCause error) {
        if (error == null) {
            return "(no reason given)";
        }
        ErrorCause innermost = error;
        while (innermost.causedBy() != null) {
            innermost = innermost.causedBy();
        }
        String reason = error.type() + ": " + error.reason();
        return innermost == error ? reason : reason + " (" + innermost.type() + ": " + innermost.reason() + ")";
    }

    private void logRetry(String operation, String index, int attempt, Exception e) {
        LOG.atWarn().setMessage("retrying vector store call").addKeyValue("operation", operation)
                .addKeyValue("index", index).addKeyValue("attempt", attempt)
                .addKeyValue("error", e.toString()).log();
    }

    private void pause(int attempt) {
        // Full jitter between half and all of an exponentially growing delay: retries from many
        // containers do not arrive together.
        long ceiling = firstBackoff.toMillis() << (attempt - 1);
        long millis = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException(UNAVAILABLE, "The vector store is not available.", e);
        }
    }
}
