package dev.lumen.local.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures the local runner the way a user meets it: starts {@code java -jar lumen-local.jar} in
 * a fresh JVM with an empty data folder, times launch → first healthy answer, then sends chat
 * requests one after another with the offline model and prints p50/p99 of the round trip.
 *
 * <p>Run with {@code java -jar localstack/target/lumen-local.jar bench [requests] [runs]}.
 */
public final class RoundTripBenchmark {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private RoundTripBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int starts = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path jar = Path.of(RoundTripBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI()
                .getSchemeSpecificPart().replaceFirst("^(file|nested):", "").replaceFirst("/?!.*$", ""));
        System.out.printf(Locale.ROOT, "machine: %d cores, %s, java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.arch"), System.getProperty("java.version"));

        long[] startMillis = new long[starts];
        for (int run = 0; run < starts; run++) {
            try (Runner runner = Runner.start(jar)) {
                startMillis[run] = runner.readyMillis;
                if (run == starts - 1) {
                    chatRoundTrips(runner.baseUrl, requests);
                }
            }
        }
        Arrays.sort(startMillis);
        System.out.printf(Locale.ROOT, "runner start (launch -> healthy), %d runs: min %d ms, median %d ms%n",
                starts, startMillis[0], startMillis[starts / 2]);
    }

    private static void chatRoundTrips(String baseUrl, int requests) throws Exception {
        send(baseUrl + "/api/personas", "POST", "{\"id\":\"bench\",\"name\":\"Bench\",\"traits\":["
                + "{\"name\":\"Warmth\",\"intensity\":0.8},{\"name\":\"Humor\",\"intensity\":0.4}]}", 201);
        for (int i = 0; i < 20; i++) { // warm-up, not measured
            chat(baseUrl, "warm", i);
        }
        List<Long> micros = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++) {
            long t0 = System.nanoTime();
            chat(baseUrl, "s" + (i % 10), i);
            micros.add((System.nanoTime() - t0) / 1_000);
        }
        micros.sort(Long::compare);
        System.out.printf(Locale.ROOT, "chat round trip (offline model, sequential, %d requests): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                requests, percentile(micros, 0.50) / 1000.0, percentile(micros, 0.99) / 1000.0,
                micros.get(micros.size() - 1) / 1000.0);
    }

    private static void chat(String baseUrl, String session, int i) throws Exception {
        send(baseUrl + "/api/chat", "POST", "{\"personaId\":\"bench\",\"sessionId\":\"" + session
                + "\",\"message\":\"How do I keep going with my revision plan, step " + i + "?\"}", 200);
    }

    private static long percentile(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static String send(String url, String method, String body, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        request = body == null ? request.GET()
                : request.header("content-type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** A runner in its own JVM, on free ports, with a throw-away data folder. */
    private static final class Runner implements AutoCloseable {
        final Process process;
        final String baseUrl;
        final long readyMillis;
        final Path dataDir;

        private Runner(Process process, String baseUrl, long readyMillis, Path dataDir) {
            this.process = process;
            this.baseUrl = baseUrl;
            this.readyMillis = readyMillis;
            this.dataDir = dataDir;
        }

        static Runner start(Path jar) throws Exception {
            Path dataDir = Files.createTempDirectory("lumen-bench");
            int port = freePort();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("runner.log").toFile());
            builder.environment().put("LUMEN_PORT", String.valueOf(port));
            builder.environment().put("LUMEN_DYNAMODB_PORT", "0");
            builder.environment().put("LUMEN_SQS_PORT", "0");
            builder.environment().put("LUMEN_DATA_DIR", dataDir.toString());
            builder.environment().put("LUMEN_CHAT_MODEL", "offline");
            long t0 = System.nanoTime();
            Process process = builder.start();
            String baseUrl = "http://127.0.0.1:" + port;
            long deadline = t0 + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("runner exited; see " + dataDir.resolve("runner.log"));
                }
                try {
                    send(baseUrl + "/api/health", "GET", null, 200);
                    return new Runner(process, baseUrl, (System.nanoTime() - t0) / 1_000_000, dataDir);
                } catch (IOException notYet) {
                    Thread.sleep(20);
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException("runner not healthy within 120 s; see " + dataDir.resolve("runner.log"));
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            process.waitFor();
        }
    }
}
