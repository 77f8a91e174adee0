package dev.gpuc.api;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class ModuleSourceTest {
    @Test
    void theBytesAreCopiedInAndOutSoTheDigestCannotGoStale() throws Exception {
        byte[] text = "define void @k() {\n  ret void\n}\n".getBytes(StandardCharsets.UTF_8);
        ModuleSource s = new ModuleSource("k.ll", text);
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(text);
        assertArrayEquals(expected, s.digest());
        text[0] = 'X';
        s.bytes()[1] = 'Y';
        s.digest()[0] ^= 1;
        assertArrayEquals(expected, s.digest(), "neither the caller's array nor a returned copy reaches the source");
        assertEquals('d', s.bytesUnsafe()[0]);
    }

    @Test
    void equalityIsNameAndBytes() {
        ModuleSource a = ModuleSource.ofText("a.ll", "x");
        assertEquals(a, ModuleSource.ofText("a.ll", "x"));
        assertEquals(a.hashCode(), ModuleSource.ofText("a.ll", "x").hashCode());
        assertNotEquals(a, ModuleSource.ofText("b.ll", "x"));
        assertNotEquals(a, ModuleSource.ofText("a.ll", "y"));
        assertArrayEquals(a.digest(), ModuleSource.ofText("b.ll", "x").digest(), "the digest is of the bytes alone");
    }
}
