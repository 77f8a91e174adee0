package dev.gpuc.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * gpuc's log on a terminal: warnings (a damaged cache entry removed, caching skipped on a full
 * disk) as single {@code warning: ...} lines on stderr, nothing below that.
 */
final class Logging {
    private Logging() {}

    static void toStderr() {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.WARNING);
        console.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                return (r.getLevel().intValue() >= Level.SEVERE.intValue() ? "error: " : "warning: ")
                        + Failures.firstLine(formatMessage(r)) + System.lineSeparator();
            }
        });
        root.addHandler(console);
        root.setLevel(Level.WARNING);
    }
}
