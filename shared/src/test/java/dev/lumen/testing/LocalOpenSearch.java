package dev.lumen.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real OpenSearch node with the k-NN plugin on 127.0.0.1, for the OpenSearch adapter's tests and
 * for people who want one. {@code shared}'s build assembles it from Maven Central under
 * {@code target/opensearch/opensearch-<version>} (see shared/pom.xml); this class starts it.
 *
 * <p>Tests call {@link #endpoint()}: the first call starts a node once per JVM, on free ports, with
 * its data under the build folder, and a shutdown hook stops it and deletes its data. When
 * {@value #URL_VARIABLE} is set, that node is used instead and nothing is started.
 *
 * <p>{@link #main(String[])} ({@code localstack/opensearch/start.sh}) starts a node that outlives the
 * command, on port 9200 by default, keeping its data between starts; {@code stop} stops it;
 * {@code serve} starts one that lives as long as the command (the cold-start benchmark's node).
 *
 * <p>Only the JDK is used here, so the launcher runs with nothing but the test classes on the class path.
 */
public final class LocalOpenSearch {
    /** An existing node to use instead of starting one, e.g. {@code http://127.0.0.1:9200}. */
    public static final String URL_VARIABLE = "LUMEN_OPENSEARCH_URL";
    /** The assembled distribution; surefire sets it, {@code start.sh} passes it. */
    public static final String HOME_PROPERTY = "lumen.opensearch.home";

    /** OpenSearch refuses to run as root; as root we start it as nobody. */
    private static final int UNPRIVILEGED_ID = 65534;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String HEAP = "512m";
    private static final int DETACHED_PORT = 9200;
    private static final System.Logger LOG = System.getLogger(LocalOpenSearch.class.getName());
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LocalOpenSearch() {
    }

    /**
     * The node's HTTP endpoint, e.g. {@code http://127.0.0.1:41234}: {@value #URL_VARIABLE} when set,
     * otherwise a node started on first call and stopped when the JVM exits.
     */
    public static URI endpoint() {
        return Holder.ENDPOINT;
    }

    /** Lazy holder: the node starts when a test first asks for it, once per JVM. */
    private static final class Holder {
        static final URI ENDPOINT = resolve();

        private static URI resolve() {
            String external = System.getenv(URL_VARIABLE);
            if (external != null && !external.isBlank()) {
                return URI.create(external.strip());
            }
            Path home = home();
            Node node = startOnFreePorts(home);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                node.stop();
                deleteQuietly(node.runDir());
            }, "opensearch-stop"));
            return node.endpoint();
        }
    }

    // ---- command line -------------------------------------------------------------------------

    /**
     * {@code LocalOpenSearch [start|stop]}: starts a detached node on 127.0.0.1 (port
     * {@code LUMEN_OPENSEARCH_PORT}, default 9200) and prints {@code LUMEN_OPENSEARCH_URL=...}; does
     * nothing but print it when that node already runs. {@code stop} stops it. Its data stays under
     * {@code target/opensearch/node} between starts (until {@code mvn clean}).
     */
    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "start" : args[0];
        Path home = home();
        Path runDir = home.resolveSibling("node");
        Path pidFile = runDir.resolve("opensearch.pid");
        int port = Integer.parseInt(System.getenv().getOrDefault("LUMEN_OPENSEARCH_PORT", Integer.toString(DETACHED_PORT)));
        switch (command) {
            case "start" -> {
                // a node already started from this folder (maybe still starting): wait for it
                Optional<Node> running = Node.find(runDir, port);
                Node node = running.isPresent() ? awaitGreen(runDir, port, System.nanoTime())
                        : start(home, runDir, port, freePort(), false);
                System.out.println((running.isPresent() ? "already running" : "started")
                        + " (pid " + node.pid() + ", logs in " + runDir.resolve("logs") + ")");
                System.out.println(URL_VARIABLE + "=" + node.endpoint());
            }
            case "serve" -> serve(home);
            case "stop" -> {
                Optional<Node> node = Node.find(runDir, port);
                node.ifPresent(Node::stop);
                System.out.println(node.isPresent() ? "stopped pid " + node.get().pid() : "no node running from " + pidFile);
            }
            default -> {
                System.err.println("usage: LocalOpenSearch [start|stop|serve]");
                System.exit(2);
            }
        }
    }

    /**
     * {@code serve}: a node for one benchmark run ({@code bench-cold}), on free ports with its own
     * data folder, the full JIT and OpenSearch's default refresh as in production. Prints
     * {@code LUMEN_OPENSEARCH_URL=...} once green, then stops the node and deletes its data when its
     * standard input closes — so the node goes with the process that started it, even one that was killed.
     */
    private static void serve(Path home) throws IOException {
        int httpPort = freePort();
        Path runDir = home.resolveSibling("bench-" + httpPort);
        Node node;
        try {
            node = start(home, runDir, httpPort, freePort(), false);
        } catch (RuntimeException e) {
            deleteQuietly(runDir);
            throw e;
        }
        Thread stop = new Thread(() -> {
            node.stop();
            deleteQuietly(node.runDir());
        }, "opensearch-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        System.out.println(URL_VARIABLE + "=" + node.endpoint());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the parent to close the pipe (or to exit)
        }
        System.exit(0);
    }

    // ---- starting -----------------------------------------------------------------------------

    private static Node startOnFreePorts(Path home) {
        IllegalStateException last = null;
        // A free port is found, released, then bound by the node: another process can take it in
        // between, so a start that failed on a taken port is tried again on other ports.
        for (int attempt = 0; attempt < 3; attempt++) {
            int httpPort = freePort();
            Path runDir = home.resolveSibling("test-" + httpPort);
            try {
                return start(home, runDir, httpPort, freePort(), true);
            } catch (IllegalStateException e) {
                last = e;
                deleteQuietly(runDir);
                if (!String.valueOf(e.getMessage()).contains("BindException")) {
                    break;
                }
            }
        }
        throw last;
    }

    /**
     * Starts the node in {@code home} with its config, data and logs under {@code runDir}; waits for green.
     *
     * @param quick for tests: the JVM compiles with C1 only and does not touch its whole heap up front,
     *              which takes ~40% off the start (measured 9-14 s against 17-21 s on 2 busy cores),
     *              and indexes refresh every 50 ms; a handful of small test queries do not notice the
     *              slower code. A node for benchmarks and the local stack keeps the full JIT and
     *              OpenSearch's 1 s refresh, as in production
     */
    static Node start(Path home, Path runDir, int httpPort, int transportPort, boolean quick) {
        long started = System.nanoTime();
        try {
            if (isRoot() && !othersCanEnter(home)) {
                // A checkout under a private folder (e.g. mktemp -d, mode 700): the unprivileged node could
                // not reach it, so it runs from a hard-linked copy in a folder it can enter.
                Path base = Files.createTempDirectory("lumen-opensearch");
                Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
                Path copy = base.resolve("dist");
                Process cp = new ProcessBuilder("cp", "-al", home.toString(), copy.toString()).inheritIO().start();
                if (cp.waitFor() != 0) {
                    new ProcessBuilder("cp", "-r", home.toString(), copy.toString()).inheritIO().start().waitFor();
                }
                home = copy;
                runDir = base.resolve(runDir.getFileName());
            }
            prepare(home, runDir, httpPort, transportPort, quick);
            List<String> command = new ArrayList<>();
            if (isRoot()) {
                command.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED_ID, "--regid=" + UNPRIVILEGED_ID, "--clear-groups"));
            }
            // bash: the zip's executable bits do not survive every unpacker.
            command.addAll(List.of("bash", home.resolve("bin/opensearch").toString(), "-d", "-p", runDir.resolve("opensearch.pid").toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(runDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(runDir.resolve("console.log").toFile());
            Map<String, String> env = builder.environment();
            env.put("OPENSEARCH_JAVA_HOME", javaHome());
            env.put("OPENSEARCH_PATH_CONF", runDir.resolve("config").toString());
            env.put("OPENSEARCH_TMPDIR", runDir.resolve("tmp").toString());
            env.put("OPENSEARCH_JAVA_OPTS", "-Xms" + HEAP + " -Xmx" + HEAP
                    + (quick ? " -XX:TieredStopAtLevel=1 -XX:-AlwaysPreTouch" : ""));
            env.remove("JAVA_TOOL_OPTIONS");
            env.remove("JAVA_OPTS");
            // With -d the script returns once the node has forked, before it listens.
            Process launcher = builder.start();
            if (!launcher.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || launcher.exitValue() != 0) {
                launcher.destroyForcibly();
                throw failure("the OpenSearch launcher failed", runDir);
            }
            Node node = awaitGreen(runDir, httpPort, started);
            LOG.log(System.Logger.Level.INFO, "OpenSearch node {0} green in {1} ms (pid {2})", node.endpoint(),
                    (System.nanoTime() - started) / 1_000_000, Long.toString(node.pid()));
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start OpenSearch from " + home, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting OpenSearch", e);
        }
    }

    private static Node awaitGreen(Path runDir, int httpPort, long started) throws InterruptedException {
        long deadline = started + START_TIMEOUT.toNanos();
        OptionalLong seen = OptionalLong.empty();
        while (System.nanoTime() < deadline) {
            // the node deletes its pid file when it exits, so remember the pid once it was written
            OptionalLong pid = Node.readPid(runDir);
            seen = pid.isPresent() ? pid : seen;
            if (seen.isPresent()) {
                if (ProcessHandle.of(seen.getAsLong()).filter(ProcessHandle::isAlive).isEmpty()) {
                    throw failure("the OpenSearch node exited while starting", runDir);
                }
                Node node = new Node(runDir, seen.getAsLong(), URI.create("http://127.0.0.1:" + httpPort));
                if (node.isHealthy()) {
                    return node;
                }
            }
            Thread.sleep(250);
        }
        Node.find(runDir, httpPort).ifPresent(Node::stop);
        throw failure("the OpenSearch node was not green within " + START_TIMEOUT.toSeconds() + " s", runDir);
    }

    /**
     * The run folder: a copy of the distribution's config pointing every path (data, logs, GC log,
     * heap dumps, temp files) inside it, so the distribution itself stays read-only and the node,
     * running as nobody, owns everything it writes.
     */
    private static void prepare(Path home, Path runDir, int httpPort, int transportPort, boolean quick) throws IOException {
        if (!Files.isRegularFile(home.resolve("bin/opensearch"))) {
            throw new IllegalStateException("no OpenSearch distribution at " + home
                    + "; assemble it with: mvn -pl shared -DskipTests test-compile");
        }
        Path config = runDir.resolve("config");
        // left behind by a node that was killed; the new node writes its own
        Files.deleteIfExists(runDir.resolve("opensearch.pid"));
        for (String dir : List.of("data", "logs", "tmp", "config/jvm.options.d")) {
            Files.createDirectories(runDir.resolve(dir));
        }
        Files.copy(home.resolve("config/log4j2.properties"), config.resolve("log4j2.properties"),
                StandardCopyOption.REPLACE_EXISTING);
        // The shipped jvm.options write the GC log and heap dumps relative to the distribution and
        // ask for a 1 GB heap; the heap comes from OPENSEARCH_JAVA_OPTS instead.
        String jvmOptions = Files.readString(home.resolve("config/jvm.options"))
                .replace("file=logs/gc.log", "file=" + runDir.resolve("logs/gc.log"))
                .replace("HeapDumpPath=data", "HeapDumpPath=" + runDir.resolve("data"))
                .replace("ErrorFile=logs/", "ErrorFile=" + runDir.resolve("logs") + "/")
                .replaceAll("(?m)^-Xm[sx]\\S+$", "");
        Files.writeString(config.resolve("jvm.options"), jvmOptions);
        Files.writeString(config.resolve("opensearch.yml"), String.join("\n",
                // named after the run folder: the health check knows it talks to this node and not
                // to another one on the same port
                "cluster.name: " + clusterName(runDir),
                "node.name: " + clusterName(runDir),
                "discovery.type: single-node",
                // loopback only: a test node is not for the network (and skips the production bootstrap checks)
                "network.host: 127.0.0.1",
                "http.port: " + httpPort,
                "transport.port: " + transportPort,
                "path.data: " + runDir.resolve("data"),
                "path.logs: " + runDir.resolve("logs"),
                // a nearly full developer disk would otherwise turn indexes read-only and the cluster red
                "cluster.routing.allocation.disk.threshold_enabled: false",
                // writes with refresh=wait_for return at the next refresh: 1 s by default, a second per
                // test that writes; the adapter's behaviour does not depend on the interval
                quick ? "cluster.default.index.refresh_interval: 50ms" : "",
                ""));
        if (isRoot()) {
            try (Stream<Path> paths = Files.walk(runDir)) {
                for (Path path : paths.toList()) {
                    Files.setAttribute(path, "unix:uid", UNPRIVILEGED_ID);
                    Files.setAttribute(path, "unix:gid", UNPRIVILEGED_ID);
                }
            }
            // nobody must reach the distribution: every folder above it needs o+x
            for (Path dir = runDir.getParent(); dir != null; dir = dir.getParent()) {
                if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new IllegalStateException("OpenSearch runs as uid " + UNPRIVILEGED_ID + " and cannot enter " + dir
                            + " (" + PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))
                            + "); build in a folder others can read");
                }
            }
        }
    }

    private static boolean othersCanEnter(Path path) throws IOException {
        for (Path dir = path.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir) && !Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }

    /** OpenSearch 2.x installs a security manager, which Java 24 removed: run it on Java 11–23. */
    private static String javaHome() {
        String configured = System.getenv("LUMEN_OPENSEARCH_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (Runtime.version().feature() <= 23) {
            return System.getProperty("java.home");
        }
        throw new IllegalStateException("OpenSearch 2.19 needs Java 11-23 (this JVM is " + Runtime.version()
                + "); set LUMEN_OPENSEARCH_JAVA_HOME to a JDK 17 or 21");
    }

    /**
     * The assembled distribution: {@value #HOME_PROPERTY} when set, otherwise the first
     * {@code opensearch-*} folder under {@code target/opensearch} of this module or of {@code shared}.
     */
    static Path home() {
        String configured = System.getProperty(HOME_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (String candidate : List.of("target/opensearch", "shared/target/opensearch", "../shared/target/opensearch")) {
            Path dir = Path.of(candidate).toAbsolutePath().normalize();
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> homes = Files.newDirectoryStream(dir, "opensearch-*")) {
                    for (Path home : homes) {
                        return home;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("no assembled OpenSearch node: set -D" + HOME_PROPERTY + " or " + URL_VARIABLE
                + ", or build it with: mvn -pl shared -DskipTests test-compile");
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static String clusterName(Path runDir) {
        return "lumen-" + runDir.getFileName();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** An exception whose message ends with the last lines the node and its launcher wrote. */
    private static IllegalStateException failure(String what, Path runDir) {
        StringBuilder message = new StringBuilder(what).append(" (").append(runDir).append(")");
        for (Path log : List.of(runDir.resolve("console.log"), runDir.resolve("logs/" + clusterName(runDir) + ".log"))) {
            message.append("\n--- last lines of ").append(log).append(":\n").append(tail(log, 40));
        }
        return new IllegalStateException(message.toString());
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(none)";
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: the folder is under the build output and goes with the next clean
        }
    }

    /** A node process found through its pid file. */
    record Node(Path runDir, long pid, URI endpoint) {

        /** The node whose pid file is in {@code runDir}, when that process still runs. */
        static Optional<Node> find(Path runDir, int httpPort) {
            OptionalLong pid = readPid(runDir);
            if (pid.isEmpty()) {
                return Optional.empty();
            }
            // a pid file left by a killed node may name a process that has since reused the number
            return ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().commandLine().map(line -> line.contains("org.opensearch")).orElse(true))
                    .map(process -> new Node(runDir, pid.getAsLong(), URI.create("http://127.0.0.1:" + httpPort)));
        }

        /** The pid the node wrote; empty before it has (or while it is writing it). */
        static OptionalLong readPid(Path runDir) {
            try {
                return OptionalLong.of(Long.parseLong(Files.readString(runDir.resolve("opensearch.pid")).strip()));
            } catch (IOException | NumberFormatException e) {
                return OptionalLong.empty();
            }
        }

        /** Green, and it is this node that answers on the port (see {@link #clusterName}). */
        boolean isHealthy() {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                                endpoint.resolve("/_cluster/health?wait_for_status=green&timeout=1s"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 && response.body().contains("\"status\":\"green\"")
                        && response.body().contains("\"cluster_name\":\"" + clusterName(runDir) + "\"");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** SIGTERM, then SIGKILL if the node has not exited within the stop timeout. */
        void stop() {
            ProcessHandle.of(pid).ifPresent(process -> {
                process.destroy();
                try {
                    process.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    process.destroyForcibly();
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}
