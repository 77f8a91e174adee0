package dev.gpuc.cache.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} for tests: loopback only, on a free port, no persistence, in its
 * own temporary directory; stopped on {@link #close()} and, should the test JVM die first, by a
 * shutdown hook.
 */
final class RedisServer implements AutoCloseable {
    /** What to tell a reader whose test was skipped. */
    static final String MISSING = "redis-server is not installed (apt-get install -y redis-server)";
    private static final String READY = "Ready to accept connections";

    private final Path executable;
    private final Path dir;
    private final List<String> extraArgs;
    private final boolean tls;
    private int port;
    private Process process;
    private Thread shutdownHook;
    private final List<String> output = new ArrayList<>();

    private RedisServer(Path executable, Path dir, boolean tls, List<String> extraArgs) {
        this.executable = executable;
        this.dir = dir;
        this.tls = tls;
        this.extraArgs = List.copyOf(extraArgs);
    }

    /** The {@code redis-server} on PATH (or in Debian's places), if installed. */
    static Optional<Path> executable() {
        List<Path> candidates = new ArrayList<>();
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty()) {
                candidates.add(Path.of(d, "redis-server"));
            }
        }
        candidates.add(Path.of("/usr/bin/redis-server"));
        candidates.add(Path.of("/usr/sbin/redis-server"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** Starts a plain-TCP server with extra arguments such as {@code --requirepass secret}. */
    static RedisServer start(String... extraArgs) throws IOException {
        return start(false, List.of(extraArgs));
    }

    /**
     * Starts a TLS-only server; {@code extraArgs} must name the certificate and key
     * ({@code --tls-cert-file}, {@code --tls-key-file}, {@code --tls-ca-cert-file}).
     */
    static RedisServer startTls(List<String> extraArgs) throws IOException {
        return start(true, extraArgs);
    }

    private static RedisServer start(boolean tls, List<String> extraArgs) throws IOException {
        Path exe = executable().orElseThrow(() -> new IllegalStateException(MISSING));
        RedisServer s = new RedisServer(exe, Files.createTempDirectory("gpuc-redis-"), tls, extraArgs);
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) { // another process may take the port we picked
            s.port = freePort();
            try {
                s.launch();
                return s;
            } catch (IOException e) {
                last = e;
            }
        }
        s.close();
        throw last;
    }

    int port() {
        return port;
    }

    /** The URL clients use, with optional user-info such as {@code :secret@}. */
    String url(String userInfo) {
        return (tls ? "rediss://" : "redis://") + userInfo + "127.0.0.1:" + port + "/0";
    }

    String url() {
        return url("");
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the server (SIGTERM, then SIGKILL); the port stays reserved for {@link #restart()}. */
    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
        process = null;
    }

    /** Starts the server again on the same port (an empty database: nothing was persisted). */
    void restart() throws IOException {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a temp directory left behind is not worth failing a test for
        }
    }

    private void launch() throws IOException {
        synchronized (output) {
            output.clear();
        }
        List<String> cmd = new ArrayList<>(List.of(executable.toString(),
                "--bind", "127.0.0.1", "--protected-mode", "yes",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no", "--logfile", ""));
        if (tls) {
            cmd.addAll(List.of("--port", "0", "--tls-port", Integer.toString(port)));
        } else {
            cmd.addAll(List.of("--port", Integer.toString(port)));
        }
        cmd.addAll(extraArgs);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Thread hook = new Thread(p::destroyForcibly, "stop redis-server " + p.pid());
        Runtime.getRuntime().addShutdownHook(hook);
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> drain(p, ready), "redis-server " + p.pid() + " output");
        reader.setDaemon(true);
        reader.start();
        try {
            // a guard against a wedged server, not a timing assertion
            ready.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            Runtime.getRuntime().removeShutdownHook(hook);
            throw new IOException("redis-server did not start on port " + port + ":\n" + output(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Runtime.getRuntime().removeShutdownHook(hook);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting redis-server", e);
        }
        process = p;
        shutdownHook = hook;
    }

    /** Reads the server's log to its end: completes {@code ready} when it accepts connections. */
    private void drain(Process p, CompletableFuture<Void> ready) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (output) {
                    if (output.size() < 200) {
                        output.add(line);
                    }
                }
                if (line.contains(READY)) {
                    ready.complete(null);
                }
            }
        } catch (IOException e) {
            // the stream closes when the process is killed
        }
        ready.completeExceptionally(new IOException("redis-server exited"));
    }

    private String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
