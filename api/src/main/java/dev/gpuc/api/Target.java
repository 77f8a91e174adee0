package dev.gpuc.api;

import java.util.Map;
import java.util.SortedMap;

/**
 * What to compile for: a backend and that backend's settings. Open to third-party backends,
 * which may implement it with their own typed records; {@link BasicTarget} serves the rest.
 */
public interface Target {
    /** Id of the backend that compiles for this target, such as {@code ptx}. */
    String backend();

    /** LLVM target triple. */
    String triple();

    /** Architecture / CPU name: {@code sm_90}, {@code gfx90a}, {@code x86-64}, or empty. */
    String arch();

    /** LLVM feature string such as {@code +ptx80} or {@code -xnack}; may be empty. */
    String features();

    /** Every further setting that changes the output, by name. */
    SortedMap<String, String> options();

    /** One canonical line naming every field: part of the cache key and of provenance. */
    default String describe() {
        StringBuilder sb = new StringBuilder(backend()).append(':').append(triple())
                .append(";arch=").append(arch()).append(";features=").append(features());
        for (Map.Entry<String, String> e : options().entrySet()) {
            sb.append(';').append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }
}
