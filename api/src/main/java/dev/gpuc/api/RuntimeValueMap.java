package dev.gpuc.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/** {@link RuntimeValues} backed by a map; also reads and writes the runtime-values JSON file. */
public final class RuntimeValueMap implements RuntimeValues {
    static final RuntimeValueMap EMPTY = new RuntimeValueMap(Map.of());

    private final Map<String, Long> byKey;
    private final Map<Long, String> byAddress;

    public RuntimeValueMap(Map<String, Long> keyToAddress) {
        this.byKey = Map.copyOf(keyToAddress);
        this.byAddress = new HashMap<>();
        for (Map.Entry<String, Long> e : new TreeMap<>(keyToAddress).entrySet()) {
            String previous = byAddress.putIfAbsent(e.getValue(), e.getKey());
            if (previous != null) {
                throw new IllegalArgumentException("address 0x" + Long.toHexString(e.getValue())
                        + " is claimed by both " + previous + " and " + e.getKey());
            }
        }
    }

    @Override
    public Optional<String> keyOf(long address) {
        return Optional.ofNullable(byAddress.get(address));
    }

    @Override
    public OptionalLong addressOf(String key) {
        Long a = byKey.get(key);
        return a == null ? OptionalLong.empty() : OptionalLong.of(a);
    }

    /** Key → address, sorted by key. */
    public Map<String, Long> asMap() {
        return new TreeMap<>(byKey);
    }

    /**
     * Reads the runtime-values file: {@code {"values": [{"key": "Symbol:x", "address": "0x7f…"}]}}.
     * Addresses are hex strings with {@code 0x} or decimal numbers.
     */
    public static RuntimeValueMap read(Path file) throws IOException {
        Object root;
        try {
            root = Json.parse(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        Map<String, Long> values = new LinkedHashMap<>();
        if (!(root instanceof Map<?, ?> m) || !(m.get("values") instanceof List<?> list)) {
            throw new IOException(file + ": expected an object with a \"values\" array");
        }
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> entry) || !(entry.get("key") instanceof String key)) {
                throw new IOException(file + ": each value needs a \"key\" string and an \"address\"");
            }
            if (values.put(key, parseAddress(entry.get("address"), file + ": " + key)) != null) {
                throw new IOException(file + ": key " + key + " is listed twice");
            }
        }
        try {
            return new RuntimeValueMap(values);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** A 64-bit address: a 0x-hex or decimal string, or a non-negative JSON integer (never a fraction). */
    static long parseAddress(Object value, String where) throws IOException {
        try {
            if (value instanceof Long n && n >= 0) {
                return n;
            }
            if (value instanceof String s) {
                String t = s.strip().toLowerCase(java.util.Locale.ROOT);
                return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseUnsignedLong(t);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException(where + ": address must be 0x-hex or decimal, got " + value);
    }

    public String toJson() {
        StringBuilder sb = new StringBuilder("{\n  \"values\": [");
        boolean first = true;
        for (Map.Entry<String, Long> e : asMap().entrySet()) {
            sb.append(first ? "\n" : ",\n").append("    {\"key\": ").append(Json.quote(e.getKey()))
              .append(", \"address\": \"0x").append(Long.toHexString(e.getValue())).append("\"}");
            first = false;
        }
        return sb.append("\n  ]\n}\n").toString();
    }
}
