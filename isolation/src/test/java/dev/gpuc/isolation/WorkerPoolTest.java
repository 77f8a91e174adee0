package dev.gpuc.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.BackendCrash;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.isolation.CrashTestBackend.Mode;
import dev.gpuc.passes.CompileResult;
import dev.gpuc.passes.StageTiming;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pool's life cycle: lazy start, reuse, parallel workers, abandon, a failing front end, close. */
class WorkerPoolTest {
    private static final ModuleSource ADD = ModuleSource.ofText("add.ll",
            "define i32 @add(i32 %a, i32 %b) {\n  %s = add i32 %a, %b\n  ret i32 %s\n}\n");

    private static CompileJob job() {
        return CompileJob.builder(ADD, CrashTestBackend.target(Mode.OK)).kernel(false).build();
    }

    @Test
    void workersStartOnDemandAndServeJobAfterJob() {
        try (WorkerPool pool = Pools.single()) {
            assertEquals(0, pool.stats().workersStarted(), "nothing starts before the first job");
            for (int i = 0; i < 3; i++) {
                try (IsolatedCompilation c = pool.start(job())) {
                    CompileResult r = c.finish();
                    List<String> stages = r.timings().stream().map(StageTiming::stage).toList();
                    assertTrue(stages.containsAll(List.of("parse", "emit", "worker", "ipc")), stages.toString());
                }
            }
            assertEquals(new WorkerPool.Stats(1, 0, 1, 3), pool.stats());
        }
    }

    @Test
    void aCompilationFollowsTheContractOfTheInProcessOne() {
        try (WorkerPool pool = Pools.single(); IsolatedCompilation c = pool.start(job())) {
            byte[] key = c.keyMaterial();
            key[0] ^= 1;
            assertFalse(java.util.Arrays.equals(key, c.keyMaterial()), "callers get copies");
            c.finish();
            assertThrows(IllegalStateException.class, c::keyMaterial);
            assertThrows(IllegalStateException.class, c::finish);
        }
    }

    @Test
    void aCompilationClosedUnfinishedGivesNoKeyMaterialAndCannotFinish() {
        try (WorkerPool pool = Pools.single()) {
            try (IsolatedCompilation c = pool.start(job())) {
                c.finish(); // without the key material: the next start does not ask for it with STARTED
            }
            IsolatedCompilation c = pool.start(job());
            c.close();
            assertThrows(IllegalStateException.class, c::keyMaterial);
            assertThrows(IllegalStateException.class, c::finish);
        }
    }

    @Test
    void aWorkerThatDiesWhileItsKeyMaterialIsFetchedIsACrashAndIsReplaced() throws Exception {
        try (WorkerPool pool = Pools.single()) {
            try (IsolatedCompilation c = pool.start(job())) {
                c.finish(); // without the key material: the next start does not ask for it with STARTED
            }
            try (IsolatedCompilation c = pool.start(job())) {
                ProcessHandle worker = workers().get(0);
                worker.destroyForcibly();
                worker.onExit().get(30, TimeUnit.SECONDS);
                assertThrows(BackendCrash.class, c::keyMaterial);
                IllegalStateException e = assertThrows(IllegalStateException.class, c::finish);
                assertTrue(e.getCause() instanceof BackendCrash, "finish names why the compilation ended");
            }
            try (IsolatedCompilation c = pool.start(job())) {
                c.keyMaterial();
                c.finish();
            }
            assertEquals(new WorkerPool.Stats(2, 1, 1, 3), pool.stats());
        }
    }

    private static List<ProcessHandle> workers() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(WorkerMain.class.getName())).orElse(false))
                .toList();
    }

    @Test
    void jobsRunInParallelUpToThePoolSize() throws Exception {
        try (WorkerPool pool = new WorkerPool(WorkerPoolConfig.defaults().withWorkers(2))) {
            CyclicBarrier bothStarted = new CyclicBarrier(2);
            List<CompletableFuture<CompileResult>> results = List.of(1, 2).stream()
                    .map(i -> CompletableFuture.supplyAsync(() -> {
                        try (IsolatedCompilation c = pool.start(job())) {
                            bothStarted.await(60, TimeUnit.SECONDS); // each holds a worker: two exist at once
                            return c.finish();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })).toList();
            for (CompletableFuture<CompileResult> r : results) {
                assertEquals("object", r.get(120, TimeUnit.SECONDS).artifact().payloads().get(0).kind());
            }
            assertEquals(2, pool.stats().workersStarted());
        }
    }

    @Test
    void aFrontEndWhoseValuesThrowGetsItsExceptionAndThePoolGoesOn() {
        RuntimeException bug = new IllegalStateException("front end bug");
        RuntimeValues broken = new RuntimeValues() {
            @Override
            public Optional<String> keyOf(long address) {
                throw bug;
            }

            @Override
            public OptionalLong addressOf(String key) {
                throw bug;
            }
        };
        ModuleSource withAddress = ModuleSource.ofText("addr.ll",
                "@g = private constant ptr inttoptr (i64 140234567890123 to ptr)\n"
                + "define ptr @f() {\n  %v = load ptr, ptr @g\n  ret ptr %v\n}\n");
        try (WorkerPool pool = Pools.single()) {
            CompileJob j = job().toBuilder().source(withAddress).runtimeValues(broken).build();
            assertSame(bug, assertThrows(IllegalStateException.class, () -> pool.start(j).close()));
            assertEquals(1, pool.stats().workersLost(), "the worker waiting for an answer was killed");
            try (IsolatedCompilation c = pool.start(job())) {
                c.finish();
            }
        }
    }

    @Test
    void aWorkerKilledWhileIdleIsReplacedWithoutFailingAJob() throws Exception {
        try (WorkerPool pool = Pools.single()) {
            try (IsolatedCompilation c = pool.start(job())) {
                c.finish();
            }
            List<ProcessHandle> workers = workers();
            assertEquals(1, workers.size());
            workers.get(0).destroyForcibly();
            workers.get(0).onExit().get(30, TimeUnit.SECONDS);
            try (IsolatedCompilation c = pool.start(job())) {
                c.finish();
            }
            assertEquals(new WorkerPool.Stats(2, 1, 1, 2), pool.stats());
        }
    }

    @Test
    void aClosedPoolEndsItsWorkersAndRefusesJobs() throws InterruptedException {
        WorkerPool pool = Pools.single();
        try (IsolatedCompilation c = pool.start(job())) {
            c.finish();
        }
        String threadPrefix = "gpuc-worker-" + workers().get(0).pid() + "-";
        pool.close();
        assertEquals(0, pool.stats().workersAlive());
        assertThrows(IllegalStateException.class, () -> pool.start(job()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith(threadPrefix))) {
            assertTrue(System.nanoTime() < deadline, "the worker's watchdog and stderr threads end with it");
            Thread.sleep(20);
        }
    }
}
