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
}
