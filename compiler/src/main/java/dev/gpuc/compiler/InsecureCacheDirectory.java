package dev.gpuc.compiler;

import java.nio.file.Path;

/**
 * A cache directory gpuc refuses to use: another user could write entries into it, and a
 * cache entry is code that gets loaded and run, so a shared writable cache is a code-injection
 * path. The message says what is wrong and how to fix it.
 */
public final class InsecureCacheDirectory extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path directory;

    InsecureCacheDirectory(Path directory, String problem) {
        super("refusing cache directory " + directory + ": " + problem
                + " (a cache other users can write is a code-injection path; use a directory only you can write, e.g. chmod 700 "
                + directory + ")");
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }
}
