package dev.gpuc.passes;

import dev.gpuc.api.RuntimeValueMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The project's corpus (system property {@code gpuc.corpus}) and sessions derived from it. */
final class Fixtures {
    private Fixtures() {}

    static final long SYMBOL_X = 140234567890123L;
    static final long NOTHING = 140234560000016L;

    static Path corpus() {
        String dir = System.getProperty("gpuc.corpus");
        if (dir == null) {
            throw new IllegalStateException("system property gpuc.corpus is not set (surefire sets it)");
        }
        return Path.of(dir);
    }

    static String runtimeGlobal(String file) {
        return read(corpus().resolve("runtime-globals").resolve(file));
    }

    static RuntimeValueMap runtimeValues() {
        try {
            return RuntimeValueMap.read(corpus().resolve("runtime-globals/runtime-values.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same front-end output from a "later session": every address moved by {@code delta}. */
    static String laterSession(String ir, RuntimeValueMap values, long delta) {
        String out = ir;
        for (long a : values.asMap().values()) {
            out = out.replace(Long.toString(a), Long.toString(a + delta));
        }
        return out;
    }

    static RuntimeValueMap laterSession(RuntimeValueMap values, long delta) {
        Map<String, Long> moved = new HashMap<>();
        values.asMap().forEach((k, a) -> moved.put(k, a + delta));
        return new RuntimeValueMap(moved);
    }

    /** Whether {@code haystack} contains the 8 little-endian bytes of {@code value}. */
    static boolean containsLittleEndian(byte[] haystack, long value) {
        outer:
        for (int i = 0; i + 8 <= haystack.length; i++) {
            for (int b = 0; b < 8; b++) {
                if (haystack[i + b] != (byte) (value >>> (8 * b))) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
