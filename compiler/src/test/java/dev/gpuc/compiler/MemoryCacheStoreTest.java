package dev.gpuc.compiler;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemoryCacheStoreTest {
    @Test
    void evictsLeastRecentlyUsedBeyondItsBound() {
        MemoryCacheStore store = new MemoryCacheStore(30);
        store.put("a", new byte[10]);
        store.put("b", new byte[10]);
        store.put("c", new byte[10]);
        store.get("a");
        store.put("d", new byte[10]);
        assertEquals(Optional.empty(), store.get("b"));
        assertTrue(store.get("a").isPresent());
        assertTrue(store.get("c").isPresent());
        assertTrue(store.get("d").isPresent());
        assertEquals(30, store.stats().bytes());
        assertEquals(1, store.stats().evictions());
    }

    @Test
    void anEntryLargerThanTheBoundIsNotKept() {
        MemoryCacheStore store = new MemoryCacheStore(5);
        store.put("a", new byte[3]);
        store.put("big", new byte[6]);
        assertEquals(Optional.empty(), store.get("big"));
        assertTrue(store.get("a").isPresent());
    }

    @Test
    void returnsCopiesSoCallersCannotAlterTheCache() {
        MemoryCacheStore store = new MemoryCacheStore();
        store.put("a", new byte[] {1, 2});
        store.get("a").orElseThrow()[0] = 9;
        assertEquals(1, store.get("a").orElseThrow()[0]);
    }

    @Test
    void keepsDecodedArtifactsAndStillServesTheirBytes() {
        MemoryCacheStore store = new MemoryCacheStore(1000);
        dev.gpuc.api.Artifact a = TestArtifacts.artifact("x");
        byte[] encoded = TestArtifacts.encoded("x");
        store.put("a", a, encoded.length);
        assertSame(a, store.artifact("a").orElseThrow(), "a memory hit is the artifact itself: no decode");
        assertArrayEquals(encoded, store.get("a").orElseThrow(), "byte readers get its encoding");
        assertEquals(encoded.length, store.stats().bytes(), "bounded by the encoded size");
    }

    @Test
    void decodesEntriesPutAsBytesAndDropsDamagedOnes() {
        MemoryCacheStore store = new MemoryCacheStore();
        store.put("a", TestArtifacts.encoded("y"));
        assertEquals(TestArtifacts.artifact("y"), store.artifact("a").orElseThrow());
        byte[] damaged = TestArtifacts.encoded("z");
        damaged[damaged.length / 2] ^= 1;
        store.put("b", damaged);
        assertThrows(dev.gpuc.api.CacheCorruption.class, () -> store.artifact("b"));
        assertEquals(Optional.empty(), store.get("b"), "a damaged entry is removed");
        assertEquals(Optional.empty(), store.artifact("missing"));
    }
}
