package dev.lumen.testing;

import dev.lumen.adapter.s3.S3Clients;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import com.robothy.s3.rest.bootstrap.LocalS3Mode;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One S3 stand-in (robothy's LocalS3, in memory) per test JVM, over HTTP, started on first use and
 * stopped when the JVM exits. Test classes share it and isolate themselves with {@link #newBucket()}.
 *
 * <p>Not S3Proxy: it serves through Jetty 11, and Jetty 11 cannot share a classpath with the Jetty 12
 * that DynamoDB Local needs.
 *
 * <pre>{@code
 * var store = new S3DocumentContentStore(LocalS3.client(), LocalS3.newBucket());
 * }</pre>
 */
public final class LocalS3 {
    /** Region the client signs for; the stand-in accepts any. */
    public static final String REGION = "us-east-1";
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private LocalS3() {
    }

    /** A client for the shared server (path-style, local credentials); do not close it. */
    public static S3Client client() {
        return Holder.INSTANCE.client;
    }

    /** The server's HTTP endpoint, e.g. {@code http://127.0.0.1:41234}. */
    public static URI endpoint() {
        return Holder.INSTANCE.endpoint;
    }

    /** Creates a new, empty bucket and returns its name. */
    public static String newBucket() {
        String name = "lumen-test-" + BUCKETS.incrementAndGet();
        client().createBucket(request -> request.bucket(name));
        return name;
    }

    /** Lazy holder: the server starts when a test first asks for it, once per JVM. */
    private static final class Holder {
        static final Running INSTANCE = Running.start();
    }

    private record Running(com.robothy.s3.rest.LocalS3 server, URI endpoint, S3Client client) {

        static Running start() {
            quietLogs();
            RuntimeException last = null;
            // The free port is found, released, then bound by the server: another process can take it
            // in between, so try a few ports before giving up.
            for (int attempt = 0; attempt < 5; attempt++) {
                int port = freePort();
                com.robothy.s3.rest.LocalS3 server = com.robothy.s3.rest.LocalS3.builder()
                        .port(port)
                        .mode(LocalS3Mode.IN_MEMORY)
                        .build();
                try {
                    server.start();
                } catch (RuntimeException e) {
                    last = e;
                    continue;
                }
                URI endpoint = URI.create("http://127.0.0.1:" + port);
                Running running = new Running(server, endpoint, S3Clients.create(REGION, Optional.of(endpoint)));
                Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "local-s3-stop"));
                return running;
            }
            throw new IllegalStateException("LocalS3 did not start", last);
        }

        void stop() {
            client.close();
        }

        /**
         * LocalS3 logs every request at INFO, and every 404 (the expected answer to a read of missing
         * content) at ERROR with a stack trace; its own warnings and failures stay visible.
         */
        private static void quietLogs() {
            setIfAbsent("org.slf4j.simpleLogger.log.com.robothy.netty", "off");
            setIfAbsent("org.slf4j.simpleLogger.log.com.robothy", "warn");
            // LocalS3 1.21 leaks request buffers; Netty's leak detector reports each one at ERROR.
            setIfAbsent("io.netty.leakDetection.level", "disabled");
        }

        private static void setIfAbsent(String property, String value) {
            if (System.getProperty(property) == null) {
                System.setProperty(property, value);
            }
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException("no free port", e);
            }
        }
    }
}
