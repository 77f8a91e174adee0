package dev.gpuc.ir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The project's corpus of inputs, located through the {@code gpuc.corpus} property surefire sets. */
final class Corpus {
    private Corpus() {}

    static Path dir(String sub) {
        String root = System.getProperty("gpuc.corpus");
        if (root == null) {
            throw new IllegalStateException("system property gpuc.corpus is not set (surefire sets it)");
        }
        return Path.of(root, sub);
    }

    /** The files of a corpus folder, sorted; {@code suffix} filters by name ending. */
    static List<Path> files(String sub, String suffix) {
        try (Stream<Path> s = Files.list(dir(sub))) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
