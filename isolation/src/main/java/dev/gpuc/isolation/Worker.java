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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The host's handle on one worker process: its pipes, a thread that reads its frames into a
 * queue (so every wait has a deadline), and the tail of its stderr. Used by one thread at a
 * time (the pool leases it). Once anything goes wrong the process is killed and the worker is
 * dead for good; the pool replaces it.
 */
final class Worker {
    /** What the frame-reading thread hands over: a frame, or the end of the stream and why. */
    private sealed interface Incoming {}

    private record Received(Frames.Frame frame) implements Incoming {}

    private record Closed(String why) implements Incoming {}

    /** Answers the worker's questions about runtime values during a request. */
    interface Answers {
        byte[] answer(MessageType question, WireReader body);
    }

    private final Process process;
    private final OutputStream toWorker;
    private final BlockingQueue<Incoming> incoming = new LinkedBlockingQueue<>();
    private final OutputTail stderr;
    /** What the worker wrote to stdout after the last frame, when it wrote something else (a JVM crash banner). */
    private final OutputTail strayStdout;
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
        this.stderr = OutputTail.drain(process.getErrorStream(), stderrBytes, "gpuc-worker-" + process.pid() + "-stderr");
        this.strayStdout = new OutputTail(stderrBytes);
        this.workDir = workDir;
        this.maxHeap = maxHeap;
        this.jobLimitSeconds = jobLimitSeconds;
        Thread reader = new Thread(() -> readFrames(new BufferedInputStream(process.getInputStream(), 1 << 16)),
                "gpuc-worker-" + process.pid() + "-frames");
        reader.setDaemon(true);
        reader.start();
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
            WireReader hello = new WireReader(w.await(MessageType.HELLO, System.nanoTime() + config.startTimeout().toNanos(),
                    "it did not start within " + config.startTimeout().toSeconds() + " s", null));
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
        send(type, body);
        return await(expected, deadline, "the job ran longer than its limit of " + jobLimitSeconds + " s", answers);
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

    /** @param overdue what a timeout means, for the crash's cause */
    private byte[] await(MessageType expected, long deadline, String overdue, Answers answers) {
        while (true) {
            Incoming next;
            try {
                next = incoming.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                kill();
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while worker " + pid() + " compiled; it was killed");
            }
            if (next == null) {
                kill();
                throw WorkerDeath.timedOut(overdue, lastWords());
            }
            if (next instanceof Closed closed) {
                throw fail(closed.why());
            }
            Frames.Frame frame = ((Received) next).frame();
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
        String stray = strayStdout.text();
        return stray.isEmpty() ? stderr.text() : stderr.text() + "\n" + stray;
    }

    /**
     * After the frame stream failed the process is usually on its way out (the JVM may still be
     * writing its crash report): waits a little for it to exit and for its last words.
     */
    private boolean exited(long graceSeconds) {
        try {
            if (process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                stderr.awaitEnd(2_000);
                strayStdout.awaitEnd(2_000);
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
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            stderr.awaitEnd(2_000);
            strayStdout.awaitEnd(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        removeCrashReport();
    }

    /** Asks an idle worker to exit (end of stdin), and kills it if it does not. */
    void shutdown() {
        dead = true;
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

    /** Queues every frame; after the first non-frame byte, the rest of stdout goes to {@link #strayStdout}. */
    private void readFrames(InputStream in) {
        try {
            while (true) {
                Optional<Frames.Frame> f = Frames.read(in);
                if (f.isEmpty()) {
                    incoming.add(new Closed(null));
                    break;
                }
                incoming.add(new Received(f.get()));
            }
        } catch (Frames.NotAFrame e) {
            strayStdout.append(new byte[] {(byte) e.firstByte}, 1);
            incoming.add(new Closed("it wrote to stdout outside a frame"));
            strayStdout.pump(in, Frames.MAGIC); // up to the next frame, which no one reads any more
            return;
        } catch (ProtocolException e) {
            incoming.add(new Closed("its output is not a frame stream (" + e.getMessage() + ")"));
        } catch (IOException e) {
            incoming.add(new Closed(null));
        }
        strayStdout.pump(in); // at its end or broken: closes it and marks the tail ended
    }

    private static String tail(String text) {
        String s = text.strip();
        return s.isEmpty() ? "" : "; its stderr ends with: " + s.substring(Math.max(0, s.length() - 2000));
    }
}
