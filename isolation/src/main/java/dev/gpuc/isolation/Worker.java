package dev.gpuc.isolation;

import dev.gpuc.api.BackendCrash;
import dev.gpuc.api.BackendUnavailable;
import dev.gpuc.api.GpucException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The host's handle on one worker process: its pipes, a {@link Watchdog} that holds every
 * request to a deadline, and the tail of its stderr. Used by one thread at a time (the pool
 * leases it), which reads the worker's replies itself. Once anything goes wrong the process is
 * killed and the worker is dead for good; the pool replaces it.
 */
final class Worker {
    /** Answers the worker's questions about runtime values during a request. */
    interface Answers {
        byte[] answer(MessageType question, WireReader body);
    }

    private final Process process;
    private final OutputStream toWorker;
    private final InputStream fromWorker;
    private final Watchdog watchdog;
    private final OutputTail stderr;
    private final int tailBytes;
    /**
     * What the worker wrote to stdout after the last frame, when it wrote something else (a JVM
     * crash banner); null until then.
     */
    private volatile OutputTail strayStdout;
    private final Path workDir;
    private final String maxHeap;
    private final long jobLimitSeconds;
    private volatile boolean dead;

    /** How long a worker whose frame stream ended may take to exit (a JVM crash report takes a while). */
    private static final long EXIT_GRACE_SECONDS = 15;
    /**
     * How long a worker that wrote something else than a frame may take to exit: the JVM's crash
     * banner is followed by its exit, stray output from a live worker is not.
     */
    private static final long STRAY_OUTPUT_GRACE_SECONDS = 5;

    private Worker(Process process, int stderrBytes, Path workDir, String maxHeap, long jobLimitSeconds) {
        this.process = process;
        this.toWorker = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
        this.fromWorker = new BufferedInputStream(process.getInputStream(), 1 << 16);
        this.stderr = OutputTail.drain(process.getErrorStream(), stderrBytes, "gpuc-worker-" + process.pid() + "-stderr");
        this.tailBytes = stderrBytes;
        this.workDir = workDir;
        this.maxHeap = maxHeap;
        this.jobLimitSeconds = jobLimitSeconds;
        this.watchdog = new Watchdog("gpuc-worker-" + process.pid() + "-watchdog", this::kill);
    }

    /**
     * Starts a worker and waits for its HELLO.
     *
     * @throws BackendUnavailable when the JVM cannot be started or does not greet in time
     */
    static Worker spawn(WorkerPoolConfig config, Path workDir, String backendId) {
        Process process;
        try {
            process = new ProcessBuilder(config.command(workDir)).directory(workDir.toFile()).start();
        } catch (IOException e) {
            throw new BackendUnavailable(backendId, true, "cannot start a worker JVM (" + config.java() + "): "
                    + e.getMessage());
        }
        Worker w = new Worker(process, config.stderrTailBytes(), workDir, config.maxHeap(),
                config.jobTimeout().toSeconds());
        try {
            WireReader hello = new WireReader(w.watched(System.nanoTime() + config.startTimeout().toNanos(),
                    "it did not start within " + config.startTimeout().toSeconds() + " s",
                    () -> w.await(MessageType.HELLO, null)));
            int version = hello.i32();
            if (version != Protocol.VERSION) {
                throw new ProtocolException("worker speaks protocol " + version + ", the host " + Protocol.VERSION);
            }
            return w;
        } catch (BackendCrash | ProtocolException e) {
            w.kill();
            throw new BackendUnavailable(backendId, true, "a worker JVM did not start: " + e.getMessage()
                    + tail(w.lastWords()));
        }
    }

    long pid() {
        return process.pid();
    }

    boolean usable() {
        return !dead && process.isAlive();
    }

    /**
     * Sends a request and waits until {@code deadline} for the reply of type {@code expected},
     * answering the worker's questions meanwhile.
     *
     * @return the reply's body
     * @throws GpucException         the typed error the worker answered instead (the worker lives on,
     *                               unless it said it retires)
     * @throws BackendCrash          when the worker died, broke the protocol or ran past the deadline
     *                               (it is then dead)
     * @throws CancellationException when the calling thread was interrupted (the worker is killed)
     */
    byte[] request(MessageType type, byte[] body, MessageType expected, long deadline, Answers answers) {
        return watched(deadline, "the job ran longer than its limit of " + jobLimitSeconds + " s", () -> {
            send(type, body); // watched too: a worker that stops reading fills the pipe and blocks the write
            return await(expected, answers);
        });
    }

    /**
     * Runs an exchange with the worker under the watchdog. When the watchdog killed the worker,
     * that, not the broken pipe the exchange saw, is what the caller hears.
     *
     * @param overdue what a timeout means, for the crash's cause
     */
    private byte[] watched(long deadline, String overdue, Supplier<byte[]> exchange) {
        watchdog.arm(deadline);
        try {
            byte[] reply = exchange.get();
            throwVerdict(overdue);
            return reply;
        } catch (RuntimeException e) {
            throwVerdict(overdue);
            throw e;
        } finally {
            watchdog.disarm();
        }
    }

    private void throwVerdict(String overdue) {
        Watchdog.Verdict verdict = watchdog.verdict();
        if (verdict == null) {
            return;
        }
        kill(); // the watchdog's kill may still be under way: wait for the process and its last words
        if (verdict == Watchdog.Verdict.INTERRUPTED) {
            throw new CancellationException("interrupted while worker " + pid() + " compiled; it was killed");
        }
        throw WorkerDeath.timedOut(overdue, lastWords());
    }

    /** Sends a frame that has no reply. */
    void send(MessageType type, byte[] body) {
        if (dead) {
            throw new IllegalStateException("worker " + pid() + " is dead");
        }
        try {
            Frames.write(toWorker, type, body);
        } catch (IOException e) {
            throw fail(null); // the pipe broke because the process died: its exit says why
        }
    }

    /** Reads frames until the one expected, answering the worker's questions meanwhile. */
    private byte[] await(MessageType expected, Answers answers) {
        while (true) {
            Frames.Frame frame = next();
            try {
                if (frame.type() == expected) {
                    return frame.body();
                }
                if (frame.type() == MessageType.ERROR) {
                    WireReader r = frame.reader();
                    boolean retiring = r.bool();
                    GpucException e = ErrorCodec.decode(r);
                    if (retiring) {
                        kill(); // it is on its way out: no job may be given to it
                    }
                    throw e;
                }
                if (answers != null && (frame.type() == MessageType.KEY_QUESTION
                        || frame.type() == MessageType.ADDRESS_QUESTION)) {
                    byte[] answer = answerOrKill(answers, frame);
                    send(RemoteRuntimeValues.answerType(frame.type()), answer);
                    continue;
                }
                throw new ProtocolException("expected " + expected + ", got " + frame.type());
            } catch (ProtocolException e) {
                throw fail(e.getMessage());
            }
        }
    }

    /** The worker's next frame; a stream that ends, or holds something else than frames, ends the worker. */
    private Frames.Frame next() {
        try {
            Optional<Frames.Frame> f = Frames.read(fromWorker);
            if (f.isPresent()) {
                return f.get();
            }
            throw fail(null);
        } catch (Frames.NotAFrame e) {
            keepStrayOutput(e.firstByte);
            throw fail("it wrote to stdout outside a frame");
        } catch (ProtocolException e) {
            throw fail("its output is not a frame stream (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw fail(null);
        }
    }

    /**
     * Keeps what follows a stray first byte on stdout, up to the next frame (which no one reads
     * any more), on a thread of its own: a JVM crash banner comes before the process exits.
     */
    private void keepStrayOutput(int firstByte) {
        OutputTail tail = new OutputTail(tailBytes);
        tail.append(new byte[] {(byte) firstByte}, 1);
        strayStdout = tail;
        Thread t = new Thread(() -> tail.pump(fromWorker, Frames.MAGIC), "gpuc-worker-" + pid() + "-stray-stdout");
        t.setDaemon(true);
        t.start();
    }

    /** The front end's answer; if its own code throws, the worker waits forever for it: kill it. */
    private byte[] answerOrKill(Answers answers, Frames.Frame question) {
        try {
            return answers.answer(question.type(), question.reader());
        } catch (ProtocolException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            kill();
            throw e;
        }
    }

    /**
     * Ends the worker after its frame stream failed and says why: its own death when it exits
     * (a crash ends the stream, or first writes the JVM's banner into it), else the protocol
     * problem {@code broken} names.
     */
    private BackendCrash fail(String broken) {
        if (exited(broken == null ? EXIT_GRACE_SECONDS : STRAY_OUTPUT_GRACE_SECONDS)) {
            kill();
            return WorkerDeath.died(process.exitValue(), lastWords(), maxHeap);
        }
        kill();
        return WorkerDeath.broken(broken != null ? broken : "it closed its output but did not exit", lastWords());
    }

    /** The tail of stderr, then whatever reached stdout outside a frame. */
    private String lastWords() {
        OutputTail stray = strayStdout;
        return stray == null ? stderr.text() : stderr.text() + "\n" + stray.text();
    }

    /** Waits a little for the pipes' last bytes once the process has exited. */
    private void awaitTails() throws InterruptedException {
        stderr.awaitEnd(2_000);
        OutputTail stray = strayStdout;
        if (stray != null) {
            stray.awaitEnd(2_000);
        }
    }

    /**
     * After the frame stream failed the process is usually on its way out (the JVM may still be
     * writing its crash report): waits a little for it to exit and for its last words.
     */
    private boolean exited(long graceSeconds) {
        try {
            if (process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                awaitTails();
                return true;
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Kills the process and every process it started, and waits for the process to end. */
    void kill() {
        dead = true;
        watchdog.stop();
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            awaitTails();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        removeCrashReport();
    }

    /** Asks an idle worker to exit (end of stdin), and kills it if it does not. */
    void shutdown() {
        dead = true;
        watchdog.stop();
        try {
            toWorker.close();
            if (process.waitFor(5, TimeUnit.SECONDS)) {
                return;
            }
        } catch (IOException e) {
            // already gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
    }

    /** The JVM's hs_err file: its banner is already in the stderr tail. */
    private void removeCrashReport() {
        try {
            Files.deleteIfExists(workDir.resolve("hs_err_pid" + process.pid() + ".log"));
        } catch (IOException e) {
            // the directory goes with the pool
        }
    }

    private static String tail(String text) {
        String s = text.strip();
        return s.isEmpty() ? "" : "; its stderr ends with: " + s.substring(Math.max(0, s.length() - 2000));
    }
}
