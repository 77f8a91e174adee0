package dev.gpuc.cli;

import dev.gpuc.api.ModuleSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The demo's front end: emits the corpus's symbol-compare module the way a JIT would in this
 * session, with the host addresses of this session's {@code :x} and {@code nothing} baked in.
 */
final class SymbolCompare {
    static final String X = "Symbol:x";
    static final String NOTHING = "Core.nothing";
    /** The addresses the corpus file was emitted with. */
    private static final String CORPUS_X = "140234567890123";
    private static final String CORPUS_NOTHING = "140234560000016";
    private static final String TEXT = load();

    private SymbolCompare() {}

    private static String load() {
        try (InputStream in = SymbolCompare.class.getResourceAsStream("symbol-compare.ll")) {
            if (in == null) {
                throw new IllegalStateException("symbol-compare.ll is missing from the gpuc-cli jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The module as emitted in a session where {@code :x} lives at {@code x} and {@code nothing} at {@code nothing}. */
    static ModuleSource emit(long x, long nothing) {
        return ModuleSource.ofText("symbol-compare.ll", TEXT.replace(CORPUS_X, Long.toUnsignedString(x))
                .replace(CORPUS_NOTHING, Long.toUnsignedString(nothing)));
    }
}
