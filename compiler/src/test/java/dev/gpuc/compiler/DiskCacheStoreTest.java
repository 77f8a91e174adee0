package dev.gpuc.compiler;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.ArtifactCodec;
import dev.gpuc.api.CacheCorruption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskCacheStoreTest {
    @TempDir
    Path tmp;

    @Test
    void roundTripsAndCreatesAnOwnerOnlyDirectory() throws IOException {
        Path dir = tmp.resolve("a/b/gpuc");
        DiskCacheStore store = DiskCacheStore.open(dir);
        byte[] entry = TestArtifacts.encoded("hello");
        store.put(TestArtifacts.key(1), entry);
        assertArrayEquals(entry, store.get(TestArtifacts.key(1)).orElseThrow());
        assertEquals(Optional.empty(), store.get(TestArtifacts.key(2)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(store.entryPath(TestArtifacts.key(1)))));
        CacheStats s = store.stats();
        assertEquals(1, s.entries());
        assertEquals(1, s.hits());
        assertEquals(1, s.misses());
    }

    @Test
    void refusesADirectoryOthersCanWrite() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        InsecureCacheDirectory e = assertThrows(InsecureCacheDirectory.class, () -> DiskCacheStore.open(dir));
        assertTrue(e.getMessage().contains("writable by all users"), e.getMessage());
        assertTrue(e.getMessage().contains("code-injection"), e.getMessage());
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxr-x"));
        e = assertThrows(InsecureCacheDirectory.class, () -> DiskCacheStore.open(dir));
        assertTrue(e.getMessage().contains("writable by its group"), e.getMessage());
    }

    @Test
    void refusesAFileInPlaceOfTheDirectory() throws IOException {
        Path file = Files.writeString(tmp.resolve("notadir"), "x");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThrows(InsecureCacheDirectory.class, () -> DiskCacheStore.open(file));
    }

    @Test
    void aTruncatedEntryIsAMissAndIsRemoved() throws IOException {
        DiskCacheStore store = storeWithEntry();
        Path path = store.entryPath(TestArtifacts.key(1));
        byte[] file = Files.readAllBytes(path);
        Files.write(path, Arrays.copyOf(file, file.length / 2));
        assertDiscarded(store, path, "checksum mismatch");
    }

    @Test
    void aFlippedByteIsAMissAndIsRemoved() throws IOException {
        DiskCacheStore store = storeWithEntry();
        Path path = store.entryPath(TestArtifacts.key(1));
        byte[] file = Files.readAllBytes(path);
        file[file.length / 2] ^= 0x01;
        Files.write(path, file);
        assertDiscarded(store, path, "checksum mismatch");
    }

    @Test
    void anEntryFromAFutureFormatIsAMissAndIsRemoved() throws IOException {
        DiskCacheStore store = storeWithEntry();
        Path path = store.entryPath(TestArtifacts.key(1));
        Files.write(path, withVersion(Files.readAllBytes(path), CacheEntry.FORMAT_VERSION + 1));
        assertDiscarded(store, path, "entry format version " + (CacheEntry.FORMAT_VERSION + 1));
    }

    @Test
    void anEntryCopiedToAnotherKeyIsAMiss() throws IOException {
        DiskCacheStore store = storeWithEntry();
        Path other = store.entryPath(TestArtifacts.key(2));
        Files.createDirectories(other.getParent());
        Files.copy(store.entryPath(TestArtifacts.key(1)), other);
        CacheCorruption e = assertThrows(CacheCorruption.class, () -> store.get(TestArtifacts.key(2)));
        assertTrue(e.getMessage().contains("entry holds key"), e.getMessage());
        assertFalse(Files.exists(other));
        assertTrue(store.get(TestArtifacts.key(1)).isPresent(), "the original stays");
    }

    @Test
    void verifyRemovesEntriesWhoseArtifactIsDamagedInsideAValidEnvelope() throws IOException {
        DiskCacheStore store = storeWithEntry();
        byte[] artifact = TestArtifacts.encoded("second");
        artifact[20] ^= 0x01; // breaks the artifact's own SHA-256, not the envelope's
        store.put(TestArtifacts.key(2), artifact);
        VerifyReport r = store.verify();
        assertEquals(2, r.checked());
        assertEquals(1, r.valid());
        assertEquals(1, r.removed().size());
        assertTrue(r.removed().get(0).contains("artifact inside"), r.removed().get(0));
        assertFalse(Files.exists(store.entryPath(TestArtifacts.key(2))));
    }

    @Test
    void evictsTheLeastRecentlyUsedEntriesBeyondTheBound() throws IOException {
        byte[] entry = TestArtifacts.encoded("x".repeat(1000));
        long entrySize = CacheEntry.encode(TestArtifacts.key(0), entry).length;
        DiskCacheStore store = DiskCacheStore.open(tmp.resolve("c"), entrySize * 3);
        for (int i = 1; i <= 3; i++) {
            store.put(TestArtifacts.key(i), entry);
            Files.setLastModifiedTime(store.entryPath(TestArtifacts.key(i)), FileTime.from(Instant.ofEpochSecond(1_000_000 + i)));
        }
        store.get(TestArtifacts.key(1)); // refreshes 1: now 2 is the least recently used
        store.put(TestArtifacts.key(4), entry);
        assertFalse(Files.exists(store.entryPath(TestArtifacts.key(2))), "LRU entry evicted");
        assertTrue(Files.exists(store.entryPath(TestArtifacts.key(1))));
        assertTrue(Files.exists(store.entryPath(TestArtifacts.key(4))));
        assertTrue(store.stats().bytes() <= entrySize * 3);
        assertTrue(store.stats().evictions() >= 1);
    }

    @Test
    void aWriteThatFailsIsReportedAndLeavesNoTemporaryFile() throws IOException {
        DiskCacheStore store = DiskCacheStore.open(tmp.resolve("d"));
        String key = TestArtifacts.key(7);
        // a file where the entry's directory must go: the write fails as on a full disk
        Files.createDirectories(store.root().resolve("entries"));
        Files.writeString(store.entryPath(key).getParent(), "in the way");
        IOException e = assertThrows(IOException.class, () -> store.put(key, TestArtifacts.encoded("y")));
        assertTrue(e.getMessage().startsWith("cannot store cache entry"), e.getMessage());
        assertEquals(1, store.stats().writeFailures());
        assertEquals(1, store.stats().errors(), "a failed write is a failed call to the tier");
        try (var files = Files.walk(store.root())) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")));
        }
    }

    @Test
    void aReadThatFailsIsAMissAndCountsAsAnError() throws IOException {
        DiskCacheStore store = DiskCacheStore.open(tmp.resolve("d"));
        String key = TestArtifacts.key(8);
        Files.createDirectories(store.entryPath(key)); // a directory where the entry's file should be
        assertEquals(Optional.empty(), store.get(key));
        CacheStats s = store.stats();
        assertEquals(List.of(1L, 1L, 0L), List.of(s.misses(), s.errors(), s.writeFailures()), s.toString());
    }

    @Test
    void aDirectoryThatCannotBeCreatedStoresNothingAndSaysWhy() throws IOException {
        Path blocker = Files.writeString(tmp.resolve("file"), "x");
        DiskCacheStore store = DiskCacheStore.open(blocker.resolve("gpuc"));
        assertEquals(Optional.empty(), store.get(TestArtifacts.key(1)));
        IOException e = assertThrows(IOException.class, () -> store.put(TestArtifacts.key(1), TestArtifacts.encoded("z")));
        assertTrue(e.getMessage().contains("cannot create cache directory"), e.getMessage());
    }

    @Test
    void clearRemovesEverything() throws IOException {
        DiskCacheStore store = storeWithEntry();
        store.lease(TestArtifacts.key(1)).close();
        store.clear();
        assertEquals(0, store.stats().entries());
        assertEquals(Optional.empty(), store.get(TestArtifacts.key(1)));
        try (var left = Files.walk(store.root())) {
            assertEquals(List.of(store.root()), left.toList());
        }
    }

    @Test
    void defaultDirectoryFollowsTheXdgRules() {
        assertEquals(Path.of("/x/y"), CacheDirectory.defaultDirectory(java.util.Map.of("GPUC_CACHE_DIR", "/x/y",
                "XDG_CACHE_HOME", "/c"), "/home/u"));
        assertEquals(Path.of("/c/gpuc"), CacheDirectory.defaultDirectory(java.util.Map.of("XDG_CACHE_HOME", "/c"), "/home/u"));
        assertEquals(Path.of("/home/u/.cache/gpuc"), CacheDirectory.defaultDirectory(
                java.util.Map.of("XDG_CACHE_HOME", "relative"), "/home/u"));
    }

    private DiskCacheStore storeWithEntry() throws IOException {
        DiskCacheStore store = DiskCacheStore.open(tmp.resolve("cache"));
        store.put(TestArtifacts.key(1), TestArtifacts.encoded("payload"));
        return store;
    }

    private static void assertDiscarded(DiskCacheStore store, Path path, String why) {
        CacheCorruption e = assertThrows(CacheCorruption.class, () -> store.get(TestArtifacts.key(1)));
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertFalse(Files.exists(path), "damaged entry removed");
        assertEquals(Optional.empty(), store.get(TestArtifacts.key(1)), "and a plain miss afterwards");
        assertEquals(1, store.stats().corrupt());
    }

    /** The entry with another format version and a checksum recomputed to match: well-formed, but foreign. */
    static byte[] withVersion(byte[] entry, int version) {
        byte[] out = entry.clone();
        ByteBuffer.wrap(out).putInt(8, version);
        int body = out.length - 32;
        System.arraycopy(ArtifactCodec.sha256(out, 0, body), 0, out, body, 32);
        return out;
    }
}
