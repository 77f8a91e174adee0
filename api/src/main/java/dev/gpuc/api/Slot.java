package dev.gpuc.api;

import java.util.Objects;

/**
 * One runtime global: the slot that stands for it in the compiled code and the key that names
 * the runtime object in every session.
 *
 * @param name             portable symbol name ({@code [A-Za-z_][A-Za-z0-9_]*})
 * @param key              the front end's stable key, such as {@code Symbol:x}
 * @param compileTimeValue the address in the session that compiled the artifact
 * @param size             bytes the slot occupies (the pointer size of its address space)
 * @param addressSpace     address space of the slot global
 */
public record Slot(String name, String key, long compileTimeValue, int size, int addressSpace) {
    public Slot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("slot name is not portable: " + name);
        }
    }
}
