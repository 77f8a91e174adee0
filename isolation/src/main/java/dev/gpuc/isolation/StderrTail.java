package dev.gpuc.isolation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The last bytes a worker wrote to stderr, kept in a ring buffer while a thread drains the
 * pipe (so a chatty worker never blocks). After a crash it holds LLVM's last message.
 */
final class StderrTail {
    private final byte[] ring;
    private long written;
    private boolean ended;

    StderrTail(int capacity) {
        this.ring = new byte[capacity];
    }

    /** Starts the draining thread for {@code stderr}. */
    static StderrTail drain(InputStream stderr, int capacity, String name) {
        StderrTail tail = new StderrTail(capacity);
        Thread t = new Thread(() -> tail.pump(stderr), name);
        t.setDaemon(true);
        t.start();
        return tail;
    }

    private void pump(InputStream in) {
        byte[] chunk = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                append(chunk, n);
            }
        } catch (IOException e) {
            // the pipe broke with the process: what was read so far is the tail
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    synchronized void append(byte[] bytes, int length) {
        for (int i = Math.max(0, length - ring.length); i < length; i++) {
            ring[(int) (written++ % ring.length)] = bytes[i];
        }
    }

    /**
     * Waits until the pipe is closed (every writer has exited) or {@code millis} pass: after a
     * process died, its last words are then in the buffer.
     */
    synchronized void awaitEnd(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        long left;
        while (!ended && (left = deadline - System.nanoTime()) > 0) {
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** The tail as text; a cut through a multi-byte character at the start is replaced, not fatal. */
    synchronized String text() {
        int size = (int) Math.min(written, ring.length);
        byte[] out = new byte[size];
        long start = written - size;
        for (int i = 0; i < size; i++) {
            out[i] = ring[(int) ((start + i) % ring.length)];
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
