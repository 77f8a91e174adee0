package dev.gpuc.isolation;

import dev.gpuc.api.ModuleSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The project's corpus, found through the {@code gpuc.corpus} system property. */
final class Corpus {
    private Corpus() {}

    static Path dir(String sub) {
        String root = System.getProperty("gpuc.corpus");
        if (root == null) {
            throw new IllegalStateException("system property gpuc.corpus is not set (the parent pom sets it for tests)");
        }
        return Path.of(root, sub);
    }

    static ModuleSource source(String sub, String file) {
        try {
            return ModuleSource.of(dir(sub).resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file in a corpus directory, sorted by name. */
    static List<Path> files(String sub) {
        try (Stream<Path> s = Files.list(dir(sub))) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
