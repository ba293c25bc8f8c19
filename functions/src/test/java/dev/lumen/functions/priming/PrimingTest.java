package dev.lumen.functions.priming;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.lumen.domain.Ids;
import dev.lumen.domain.access.RateLimiter;
import dev.lumen.functions.chat.ChatHandler;
import dev.lumen.functions.http.Access;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every handler, built as Lambda builds it (public constructor, configuration from the environment,
 * the AWS adapters: Bedrock, Titan, OpenSearch, S3, SQS, DynamoDB), registers a priming hook, and
 * running all the hooks touches no service: every endpoint points at one loopback socket that
 * records each connection, and the test fails on the first one.
 */
class PrimingTest {
    private static ServerSocket trap;
    private static final List<String> CONNECTIONS = new CopyOnWriteArrayList<>();
    private static final Map<String, String> PREVIOUS = new LinkedHashMap<>();

    @BeforeAll
    static void pointEveryServiceAtTheTrap() throws IOException {
        trap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!trap.isClosed()) {
                try (Socket socket = trap.accept()) {
                    CONNECTIONS.add(socket.getRemoteSocketAddress().toString());
                } catch (IOException closed) {
                    return;
                }
            }
        }, "priming-trap");
        acceptor.setDaemon(true);
        acceptor.start();
        String url = "http://127.0.0.1:" + trap.getLocalPort();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("TABLE_NAME", "lumen-priming-test");
        values.put("AWS_REGION", "us-east-1");
        values.put("LUMEN_CHAT_MODEL", "bedrock");
        values.put("BEDROCK_MODEL_ID", "anthropic.claude-3-haiku-20240307-v1:0");
        values.put("LUMEN_EMBEDDING_MODEL", "titan");
        values.put("LUMEN_VECTOR_STORE", "opensearch");
        values.put("LUMEN_CONTENT_STORE", "s3");
        values.put("DOCUMENTS_BUCKET", "lumen-priming-docs");
        values.put("LUMEN_AGENT", "imperium");
        values.put("LUMEN_JWT_ISSUER", url + "/us-east-1_priming");
        values.put("LUMEN_JWT_AUDIENCE", "priming-client");
        for (String endpoint : List.of("LUMEN_DYNAMODB_ENDPOINT", "LUMEN_BEDROCK_ENDPOINT", "LUMEN_SQS_ENDPOINT",
                "LUMEN_OPENSEARCH_URL", "LUMEN_S3_ENDPOINT", "LUMEN_WEBSOCKET_ENDPOINT")) {
            values.put(endpoint, url);
        }
        for (String queue : List.of("INTERACTIONS_QUEUE_URL", "INGEST_QUEUE_URL", "ESCALATIONS_QUEUE_URL",
                "AGENT_WORK_QUEUE_URL", "PROACTIVE_DELIVERY_QUEUE_URL")) {
            values.put(queue, url + "/000000000000/" + queue.toLowerCase());
        }
        values.forEach((name, value) -> PREVIOUS.put(name, System.setProperty(name, value)));
    }

    @AfterAll
    static void restore() throws IOException {
        PREVIOUS.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
        // The container's rate limiter points at the trap: other tests in this JVM expect none.
        Access.useRateLimiter(RateLimiter.UNLIMITED);
        trap.close();
    }

    @Test
    void everyHandlerRegistersAHookAndPrimingConnectsToNothing() throws Exception {
        // GIVEN every handler of the functions, built with its public constructor
        List<Class<?>> handlers = handlerClasses();
        assertThat(handlers).hasSizeGreaterThan(40).contains(ChatHandler.class);
        for (Class<?> handler : handlers) {
            handler.getConstructor().newInstance();
        }

        // WHEN the hooks run, as before a SnapStart checkpoint
        int ran = Priming.primeAll();
        Priming.restoreAll();

        // THEN each handler registered one, all ran without an exception, and none opened a connection
        List<String> registered = Priming.registered();
        assertThat(registered).containsAll(handlers.stream().map(Class::getSimpleName).toList());
        assertThat(ran).isGreaterThanOrEqualTo(handlers.size());
        assertThat(CONNECTIONS).as("connections opened while building handlers and priming").isEmpty();
        // Ids still come from a working generator after the restore re-seeded it.
        assertThat(Ids.random()).hasSize(20).isNotEqualTo(Ids.random());
    }

    @Test
    void theTrapDoesCatchAConnection() throws IOException, InterruptedException {
        // GIVEN the same socket the priming test relies on WHEN something connects THEN it is recorded
        int seen = CONNECTIONS.size();
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), trap.getLocalPort())) {
            for (int i = 0; i < 100 && CONNECTIONS.size() == seen; i++) {
                Thread.sleep(10);
            }
        }
        assertThat(CONNECTIONS).hasSize(seen + 1);
        CONNECTIONS.remove(CONNECTIONS.size() - 1);
    }

    /** The concrete, public Lambda handler classes compiled into the functions module. */
    private static List<Class<?>> handlerClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(ChatHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> handlers = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith("Handler.class")).sorted().toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, PrimingTest.class.getClassLoader());
                if ((RequestHandler.class.isAssignableFrom(type) || RequestStreamHandler.class.isAssignableFrom(type))
                        && Modifier.isPublic(type.getModifiers()) && !Modifier.isAbstract(type.getModifiers())) {
                    handlers.add(type);
                }
            }
        }
        return handlers;
    }
}
