package dev.gpuc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deleting the temporary directories benchmarks make. */
final class TemporaryDirectory {
    private TemporaryDirectory() {}

    /** Deletes {@code dir} and everything in it; a leftover file does not change a measurement, so failures are ignored. */
    static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // see above
        }
    }
}
