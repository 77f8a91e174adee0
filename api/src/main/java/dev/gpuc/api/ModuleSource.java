package dev.gpuc.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** IR to compile: textual LLVM IR or bitcode, and a name for error messages. */
public record ModuleSource(String name, byte[] bytes) {
    public ModuleSource {
        Objects.requireNonNull(name, "name");
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes without a defensive copy; callers must not modify them. */
    public byte[] bytesUnsafe() {
        return bytes;
    }

    public static ModuleSource of(Path path) throws IOException {
        return new ModuleSource(path.toString(), Files.readAllBytes(path));
    }

    public static ModuleSource ofText(String name, String ir) {
        return new ModuleSource(name, ir.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModuleSource m && m.name.equals(name) && java.util.Arrays.equals(m.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "ModuleSource[" + name + ", " + bytes.length + " bytes]";
    }
}
