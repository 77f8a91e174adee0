package dev.gpuc.isolation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.ArtifactCodec;
import dev.gpuc.api.Backends;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.RuntimeValueMap;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.passes.CodegenPipeline;
import dev.gpuc.passes.CompileResult;
import dev.gpuc.passes.StageTiming;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The cache sees no difference: a worker produces the same key material and artifact bytes as this process. */
class SameBytesTest {
    private static WorkerPool pool;
    private static final Backends BACKENDS = Backends.discover();

    @BeforeAll
    static void startPool() {
        pool = Pools.single();
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    static Stream<Arguments> jobs() throws IOException {
        RuntimeValueMap values = RuntimeValueMap.read(Corpus.dir("runtime-globals").resolve("runtime-values.json"));
        return Stream.of(
                Arguments.of("cpu", Corpus.source("kernels", "saxpy.cpu.ll"), RuntimeValues.empty()),
                Arguments.of("ptx", Corpus.source("kernels", "saxpy.ptx.ll"), RuntimeValues.empty()),
                Arguments.of("amdgpu", Corpus.source("kernels", "vadd.amdgpu.ll"), RuntimeValues.empty()),
                Arguments.of("spirv", Corpus.source("kernels", "vadd.spirv.ll"), RuntimeValues.empty()),
                Arguments.of("cpu", Corpus.source("runtime-globals", "symbol-compare.ll"), values),
                Arguments.of("ptx", Corpus.source("runtime-globals", "symbol-compare.ptx.ll"), values),
                Arguments.of("amdgpu", Corpus.source("runtime-globals", "symbol-compare.amdgpu.ll"), values),
                Arguments.of("spirv", Corpus.source("runtime-globals", "symbol-compare.spirv.ll"), lazy(values)));
    }

    /** A front end's own RuntimeValues, not a map: the worker asks for each address it meets. */
    private static RuntimeValues lazy(RuntimeValueMap map) {
        return new RuntimeValues() {
            @Override
            public Optional<String> keyOf(long address) {
                return map.keyOf(address);
            }

            @Override
            public OptionalLong addressOf(String key) {
                return map.addressOf(key);
            }
        };
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jobs")
    void isolatedEqualsInProcess(String backendId, ModuleSource source, RuntimeValues values) {
        var backend = BACKENDS.lookup(backendId).orThrow();
        CompileJob job = CompileJob.builder(source, backend.defaultTarget()).runtimeValues(values).build();
        byte[] localKey;
        CompileResult local;
        try (CodegenPipeline.Compilation c = CodegenPipeline.start(job, backend)) {
            localKey = c.keyMaterial();
            local = c.finish();
        }
        try (IsolatedCompilation c = pool.start(job)) {
            assertArrayEquals(localKey, c.keyMaterial(), "key material");
            assertEquals(local.artifact().relocations(), c.extraction().table(), "slots found through the host's values");
            assertEquals(backend.id(), c.backendId());
            assertEquals(backend.version(), c.backendVersion());
            assertEquals(List.of("parse", "link", "extract", "validate", "worker", "ipc"),
                    c.stageTimings().stream().map(StageTiming::stage).toList(), "the worker's start stages, then the host's");
            CompileResult isolated = c.finish();
            assertArrayEquals(ArtifactCodec.encode(local.artifact()), ArtifactCodec.encode(isolated.artifact()),
                    "artifact bytes");
            assertEquals(values != RuntimeValues.empty(), !isolated.artifact().relocations().isEmpty(),
                    "runtime globals were extracted exactly when the job has runtime values");
        }
        assertEquals(1, pool.stats().workersStarted(), "one worker serves every job");
    }

    @Test
    void keyMaterialFetchedAfterTheStartIsTheSame() throws IOException {
        RuntimeValueMap values = RuntimeValueMap.read(Corpus.dir("runtime-globals").resolve("runtime-values.json"));
        var backend = BACKENDS.lookup("cpu").orThrow();
        CompileJob job = CompileJob.builder(Corpus.source("runtime-globals", "symbol-compare.ll"),
                backend.defaultTarget()).runtimeValues(values).build();
        byte[] localKey;
        try (CodegenPipeline.Compilation c = CodegenPipeline.start(job, backend)) {
            localKey = c.keyMaterial();
        }
        try (IsolatedCompilation c = pool.start(job)) {
            c.finish();
        }
        assertFalse(pool.keyMaterialExpected(), "a caller that finished without the key material");
        try (IsolatedCompilation c = pool.start(job)) {
            assertArrayEquals(localKey, c.keyMaterial(), "asked for after STARTED");
            c.finish();
        }
        assertTrue(pool.keyMaterialExpected(), "a caller that took it gets it with STARTED again");
    }
}
