package dev.gpuc.compiler;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.ArtifactCodec;
import dev.gpuc.api.BackendUnavailable;
import dev.gpuc.api.BasicTarget;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.InvalidInputIr;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.api.UnresolvedRuntimeValue;
import dev.gpuc.backend.cpu.CpuModule;
import dev.gpuc.passes.StageTiming;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilerTest {
    static final SymbolCompareSession A = new SymbolCompareSession(0x7f00_0000_1000L, 0x7f00_0000_2000L);
    static final SymbolCompareSession B = new SymbolCompareSession(0x5500_0000_1000L, 0x5500_0000_2000L);

    @TempDir
    Path dir;

    @Test
    void aMissIsCompiledAndStoredThenTheSameJobHitsMemory() {
        try (Compiler compiler = Compiler.builder().standardCache(dir).build()) {
            CompileOutcome miss = compiler.compile(Kernels.scaleJob(5, 1));
            assertEquals(CacheStatus.MISS, miss.cache());
            assertTrue(miss.codegen());
            assertTrue(stages(miss).containsAll(List.of("parse", "extract", "optimize", "emit", "cache-key", "cache-store")),
                    stages(miss).toString());
            assertFalse(stages(miss).contains("start"), "the pipeline's own stages replace the driver's coarse one");
            assertTrue(Files.exists(DiskCacheStore.open(dir).entryPath(miss.key().hex())));

            CompileOutcome hit = compiler.compile(Kernels.scaleJob(5, 1));
            assertEquals(CacheStatus.HIT, hit.cache());
            assertEquals("found in memory by the key remembered for this job", hit.cacheReason());
            assertFalse(hit.codegen());
            assertFalse(stages(hit).contains("emit"), "no code generation on a hit: " + stages(hit));
            assertEquals(List.of("key-memo", "cache-lookup"), stages(hit),
                    "a repeated job skips the pipeline's start (KeyMemoTest)");
            assertEquals(miss.key(), hit.key());
            assertArrayEquals(ArtifactCodec.encode(miss.artifact()), ArtifactCodec.encode(hit.artifact()));
        }
    }

    @Test
    void aDiskHitFillsTheMemoryTier() {
        CompileOutcome first;
        try (Compiler compiler = Compiler.builder().standardCache(dir).build()) {
            first = compiler.compile(Kernels.scaleJob(6, 0));
        }
        MemoryCacheStore memory = new MemoryCacheStore();
        try (Compiler compiler = Compiler.builder().cache(memory).cache(DiskCacheStore.open(dir)).build()) {
            CompileOutcome o = compiler.compile(Kernels.scaleJob(6, 0));
            assertEquals(CacheStatus.HIT, o.cache());
            assertEquals("found in disk:" + dir.toAbsolutePath(), o.cacheReason());
            assertTrue(memory.get(first.key().hex()).isPresent(), "filled from the disk tier");
        }
    }

    @Test
    void keysDependOnTheOptionsThatChangeTheOutput() {
        try (Compiler compiler = Compiler.builder().build()) {
            CacheKey o0 = compiler.compile(Kernels.scaleJob(5, 0)).key();
            assertEquals(o0, compiler.compile(Kernels.scaleJob(5, 0)).key(), "deterministic");
            assertNotEquals(o0, compiler.compile(Kernels.scaleJob(5, 1)).key(), "optimisation level");
            assertNotEquals(o0, compiler.compile(Kernels.scaleJob(7, 0)).key(), "module");
            CompileJob renamed = Kernels.scaleJob(5, 0).toBuilder()
                    .source(ModuleSource.ofText("elsewhere.ll", new String(Kernels.scale(5).bytesUnsafe()))).build();
            assertEquals(o0, compiler.compile(renamed).key(), "where the IR came from is not part of the key");
        }
    }

    @Test
    void aModuleFromAnotherSessionHasTheSameKey() {
        try (Compiler compiler = Compiler.builder().build()) {
            for (RelocationStrategy s : List.of(RelocationStrategy.PATCH, RelocationStrategy.IMPORT)) {
                assertEquals(compiler.compile(A.job(s)).key(), compiler.compile(B.job(s)).key(), s.name());
            }
            assertNotEquals(compiler.compile(A.job(RelocationStrategy.PATCH)).key(),
                    compiler.compile(A.job(RelocationStrategy.IMPORT)).key(), "the strategy is part of the key");
        }
    }

    @Test
    void withoutTiersTheCacheIsBypassed() {
        try (Compiler compiler = Compiler.builder().build()) {
            CompileOutcome o = compiler.compile(Kernels.scaleJob(5, 0));
            assertEquals(CacheStatus.BYPASS, o.cache());
            assertEquals("caching is off", o.cacheReason());
            assertTrue(o.codegen());
        }
    }

    @Test
    void bakeWithRuntimeGlobalsIsNeverPersisted() throws Exception {
        try (Compiler compiler = Compiler.builder().standardCache(dir).build()) {
            CompileOutcome o = compiler.compile(A.job(RelocationStrategy.BAKE));
            assertEquals(CacheStatus.BYPASS, o.cache());
            assertTrue(o.cacheReason().contains("BAKE inlines this session's addresses of 2 runtime globals"), o.cacheReason());
            assertEquals(0, DiskCacheStore.open(dir).stats().entries());
            assertEquals(CacheStatus.BYPASS, compiler.compile(A.job(RelocationStrategy.BAKE)).cache(), "not even in memory");
        }
    }

    @Test
    void bakeWithoutRuntimeGlobalsIsCached() {
        try (Compiler compiler = Compiler.builder().standardCache(dir).build()) {
            CompileJob job = Kernels.scaleJob(9, 0).toBuilder().relocation(RelocationStrategy.BAKE).build();
            assertEquals(CacheStatus.MISS, compiler.compile(job).cache());
            assertEquals(CacheStatus.HIT, compiler.compile(job).cache());
        }
    }

    @Test
    void aModuleWithUnattributedAddressesIsNeverPersisted() {
        try (Compiler compiler = Compiler.builder().standardCache(dir).build()) {
            CompileJob job = A.job(RelocationStrategy.PATCH).toBuilder().runtimeValues(RuntimeValues.empty()).build();
            CompileOutcome o = compiler.compile(job);
            assertEquals(CacheStatus.BYPASS, o.cache());
            assertTrue(o.cacheReason().contains("not portable"), o.cacheReason());
            assertEquals(RelocationStrategy.BAKE, o.strategy(), "a non-portable module is baked");
            assertFalse(o.artifact().portable());
            assertEquals(0, DiskCacheStore.open(dir).stats().entries());
        }
    }

    @Test
    void loadBindsTheLoadingSessionsValues() {
        try (Compiler compiler = Compiler.builder().standardCache(dir).build()) {
            CompileOutcome compiled = compiler.compile(A.job(RelocationStrategy.PATCH));
            try (CpuModule m = (CpuModule) compiler.load(compiled.artifact(), B.values())) {
                assertEquals(1, m.callInt("is_x", B.x()));
                assertEquals(0, m.callInt("is_x", A.x()));
                assertEquals(B.x(), m.callLong("address_of_x"));
            }
            UnresolvedRuntimeValue e = assertThrows(UnresolvedRuntimeValue.class,
                    () -> compiler.load(compiled.artifact(), B.valuesWithoutNothing()));
            assertEquals(SymbolCompareSession.NOTHING, e.key());
        }
    }

    @Test
    void cachedFindsAnArtifactByKeyAlone() {
        try (Compiler compiler = Compiler.builder().standardCache(dir).build()) {
            CompileOutcome o = compiler.compile(A.job(RelocationStrategy.IMPORT));
            assertEquals(ArtifactCodec.encode(o.artifact()).length,
                    ArtifactCodec.encode(compiler.cached(o.key()).orElseThrow()).length);
            assertTrue(compiler.cached(new CacheKey("0".repeat(64))).isEmpty());
        }
    }

    @Test
    void compileAllRunsJobsInParallelCoalescesIdenticalOnesAndReportsFailuresPerJob() {
        CompileJob bad = CompileJob.builder(Corpus.source("malformed/syntax-error.ll"),
                Kernels.scaleJob(1, 0).target()).build();
        List<CompileJob> jobs = new java.util.ArrayList<>(Collections.nCopies(6, Kernels.scaleJob(11, 1)));
        jobs.add(2, bad);
        jobs.add(Kernels.scaleJob(12, 1));
        try (Compiler compiler = Compiler.builder().cache(new MemoryCacheStore()).parallelism(4).build()) {
            List<JobResult> results = compiler.compileAll(jobs);
            assertEquals(jobs.size(), results.size());
            assertInstanceOf(InvalidInputIr.class, ((JobResult.Failure) results.get(2)).error());
            long codegens = results.stream().filter(r -> r instanceof JobResult.Success s && s.outcome().codegen()
                    && s.job().source().name().equals("scale11.ll")).count();
            assertEquals(1, codegens, "six identical jobs compile once");
            assertTrue(((JobResult.Success) results.get(7)).outcome().codegen());
            for (int i = 0; i < results.size(); i++) {
                assertSame(jobs.get(i), results.get(i).job(), "results in job order");
            }
        }
    }

    @Test
    void anUnknownBackendSaysWhatIsInstalled() {
        CompileJob job = CompileJob.builder(Kernels.scale(1), BasicTarget.of("quantum", "q-unknown", "", "")).build();
        try (Compiler compiler = Compiler.builder().build()) {
            BackendUnavailable e = assertThrows(BackendUnavailable.class, () -> compiler.compile(job));
            assertFalse(e.installed());
            assertTrue(e.getMessage().contains("cpu"), e.getMessage());
        }
    }

    static List<String> stages(CompileOutcome o) {
        return o.timings().stream().map(StageTiming::stage).toList();
    }
}
