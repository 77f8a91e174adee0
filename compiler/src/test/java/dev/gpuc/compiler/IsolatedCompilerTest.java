package dev.gpuc.compiler;

import static dev.gpuc.compiler.CompilerTest.A;
import static dev.gpuc.compiler.CompilerTest.B;
import static dev.gpuc.compiler.CompilerTest.stages;
import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.ArtifactCodec;
import dev.gpuc.api.BackendCrash;
import dev.gpuc.api.BasicTarget;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.ir.Llvm;
import dev.gpuc.isolation.CrashTestBackend;
import dev.gpuc.isolation.IsolationPolicy;
import dev.gpuc.isolation.Trust;
import dev.gpuc.isolation.WorkerPoolConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiler with worker processes: the cache cannot tell where a job ran, and crashes stay in the worker. */
class IsolatedCompilerTest {
    private static final WorkerPoolConfig ONE_WORKER = WorkerPoolConfig.defaults().withWorkers(1);

    @TempDir
    Path dir;

    @Test
    void isolatedAndInProcessCompilationsShareCacheEntries() {
        CompileOutcome isolatedMiss;
        try (Compiler isolated = Compiler.builder().isolation(IsolationPolicy.ISOLATED).workers(ONE_WORKER)
                .cache(DiskCacheStore.open(dir)).build()) {
            isolatedMiss = isolated.compile(A.job(RelocationStrategy.PATCH));
            assertEquals(CacheStatus.MISS, isolatedMiss.cache());
            assertTrue(stages(isolatedMiss).containsAll(List.of("parse", "emit", "worker", "ipc", "cache-store")),
                    stages(isolatedMiss).toString());
        }
        try (Compiler here = Compiler.builder().cache(DiskCacheStore.open(dir)).build()) {
            CompileOutcome hit = here.compile(B.job(RelocationStrategy.PATCH)); // another session's addresses
            assertEquals(CacheStatus.HIT, hit.cache(), hit.cacheReason());
            assertEquals(isolatedMiss.key(), hit.key());
            assertArrayEquals(ArtifactCodec.encode(isolatedMiss.artifact()), ArtifactCodec.encode(hit.artifact()));
            assertEquals(CacheStatus.MISS, here.compile(Kernels.scaleJob(21, 2)).cache());
        }
        try (Compiler isolated = Compiler.builder().isolation(IsolationPolicy.ISOLATED).workers(ONE_WORKER)
                .cache(DiskCacheStore.open(dir)).build()) {
            CompileOutcome hit = isolated.compile(Kernels.scaleJob(21, 2));
            assertEquals(CacheStatus.HIT, hit.cache(), "compiled in this process, found by an isolated start");
            assertFalse(hit.codegen());
            assertEquals(List.of("parse", "link", "extract", "validate", "worker", "ipc", "cache-key", "cache-lookup"),
                    stages(hit), "the worker's start stages, then the host's");
        }
    }

    @Test
    void automaticContainsAnUntrustedBackendsCrashAndCloseEndsTheWorkers() {
        CompileJob crashing = CompileJob.builder(Kernels.scale(2), BasicTarget.of(CrashTestBackend.ID, Llvm.hostTriple(),
                "segv", "")).kernel(false).build();
        try (Compiler compiler = Compiler.builder().isolation(IsolationPolicy.AUTOMATIC)
                .untrustedBackend(CrashTestBackend.ID).workers(ONE_WORKER).build()) {
            assertEquals(IsolationPolicy.AUTOMATIC, compiler.isolationPolicy());
            BackendCrash e = assertThrows(BackendCrash.class, () -> compiler.compile(crashing));
            assertTrue(e.crashCause().contains("SIGSEGV"), e.crashCause());
            CompileOutcome trusted = compiler.compile(Kernels.scaleJob(3, 0));
            assertFalse(stages(trusted).contains("worker"), "a trusted job of a trusted backend runs here");
            CompileOutcome untrusted = compiler.compile(Kernels.scaleJob(3, 0), Trust.UNTRUSTED);
            assertTrue(stages(untrusted).contains("worker"), stages(untrusted).toString());
            assertArrayEquals(ArtifactCodec.encode(trusted.artifact()), ArtifactCodec.encode(untrusted.artifact()));
            assertEquals(1, workers(), "the crashed worker was replaced by one");
        }
        assertEquals(0, workers(), "closing the compiler ends its workers");
    }

    private static long workers() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains("dev.gpuc.isolation.WorkerMain"))
                        .orElse(false))
                .count();
    }
}
