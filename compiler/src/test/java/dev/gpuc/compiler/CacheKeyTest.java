package dev.gpuc.compiler;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheKeyTest {
    static final byte[] MATERIAL = "module".getBytes(StandardCharsets.UTF_8);

    /** The recipe exactly as compiler/README.md documents it, so the document and the code cannot drift. */
    @Test
    void followsTheDocumentedRecipe() throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (byte[] field : List.of("gpuc-cache-key/1".getBytes(StandardCharsets.UTF_8), MATERIAL, bytes("default<O2>"),
                bytes("0.1.0"), bytes("20.1.7"), bytes("cpu"), bytes("0.1.0+x"))) {
            md.update(ByteBuffer.allocate(8).putLong(field.length).array());
            md.update(field);
        }
        assertEquals(HexFormat.of().formatHex(md.digest()),
                CacheKey.of(MATERIAL, "default<O2>", "0.1.0", "20.1.7", "cpu", "0.1.0+x").hex());
    }

    @Test
    void everyFieldChangesTheKeyAndFieldsCannotBleedIntoEachOther() {
        CacheKey base = CacheKey.of(MATERIAL, "p", "g", "l", "b", "v");
        assertEquals(base, CacheKey.of(MATERIAL.clone(), "p", "g", "l", "b", "v"));
        List<CacheKey> variants = List.of(
                CacheKey.of(bytes("other"), "p", "g", "l", "b", "v"),
                CacheKey.of(MATERIAL, "q", "g", "l", "b", "v"),
                CacheKey.of(MATERIAL, "p", "h", "l", "b", "v"),
                CacheKey.of(MATERIAL, "p", "g", "m", "b", "v"),
                CacheKey.of(MATERIAL, "p", "g", "l", "c", "v"),
                CacheKey.of(MATERIAL, "p", "g", "l", "b", "w"),
                CacheKey.of(MATERIAL, "pg", "", "l", "b", "v"));
        for (CacheKey k : variants) {
            assertNotEquals(base, k);
        }
        assertEquals(variants.size(), variants.stream().distinct().count());
    }

    @Test
    void onlyHexDigestsAreKeys() {
        assertThrows(IllegalArgumentException.class, () -> new CacheKey("../../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> new CacheKey("AB".repeat(32)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
