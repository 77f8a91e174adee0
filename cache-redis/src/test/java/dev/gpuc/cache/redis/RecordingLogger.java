package dev.gpuc.cache.redis;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

/** A {@link System.Logger} that keeps what it is told, for tests that check the warnings. */
final class RecordingLogger implements System.Logger {
    /** One formatted log message. */
    record Entry(Level level, String message) {}

    private final List<Entry> entries = new ArrayList<>();

    @Override
    public String getName() {
        return "test";
    }

    @Override
    public boolean isLoggable(Level level) {
        return true;
    }

    @Override
    public synchronized void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        entries.add(new Entry(level, thrown == null ? msg : msg + " " + thrown));
    }

    @Override
    public synchronized void log(Level level, ResourceBundle bundle, String format, Object... params) {
        entries.add(new Entry(level, params == null || params.length == 0 ? format : MessageFormat.format(format, params)));
    }

    /** The messages logged at {@code level}. */
    synchronized List<String> at(Level level) {
        return entries.stream().filter(e -> e.level() == level).map(Entry::message).collect(Collectors.toList());
    }

    synchronized List<Entry> all() {
        return List.copyOf(entries);
    }

    synchronized void clear() {
        entries.clear();
    }
}
