package dev.lumen.adapter.dynamodb;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * DynamoDB Local (the official emulator) running in this JVM over HTTP on 127.0.0.1.
 * One database is shared by every credential and region ({@code -sharedDb}), so handlers see the
 * same tables whatever their SDK configuration says.
 */
public final class DynamoDbLocalServer implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";

    private final DynamoDBProxyServer server;
    private final int port;

    private DynamoDbLocalServer(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts the server.
     *
     * @param port    a free port (1..65535)
     * @param dataDir where the database file lives, created if missing; null keeps everything in memory
     */
    public static DynamoDbLocalServer start(int port, Path dataDir) {
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-sharedDb", "-disableTelemetry"));
        if (dataDir == null) {
            args.add("-inMemory");
        } else {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new IllegalStateException("cannot create DynamoDB data directory " + dataDir, e);
            }
            args.add("-dbPath");
            args.add(dataDir.toAbsolutePath().toString());
        }
        PrintStream stdout = System.out;
        System.setOut(withoutThisThread(stdout));
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            bindToLoopback(server);
            server.start();
            return new DynamoDbLocalServer(server, port);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port + ": " + e.getMessage(), e);
        } finally {
            System.setOut(stdout);
        }
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return URI.create("http://" + LOOPBACK + ":" + port);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }

    /**
     * DynamoDB Local prints its configuration to standard output as it starts; the runner logs its own
     * summary instead. Only the starting thread is silenced: other threads keep printing meanwhile.
     */
    private static PrintStream withoutThisThread(PrintStream target) {
        Thread quiet = Thread.currentThread();
        return new PrintStream(new FilterOutputStream(target) {
            @Override
            public void write(int b) throws IOException {
                if (Thread.currentThread() != quiet) {
                    out.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (Thread.currentThread() != quiet) {
                    out.write(bytes, offset, length);
                }
            }
        }, true);
    }

    /**
     * DynamoDB Local listens on every interface and has no option to change that; its Jetty server
     * is a private field, so reach in and set the host on each connector before it starts.
     */
    private static void bindToLoopback(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);
        boolean bound = false;
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) {
                serverConnector.setHost(LOOPBACK);
                bound = true;
            }
        }
        if (!bound) {
            throw new IllegalStateException("DynamoDB Local has no ServerConnector to bind to " + LOOPBACK);
        }
    }
}
