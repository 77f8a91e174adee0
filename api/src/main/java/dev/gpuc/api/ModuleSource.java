package dev.gpuc.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * IR to compile: textual LLVM IR or bitcode, and a name for error messages. Immutable (the bytes
 * are copied in and out), so its {@linkplain #digest digest} is computed once: a compiler asked
 * for the same source again (a front end re-requesting a kernel it already has) need not hash
 * it again.
 */
public final class ModuleSource {
    private final String name;
    private final byte[] bytes;
    /** SHA-256 of the bytes, computed on first use (two threads may both compute it: same value). */
    private volatile byte[] digest;

    public ModuleSource(String name, byte[] bytes) {
        this.name = Objects.requireNonNull(name, "name");
        this.bytes = bytes.clone();
    }

    public static ModuleSource of(Path path) throws IOException {
        return new ModuleSource(path.toString(), Files.readAllBytes(path));
    }

    public static ModuleSource ofText(String name, String ir) {
        return new ModuleSource(name, ir.getBytes(StandardCharsets.UTF_8));
    }

    public String name() {
        return name;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes without a defensive copy; callers must not modify them. */
    public byte[] bytesUnsafe() {
        return bytes;
    }

    /** SHA-256 of the bytes (not the name); a copy. */
    public byte[] digest() {
        byte[] d = digest;
        if (d == null) {
            try {
                d = MessageDigest.getInstance("SHA-256").digest(bytes);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every Java platform", e);
            }
            digest = d;
        }
        return d.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModuleSource m && m.name.equals(name) && Arrays.equals(m.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "ModuleSource[" + name + ", " + bytes.length + " bytes]";
    }
}
