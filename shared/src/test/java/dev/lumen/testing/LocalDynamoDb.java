package dev.lumen.testing;

import dev.lumen.adapter.dynamodb.DynamoDbClients;
import dev.lumen.adapter.dynamodb.DynamoDbLocalServer;
import dev.lumen.adapter.dynamodb.LumenTable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One DynamoDB Local server per test JVM, over HTTP on 127.0.0.1, started on first use and
 * stopped when the JVM exits. Starting it costs seconds, so test classes share it and isolate
 * themselves with {@link #newTable()} instead.
 *
 * <pre>{@code
 * static final String TABLE = LocalDynamoDb.newTable();
 * var repository = new DynamoDbPersonaRepository(LocalDynamoDb.client(), TABLE);
 * }</pre>
 */
public final class LocalDynamoDb {
    /** Region the client signs for; DynamoDB Local keeps one database per region with -inMemory. */
    public static final String REGION = "us-east-1";
    /**
     * Logs every failed request, ConditionalCheckFailed and cancelled transactions included, at WARN
     * with a stack trace ("DynamoDBLocalServiceException exception occured"). Those are the expected
     * outcome of optimistic concurrency, hundreds of them in a contention test.
     */
    private static final String NOISY_LOGGER = "com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler";
    private static final AtomicInteger TABLES = new AtomicInteger();

    private LocalDynamoDb() {
    }

    /** A client for the shared server; do not close it. */
    public static DynamoDbClient client() {
        return Holder.INSTANCE.client;
    }

    /** The server's HTTP endpoint, e.g. {@code http://127.0.0.1:41234}. */
    public static URI endpoint() {
        return Holder.INSTANCE.endpoint;
    }

    /**
     * Creates a new, empty table shaped as {@link LumenTable#createTableRequest(String)}, with TTL
     * on, and returns its name: one per test class keeps classes from seeing each other's items.
     */
    /** Every item of a table, all pages, strongly consistent: for tests that check a whole table. */
    public static List<Map<String, AttributeValue>> scan(DynamoDbClient client, String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        client.scanPaginator(s -> s.tableName(table).consistentRead(true)).items().forEach(items::add);
        return items;
    }

    public static String newTable() {
        String name = "lumen-test-" + TABLES.incrementAndGet();
        DynamoDbClient client = client();
        client.createTable(LumenTable.createTableRequest(name));
        client.updateTimeToLive(LumenTable.timeToLiveRequest(name));
        return name;
    }

    /** Lazy holder: the server starts when a test first asks for it, once per JVM. */
    private static final class Holder {
        static final Running INSTANCE = Running.start();
    }

    private record Running(DynamoDbLocalServer server, URI endpoint, DynamoDbClient client) {

        static Running start() {
            quietLogs();
            Exception last = null;
            // The free port is found, released, then bound by the server: another process can take it
            // in between, so try a few ports before giving up.
            for (int attempt = 0; attempt < 5; attempt++) {
                int port = freePort();
                try {
                    DynamoDbLocalServer server = DynamoDbLocalServer.start(port, null);
                    URI endpoint = server.endpoint();
                    Running running = new Running(server, endpoint, DynamoDbClients.create(REGION, Optional.of(endpoint)));
                    Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "dynamodb-local-stop"));
                    return running;
                } catch (RuntimeException e) {
                    last = e;
                }
            }
            throw new IllegalStateException("DynamoDB Local did not start", last);
        }

        void stop() {
            client.close();
            try {
                server.close();
            } catch (RuntimeException e) {
                // Stopping is best effort: the JVM is exiting.
            }
        }


        /**
         * DynamoDB Local logs through log4j 2. Its jar's log4j2.xml happens to drop that logger, but a
         * log4j2-test.xml on the classpath replaces that file, and where log4j is routed to slf4j
         * (Spring Boot's log4j-to-slf4j) the jar's file is not read at all: set the level both ways.
         */
        private static void quietLogs() {
            setIfAbsent("org.slf4j.simpleLogger.log." + NOISY_LOGGER, "error");
            // Jetty announces itself at INFO on every start; only its warnings matter here.
            setIfAbsent("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
            if (org.apache.logging.log4j.LogManager.getContext(false).getClass().getName()
                    .equals("org.apache.logging.log4j.core.LoggerContext")) {
                Configurator.setLevel(NOISY_LOGGER, Level.ERROR);
            }
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
