package dev.gpuc.compiler;

import static dev.gpuc.compiler.CompilerTest.A;
import static dev.gpuc.compiler.CompilerTest.B;
import static dev.gpuc.compiler.CompilerTest.stages;
import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.ArtifactCodec;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.api.Slot;
import dev.gpuc.backend.cpu.CpuBackend;
import dev.gpuc.isolation.IsolationPolicy;
import dev.gpuc.isolation.WorkerPoolConfig;
import dev.gpuc.passes.CodegenPipeline;
import dev.gpuc.passes.StartedCompilation;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key memo: a repeated job skips parsing only when its runtime values answer as before. */
class KeyMemoTest {
    private static final List<String> MEMO_HIT = List.of("key-memo", "cache-lookup");

    @TempDir
    Path dir;

    /** A's module with these values (the same source bytes, other answers). */
    private static CompileJob withValues(RelocationStrategy s, Map<String, Long> values) {
        return A.job(s).toBuilder().runtimeValues(RuntimeValues.of(values)).build();
    }

    private static Map<String, Long> aValues() {
        return Map.of(SymbolCompareSession.X, A.x(), SymbolCompareSession.NOTHING, A.nothing());
    }

    @Test
    void theSameJobWithTheSameValuesHitsWithoutParsing() {
        try (Compiler compiler = Compiler.builder().standardCache(dir).build()) {
            CompileOutcome miss = compiler.compile(A.job(RelocationStrategy.PATCH));
            assertEquals(CacheStatus.MISS, miss.cache());
            CompileOutcome hit = compiler.compile(withValues(RelocationStrategy.PATCH, aValues()));
            assertEquals(CacheStatus.HIT, hit.cache(), hit.cacheReason());
            assertEquals(MEMO_HIT, stages(hit), "no parse, no extraction");
            assertFalse(hit.codegen());
            assertEquals(miss.key(), hit.key());
            assertSame(miss.artifact(), hit.artifact(), "the memory tier keeps the decoded artifact");
            assertEquals("found in memory by the key remembered for this job", hit.cacheReason());
        }
    }

    @Test
    void anAddressNowStandingForAnotherKeyIsCompiledAfresh() {
        try (Compiler compiler = Compiler.builder().standardCache(dir).build()) {
            CompileOutcome first = compiler.compile(A.job(RelocationStrategy.PATCH));
            CompileOutcome other = compiler.compile(withValues(RelocationStrategy.PATCH,
                    Map.of("Symbol:y", A.x(), SymbolCompareSession.NOTHING, A.nothing())));
            assertEquals(CacheStatus.MISS, other.cache(), other.cacheReason());
            assertTrue(stages(other).contains("parse"), stages(other).toString());
            assertNotEquals(first.key(), other.key());
            assertEquals(List.of("Symbol:y", SymbolCompareSession.NOTHING).stream().sorted().toList(),
                    other.artifact().relocations().slots().stream().map(Slot::key).sorted().toList(),
                    "the artifact binds the address's new key");

            CompileOutcome unknown = compiler.compile(withValues(RelocationStrategy.PATCH,
                    Map.of(SymbolCompareSession.X, A.x())));
            assertEquals(CacheStatus.BYPASS, unknown.cache(), "an address no longer known leaves a non-portable module");
            assertFalse(unknown.artifact().portable());

            CompileOutcome again = compiler.compile(A.job(RelocationStrategy.PATCH));
            assertEquals(CacheStatus.HIT, again.cache());
            assertTrue(stages(again).contains("parse"), "the memo was refreshed by the later answers: " + stages(again));
            assertEquals(first.key(), again.key());
            assertEquals(MEMO_HIT, stages(compiler.compile(A.job(RelocationStrategy.PATCH))), "and refreshed again");
        }
    }

    @Test
    void anAnswerThatWasEmptyAndIsNowKnownDoesNotReplay() {
        RecordingRuntimeValues recording = new RecordingRuntimeValues(RuntimeValues.of(Map.of("Symbol:x", 16L)));
        assertEquals(Optional.empty(), recording.keyOf(32));
        assertEquals(OptionalLong.of(16), recording.addressOf("Symbol:x"));
        List<RecordingRuntimeValues.Query> queries = recording.stop();
        recording.keyOf(48); // after the start: not part of the key
        assertEquals(2, queries.size());
        CacheKey key = new CacheKey("a".repeat(64));
        KeyMemo memo = new KeyMemo(1);
        memo.remember("m", new KeyMemo.Entry(key, queries));
        assertEquals(Optional.of(key), memo.key("m", RuntimeValues.of(Map.of("Symbol:x", 16L))));
        assertEquals(Optional.empty(), memo.key("m", RuntimeValues.of(Map.of("Symbol:x", 16L, "Symbol:z", 32L))),
                "address 32 became known");
        memo.remember("n", new KeyMemo.Entry(key, queries));
        assertEquals(1, memo.size(), "bounded: the least recently used entry goes");
        assertEquals(Optional.empty(), memo.key("m", RuntimeValues.of(Map.of("Symbol:x", 16L))));
    }

    @Test
    void bakeWithOtherAddressesIsNeverServedFromTheMemo() {
        RecordingRuntimeValues recording = new RecordingRuntimeValues(A.values());
        CompileJob bake = A.job(RelocationStrategy.BAKE).toBuilder().runtimeValues(recording).build();
        try (StartedCompilation c = CodegenPipeline.start(bake, new CpuBackend())) {
            assertEquals(RelocationStrategy.BAKE, c.strategy());
        }
        List<RecordingRuntimeValues.Query> queries = recording.stop();
        assertTrue(queries.contains(new RecordingRuntimeValues.KeyOf(A.x(), Optional.of(SymbolCompareSession.X))),
                queries.toString());
        KeyMemo memo = new KeyMemo(4);
        memo.remember("bake", new KeyMemo.Entry(new CacheKey("b".repeat(64)), queries));
        assertEquals(Optional.empty(), memo.key("bake", B.values()), "B's values do not know A's addresses");

        try (Compiler compiler = Compiler.builder().standardCache(dir).build()) {
            CompileOutcome a = compiler.compile(A.job(RelocationStrategy.BAKE));
            assertEquals(CacheStatus.BYPASS, a.cache());
            CompileOutcome again = compiler.compile(A.job(RelocationStrategy.BAKE));
            assertTrue(stages(again).contains("parse"), "a bypass is never remembered: " + stages(again));
            CompileOutcome b = compiler.compile(B.job(RelocationStrategy.BAKE));
            assertEquals(CacheStatus.BYPASS, b.cache());
            assertNotEquals(a.key(), b.key(), "BAKE key material holds the addresses");
            assertEquals(B.x(), b.artifact().relocations().slots().stream()
                    .filter(s -> s.key().equals(SymbolCompareSession.X)).findFirst().orElseThrow().compileTimeValue(),
                    "baked with this session's address");
            CompileOutcome mixed = compiler.compile(A.job(RelocationStrategy.BAKE).toBuilder()
                    .runtimeValues(B.values()).build());
            assertFalse(mixed.artifact().portable(), "A's addresses are unknown to B's values");
        }
    }

    @Test
    void theMemoDoesNotOutliveItsCompiler() {
        CompileOutcome first;
        try (Compiler compiler = Compiler.builder().standardCache(dir).build()) {
            first = compiler.compile(A.job(RelocationStrategy.IMPORT));
        }
        try (Compiler compiler = Compiler.builder().standardCache(dir).build()) {
            CompileOutcome hit = compiler.compile(A.job(RelocationStrategy.IMPORT));
            assertEquals(CacheStatus.HIT, hit.cache());
            assertEquals("found in disk:" + dir.toAbsolutePath(), hit.cacheReason());
            assertTrue(stages(hit).contains("parse"), stages(hit).toString());
            assertEquals(first.key(), hit.key());
            assertArrayEquals(ArtifactCodec.encode(first.artifact()), ArtifactCodec.encode(hit.artifact()));
        }
    }

    @Test
    void valuesThatThrowDuringReplayTakeTheNormalPath() {
        AtomicBoolean failOnce = new AtomicBoolean(true);
        RuntimeValues flaky = new RuntimeValues() {
            @Override
            public Optional<String> keyOf(long address) {
                if (failOnce.getAndSet(false)) {
                    throw new IllegalStateException("front end busy");
                }
                return A.values().keyOf(address);
            }

            @Override
            public OptionalLong addressOf(String key) {
                return A.values().addressOf(key);
            }
        };
        try (Compiler compiler = Compiler.builder().cache(new MemoryCacheStore()).build()) {
            failOnce.set(false);
            CompileOutcome miss = compiler.compile(A.job(RelocationStrategy.PATCH));
            failOnce.set(true);
            CompileOutcome hit = compiler.compile(A.job(RelocationStrategy.PATCH).toBuilder().runtimeValues(flaky).build());
            assertFalse(failOnce.get(), "the replay asked and got an exception");
            assertEquals(CacheStatus.HIT, hit.cache());
            assertTrue(stages(hit).contains("parse"), stages(hit).toString());
            assertEquals(miss.key(), hit.key());
        }
    }

    @Test
    void concurrentIdenticalJobsCompileOnceThenHitTheMemo() {
        List<CompileJob> jobs = Collections.nCopies(8, A.job(RelocationStrategy.PATCH));
        try (Compiler compiler = Compiler.builder().cache(new MemoryCacheStore()).parallelism(4).build()) {
            List<CompileOutcome> first = compiler.compileAll(jobs).stream()
                    .map(r -> ((JobResult.Success) r).outcome()).toList();
            assertEquals(1, first.stream().filter(CompileOutcome::codegen).count(), "one compilation");
            List<CompileOutcome> second = compiler.compileAll(jobs).stream()
                    .map(r -> ((JobResult.Success) r).outcome()).toList();
            for (CompileOutcome o : second) {
                assertEquals(MEMO_HIT, stages(o));
            }
            byte[] bytes = ArtifactCodec.encode(first.get(0).artifact());
            for (CompileOutcome o : concat(first, second)) {
                assertEquals(first.get(0).key(), o.key());
                assertArrayEquals(bytes, ArtifactCodec.encode(o.artifact()));
            }
        }
    }

    @Test
    void isolatedStartsAreRecordedToo() {
        try (Compiler compiler = Compiler.builder().isolation(IsolationPolicy.ISOLATED)
                .workers(WorkerPoolConfig.defaults().withWorkers(1)).cache(new MemoryCacheStore()).build()) {
            CompileOutcome miss = compiler.compile(A.job(RelocationStrategy.PATCH));
            assertEquals(CacheStatus.MISS, miss.cache());
            CompileOutcome hit = compiler.compile(A.job(RelocationStrategy.PATCH));
            assertEquals(MEMO_HIT, stages(hit), "no worker, no parse");
            assertSame(miss.artifact(), hit.artifact());
            CompileOutcome other = compiler.compile(withValues(RelocationStrategy.PATCH,
                    Map.of("Symbol:y", A.x(), SymbolCompareSession.NOTHING, A.nothing())));
            assertEquals(CacheStatus.MISS, other.cache(), "the worker's questions were recorded, so the replay differed");
            assertTrue(stages(other).contains("worker"), stages(other).toString());
            assertNotEquals(miss.key(), other.key());
        }
    }

    private static List<CompileOutcome> concat(List<CompileOutcome> a, List<CompileOutcome> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
