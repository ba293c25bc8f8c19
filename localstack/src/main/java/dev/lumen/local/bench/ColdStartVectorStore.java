package dev.lumen.local.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The vector store the cold-start children use, and their class path. As in AWS: the OpenSearch
 * adapter over HTTP ({@code LUMEN_VECTOR_STORE=opensearch}) with the shaded functions jar alone on
 * the class path — against the node given ({@code --opensearch URL} or {@code LUMEN_OPENSEARCH_URL}),
 * else a node started for the run from the distribution {@code shared}'s build assembles (the tests'
 * {@code dev.lumen.testing.LocalOpenSearch serve}, in a process of its own that stops the node when
 * this JVM closes its input). Only when no distribution is found does it fall back to the embedded
 * Lucene store (its adapter and jars added to the class path: they are not in the Lambda jar), and
 * {@link #describe()} says so, for the printed conditions.
 *
 * <p>Each run writes under its own index prefix; on a given node its indexes are deleted at the end.
 */
final class ColdStartVectorStore implements AutoCloseable {
    private static final Duration NODE_START_TIMEOUT = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String description;
    private final Optional<URI> node;
    private final String indexPrefix;
    private final Process server;
    private final Path vectorDir;

    private ColdStartVectorStore(String description, Optional<URI> node, Process server, Path vectorDir) {
        this.description = description;
        this.node = node;
        this.server = server;
        this.vectorDir = vectorDir;
        this.indexPrefix = "lumen-bench-cold-" + Long.toString(System.currentTimeMillis(), 36) + "-";
    }

    /**
     * @param given    a node to use ({@code --opensearch}); empty: start one
     * @param project  the checkout, whose {@code shared/<build folder>} holds the distribution
     * @param buildDir the build folder's name ({@code target}, {@code target-x}): the one this jar came from
     * @param work     the run's scratch folder (the Lucene fallback's indexes)
     */
    static ColdStartVectorStore open(Optional<URI> given, Path project, String buildDir, Path work) throws IOException {
        if (given.isPresent()) {
            return new ColdStartVectorStore("OpenSearch adapter (production, unsigned) against the given node " + given.get(),
                    given, null, null);
        }
        Optional<Path[]> distribution = distribution(project, buildDir);
        if (distribution.isEmpty()) {
            return lucene(work, "no OpenSearch node distribution under " + project.resolve("shared/" + buildDir + "/opensearch")
                    + " or shared/target (build with mvn -DskipTests package) and no --opensearch URL");
        }
        long t0 = System.nanoTime();
        Process server = startNode(distribution.get()[0], distribution.get()[1]);
        try {
            URI endpoint = awaitUrl(server);
            return new ColdStartVectorStore(String.format(java.util.Locale.ROOT,
                    "OpenSearch adapter (production, unsigned) against a local OpenSearch 2.19 + k-NN node started for the"
                            + " run (%s, green in %.1f s)", endpoint, (System.nanoTime() - t0) / 1e9),
                    Optional.of(endpoint), server, null);
        } catch (IOException | RuntimeException e) {
            server.destroyForcibly();
            throw e;
        }
    }

    private static ColdStartVectorStore lucene(Path work, String why) {
        return new ColdStartVectorStore("embedded Lucene store, NOT what Lambda uses (" + why + ")", Optional.empty(),
                null, work.resolve("vectors"));
    }

    /** e.g. {@code OpenSearch adapter … against a local … node …}, or the Lucene fallback and why. */
    String describe() {
        return description;
    }

    boolean isOpenSearch() {
        return node.isPresent();
    }

    /** The children's vector-store variables. */
    void configure(Map<String, String> environment) {
        if (node.isPresent()) {
            environment.put("LUMEN_VECTOR_STORE", "opensearch");
            environment.put("LUMEN_OPENSEARCH_URL", node.get().toString());
            environment.put("LUMEN_OPENSEARCH_INDEX_PREFIX", indexPrefix);
        } else {
            environment.put("LUMEN_VECTOR_STORE", "lucene");
            environment.put("LUMEN_VECTOR_DIR", vectorDir.toString());
        }
    }

    /** The shaded functions jar alone (what Lambda loads); for the Lucene fallback, plus Lucene's adapter and jars. */
    String classPath(Path functionsJar) throws Exception {
        List<String> entries = new ArrayList<>(List.of(functionsJar.toString()));
        if (node.isEmpty()) {
            Path shared = Path.of(dev.lumen.adapter.lucene.LuceneVectorStore.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            entries.add(shared.toString());
            Path lucene = Path.of(org.apache.lucene.index.IndexWriter.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            try (var jars = Files.list(lucene.getParent())) {
                jars.filter(jar -> jar.getFileName().toString().startsWith("lucene-")).sorted()
                        .forEach(jar -> entries.add(jar.toString()));
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * The test classes holding {@code LocalOpenSearch} and the assembled node, under
     * {@code shared/<buildDir>} else {@code shared/target}; empty when either is missing.
     */
    static Optional<Path[]> distribution(Path project, String buildDir) throws IOException {
        for (String dir : buildDir.equals("target") ? List.of("target") : List.of(buildDir, "target")) {
            Path build = project.resolve("shared").resolve(dir);
            Path launcher = build.resolve("test-classes/dev/lumen/testing/LocalOpenSearch.class");
            Path nodes = build.resolve("opensearch");
            if (!Files.isRegularFile(launcher) || !Files.isDirectory(nodes)) {
                continue;
            }
            try (DirectoryStream<Path> homes = Files.newDirectoryStream(nodes, "opensearch-*")) {
                for (Path home : homes) {
                    if (Files.isRegularFile(home.resolve("bin/opensearch"))) {
                        return Optional.of(new Path[] {build.resolve("test-classes"), home});
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Process startNode(Path testClasses, Path home) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", testClasses.toString(),
                "-Dlumen.opensearch.home=" + home, "dev.lumen.testing.LocalOpenSearch", "serve")
                .redirectErrorStream(true);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        System.out.println("  starting an OpenSearch node from " + home + " (once for the run)...");
        return builder.start();
    }

    /** The launcher's {@code LUMEN_OPENSEARCH_URL=...} line; its output so far when it fails or takes too long. */
    private static URI awaitUrl(Process server) throws IOException {
        List<String> output = new ArrayList<>();
        java.util.concurrent.CompletableFuture<Void> watchdog = server.onExit().thenAccept(p -> { })
                .orTimeout(NODE_START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .exceptionally(timeout -> {
                    server.destroy();
                    return null;
                });
        BufferedReader reader = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith(OpenSearchTarget.ENV + "=")) {
                watchdog.cancel(false);
                // the launcher writes nothing more that matters; keep its pipe drained
                Thread drain = new Thread(() -> {
                    try {
                        while (reader.readLine() != null) {
                            // discard
                        }
                    } catch (IOException e) {
                        // the launcher went away
                    }
                }, "opensearch-launcher-output");
                drain.setDaemon(true);
                drain.start();
                return URI.create(line.substring(OpenSearchTarget.ENV.length() + 1).strip());
            }
            output.add(line);
        }
        throw new IllegalStateException("the OpenSearch node did not start:\n"
                + String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size())));
    }

    /** Stops the node started for the run (the launcher deletes its data), or drops the run's indexes on a given one. */
    @Override
    public void close() {
        if (server != null) {
            try {
                server.getOutputStream().close();
                if (!server.waitFor(60, TimeUnit.SECONDS)) {
                    server.destroy();
                    server.waitFor(30, TimeUnit.SECONDS);
                }
            } catch (IOException e) {
                server.destroy();
            } catch (InterruptedException e) {
                server.destroy();
                Thread.currentThread().interrupt();
            }
            return;
        }
        node.ifPresent(this::dropIndexes);
    }

    private void dropIndexes(URI endpoint) {
        try {
            HttpResponse<String> list = HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/_cat/indices/" + indexPrefix
                    + "*?h=index")).timeout(Duration.ofSeconds(15)).GET().build(), HttpResponse.BodyHandlers.ofString());
            List<String> dropped = new ArrayList<>();
            for (String index : list.body().split("\\s+")) {
                if (index.startsWith(indexPrefix)) {
                    HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/" + index)).timeout(Duration.ofSeconds(15))
                            .DELETE().build(), HttpResponse.BodyHandlers.discarding());
                    dropped.add(index);
                }
            }
            System.out.println("dropped the run's OpenSearch indexes " + dropped);
        } catch (IOException e) {
            System.out.println("could not drop the run's indexes " + indexPrefix + "*: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
