package dev.gpuc.isolation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The last bytes a worker wrote to a stream, kept in a ring buffer while a thread drains the
 * pipe (so a chatty worker never blocks). After a crash, its stderr's tail holds LLVM's last
 * message.
 */
final class OutputTail {
    private final byte[] ring;
    private long written;
    private boolean ended;

    OutputTail(int capacity) {
        this.ring = new byte[capacity];
    }

    /** Starts a thread that drains {@code stream} into a new tail. */
    static OutputTail drain(InputStream stream, int capacity, String name) {
        OutputTail tail = new OutputTail(capacity);
        Thread t = new Thread(() -> tail.pump(stream), name);
        t.setDaemon(true);
        t.start();
        return tail;
    }

    /** Reads {@code in} to its end into this tail, on the calling thread. */
    void pump(InputStream in) {
        pump(in, -1);
    }

    /**
     * Reads {@code in} to its end, on the calling thread, keeping what comes before the first
     * {@code stop} byte (-1: none): the rest is read and dropped.
     */
    void pump(InputStream in, int stop) {
        byte[] chunk = new byte[4096];
        boolean keep = true;
        try (in) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                int end = n;
                for (int i = 0; keep && stop >= 0 && i < n; i++) {
                    if ((chunk[i] & 0xff) == stop) {
                        end = i;
                        append(chunk, end);
                        keep = false;
                    }
                }
                if (keep) {
                    append(chunk, end);
                }
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
