package dev.gpuc.compiler;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.ArtifactCodec;
import dev.gpuc.api.CompileJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged and unusable caches, end to end: a fresh process-like compiler (empty memory tier)
 * meets what an earlier one left on disk. A damaged entry is never loaded: the compilation
 * misses, says why, recompiles and repairs the entry.
 */
class CacheFaultTest {
    static final CompileJob JOB = Kernels.scaleJob(21, 1);

    @TempDir
    Path dir;

    @Test
    void aTruncatedEntryIsRecompiled() throws Exception {
        assertRepaired(file -> Arrays.copyOf(file, file.length - 40), "checksum mismatch");
    }

    @Test
    void aFlippedByteIsRecompiled() throws Exception {
        assertRepaired(file -> {
            byte[] f = file.clone();
            f[f.length / 3] ^= 0x20;
            return f;
        }, "checksum mismatch");
    }

    @Test
    void anEntryFromAFutureFormatIsRecompiled() throws Exception {
        assertRepaired(file -> DiskCacheStoreTest.withVersion(file, CacheEntry.FORMAT_VERSION + 1),
                "entry format version " + (CacheEntry.FORMAT_VERSION + 1));
    }

    @Test
    void anEmptyFileIsRecompiled() throws Exception {
        assertRepaired(file -> new byte[0], "not a gpuc cache entry");
    }

    private void assertRepaired(UnaryOperator<byte[]> damage, String why) throws Exception {
        CompileOutcome original = compileFresh();
        assertEquals(CacheStatus.MISS, original.cache());
        Path entry = DiskCacheStore.open(dir).entryPath(original.key().hex());
        Files.write(entry, damage.apply(Files.readAllBytes(entry)));

        CompileOutcome again = compileFresh();
        assertEquals(CacheStatus.MISS, again.cache(), again.cacheReason());
        assertTrue(again.codegen());
        assertEquals(1, again.warnings().size(), again.warnings().toString());
        assertTrue(again.warnings().get(0).contains(why), again.warnings().toString());
        assertTrue(again.warnings().get(0).contains("entry removed"), again.warnings().toString());
        assertArrayEquals(ArtifactCodec.encode(original.artifact()), ArtifactCodec.encode(again.artifact()));

        assertEquals(List.of(), DiskCacheStore.open(dir).verify().removed(), "the entry was rewritten whole");
        assertEquals(CacheStatus.HIT, compileFresh().cache());
    }

    @Test
    void aReadOnlyCacheStillCompilesAndSaysCachingWasSkipped() throws Exception {
        DiskCacheStore.open(dir); // creates it, owner-only
        ReadOnlyDirectory readOnly = ReadOnlyDirectory.of(dir);
        try {
            CompileOutcome o = compileFresh();
            assertEquals(CacheStatus.MISS, o.cache());
            assertTrue(o.cacheReason().endsWith("; compiled"), o.cacheReason());
            assertTrue(o.codegen());
            assertEquals(1, o.warnings().size(), o.warnings().toString());
            assertTrue(o.warnings().get(0).startsWith("caching skipped: cannot store cache entry"), o.warnings().toString());
            assertEquals(3 * 21, run(o));
        } finally {
            readOnly.close();
        }
    }

    @Test
    void aReadOnlyCacheStillServesWhatItHolds() throws Exception {
        CompileOutcome first = compileFresh();
        Path entryDir = DiskCacheStore.open(dir).entryPath(first.key().hex()).getParent();
        ReadOnlyDirectory root = ReadOnlyDirectory.of(dir);
        ReadOnlyDirectory entries = ReadOnlyDirectory.of(entryDir);
        try {
            CompileOutcome o = compileFresh();
            assertEquals(CacheStatus.HIT, o.cache());
            assertEquals(List.of(), o.warnings());
            assertEquals(3 * 21, run(o));
        } finally {
            entries.close();
            root.close();
        }
    }

    private CompileOutcome compileFresh() {
        try (Compiler compiler = Compiler.builder().standardCache(dir).build()) {
            return compiler.compile(JOB);
        }
    }

    private long run(CompileOutcome o) {
        try (Compiler compiler = Compiler.builder().build();
             var m = (dev.gpuc.backend.cpu.CpuModule) compiler.load(o.artifact(), dev.gpuc.api.RuntimeValues.empty())) {
            return m.callLong("scale", 3L);
        }
    }
}
