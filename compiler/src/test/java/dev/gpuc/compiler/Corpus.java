package dev.gpuc.compiler;

import dev.gpuc.api.ModuleSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The project's example inputs (system property {@code gpuc.corpus}, set by surefire). */
final class Corpus {
    private Corpus() {}

    static Path path(String relative) {
        String root = System.getProperty("gpuc.corpus");
        if (root == null) {
            throw new IllegalStateException("system property gpuc.corpus is not set (run the tests through Maven)");
        }
        return Path.of(root, relative);
    }

    static String text(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ModuleSource source(String relative) {
        try {
            return ModuleSource.of(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
