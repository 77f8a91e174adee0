package dev.gpuc.bench;

import dev.gpuc.api.ModuleSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The project's example kernels, packed into benchmarks.jar under {@code /corpus} by the pom, so
 * forked benchmark JVMs find them wherever they run.
 */
public final class Corpus {
    private Corpus() {}

    /** A file under the corpus, such as {@code kernels/saxpy.cpu.ll}. */
    public static ModuleSource source(String relative) {
        String resource = "/corpus/" + relative;
        try (InputStream in = Corpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no " + resource + " in the benchmark jar");
            }
            return new ModuleSource(relative, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
