package dev.gpuc.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * One output file of a compilation, such as {@code ptx} text, a {@code cubin}, an {@code hsaco}
 * code object, a {@code spirv} binary or a host {@code object}.
 */
public record Payload(String kind, byte[] bytes) {
    public Payload {
        Objects.requireNonNull(kind, "kind");
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Payload p && p.kind.equals(kind) && Arrays.equals(p.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Payload[" + kind + ", " + bytes.length + " bytes]";
    }
}
