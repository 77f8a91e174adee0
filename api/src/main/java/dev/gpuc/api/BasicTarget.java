package dev.gpuc.api;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** A target as plain data, for backends whose settings are just strings. */
public record BasicTarget(String backend, String triple, String arch, String features,
                          SortedMap<String, String> options) implements Target {
    public BasicTarget {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(triple, "triple");
        arch = arch == null ? "" : arch;
        features = features == null ? "" : features;
        options = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(options == null ? Map.of() : options));
    }

    public static BasicTarget of(String backend, String triple, String arch, String features) {
        return new BasicTarget(backend, triple, arch, features, new TreeMap<>());
    }

    public BasicTarget withOption(String key, String value) {
        TreeMap<String, String> o = new TreeMap<>(options);
        o.put(key, value);
        return new BasicTarget(backend, triple, arch, features, o);
    }
}
