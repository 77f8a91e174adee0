package dev.gpuc.cli;

import java.io.PrintWriter;

/**
 * A progress bar on stderr for several inputs, drawn only on a terminal: piped or redirected
 * output gets none, so logs and scripts see clean lines.
 */
final class Progress implements AutoCloseable {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final int total;
    private final boolean draw;
    private int done;

    private Progress(PrintWriter err, int total, boolean draw) {
        this.err = err;
        this.total = total;
        this.draw = draw;
    }

    static Progress start(PrintWriter err, int total, boolean wanted) {
        return new Progress(err, total, wanted && total > 1 && System.console() != null);
    }

    synchronized void step(String name) {
        done++;
        if (draw) {
            int filled = WIDTH * done / total;
            err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total + " "
                    + (name.length() > 40 ? "..." + name.substring(name.length() - 37) : name) + "\u001b[K");
            err.flush();
        }
    }

    @Override
    public synchronized void close() {
        if (draw && done > 0) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }
}
