package dev.gpuc.isolation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/** Builds a frame body from the protocol's field types (see README.md, "Protocol"). */
final class WireWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    WireWriter u8(int value) {
        out.write(value);
        return this;
    }

    WireWriter bool(boolean value) {
        return u8(value ? 1 : 0);
    }

    WireWriter i32(int value) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write(value >>> shift);
        }
        return this;
    }

    WireWriter i64(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    WireWriter bytes(byte[] value) {
        i32(value.length);
        out.writeBytes(value);
        return this;
    }

    WireWriter str(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** An optional string: a presence flag, then the string when present. */
    WireWriter optStr(String valueOrNull) {
        bool(valueOrNull != null);
        return valueOrNull == null ? this : str(valueOrNull);
    }

    WireWriter strings(Collection<String> values) {
        i32(values.size());
        values.forEach(this::str);
        return this;
    }

    WireWriter stringMap(Map<String, String> values) {
        i32(values.size());
        values.forEach((k, v) -> str(k).str(v));
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
