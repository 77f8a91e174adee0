package dev.gpuc.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.BackendCrash;
import dev.gpuc.api.BackendFailure;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.isolation.CrashTestBackend.Mode;
import dev.gpuc.passes.CompileResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every way a worker can die, through the test backend: each job fails with a BackendCrash
 * that says how, this JVM goes on, and the pool's next job runs in a fresh worker.
 */
class CrashContainmentTest {
    private static final ModuleSource ADD = ModuleSource.ofText("add.ll",
            "define i32 @add(i32 %a, i32 %b) {\n  %s = add i32 %a, %b\n  ret i32 %s\n}\n");

    private static WorkerPool pool;

    @BeforeAll
    static void startPool() {
        pool = Pools.single(Duration.ofSeconds(20));
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    private static CompileJob job(Mode mode) {
        return job(mode, ADD);
    }

    private static CompileJob job(Mode mode, ModuleSource source) {
        return CompileJob.builder(source, CrashTestBackend.target(mode)).kernel(false).build();
    }

    /** Finishes a job that must crash its worker, and checks the pool lost exactly that worker. */
    private static BackendCrash crash(Mode mode) {
        return crash(job(mode));
    }

    private static BackendCrash crash(CompileJob job) {
        int lost = pool.stats().workersLost();
        BackendCrash e = assertThrows(BackendCrash.class, () -> {
            try (IsolatedCompilation c = pool.start(job)) {
                c.finish();
            }
        });
        assertEquals(lost + 1, pool.stats().workersLost(), "the dead worker was dropped");
        assertPoolRecovers();
        return e;
    }

    /** The next job compiles, in a worker that replaced the dead one. */
    private static void assertPoolRecovers() {
        try (IsolatedCompilation c = pool.start(job(Mode.OK))) {
            CompileResult r = c.finish();
            assertEquals("object", r.artifact().payloads().get(0).kind());
        }
    }

    @Test
    void nativeSegfaultNamesTheSignalAndTheFrame() {
        BackendCrash e = crash(Mode.SEGV);
        assertTrue(e.crashCause().startsWith("signal 11 (SIGSEGV) in native code at "), e.crashCause());
        assertTrue(e.crashCause().contains("[libc"), "memset is where it died: " + e.crashCause());
        assertFalse(e.lastOutput().contains("# A fatal error"), "the JVM's banner is not LLVM's message");
    }

    @Test
    void segfaultWhileStartingIsContainedToo() {
        int lost = pool.stats().workersLost();
        BackendCrash e = assertThrows(BackendCrash.class, () -> pool.start(job(Mode.SEGV_AT_START)).close());
        assertTrue(e.crashCause().startsWith("signal 11 (SIGSEGV)"), e.crashCause());
        assertEquals(lost + 1, pool.stats().workersLost());
        assertPoolRecovers();
    }

    @Test
    void llvmFatalErrorIsSigabrtWithLlvmsMessage() {
        BackendCrash e = crash(job(Mode.LLVM_FATAL, Corpus.source("crashers", "nvptx-visible-symbol-name.ll")));
        assertEquals("signal 6 (SIGABRT)", e.crashCause());
        assertTrue(e.lastOutput().contains("LLVM ERROR: Symbol name with unsupported characters"), e.lastOutput());
        assertTrue(e.getMessage().endsWith("LLVM ERROR: Symbol name with unsupported characters"), e.getMessage());
    }

    @Test
    void hangIsKilledAtTheLimit() {
        try (WorkerPool quick = Pools.single(Duration.ofSeconds(2))) {
            BackendCrash e = assertThrows(BackendCrash.class, () -> {
                try (IsolatedCompilation c = quick.start(job(Mode.HANG))) {
                    c.finish();
                }
            });
            assertTrue(e.crashCause().startsWith("timeout: the job ran longer than its limit of 2 s"), e.crashCause());
            assertEquals(1, quick.stats().workersLost());
        }
    }

    @Test
    void anInterruptedCallerCancelsItsJobAndTheWorkerIsReplaced() throws Exception {
        try (WorkerPool pool = Pools.single()) {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread caller = new Thread(() -> {
                try (IsolatedCompilation c = pool.start(job(Mode.HANG))) {
                    c.finish();
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            caller.start();
            while (pool.stats().workersStarted() == 0 && !outcome.isDone()) {
                Thread.sleep(50);
            }
            Thread.sleep(500); // the worker hangs on the job
            caller.interrupt();
            Throwable t = outcome.get(30, TimeUnit.SECONDS);
            assertTrue(t instanceof CancellationException, String.valueOf(t));
            assertEquals(1, pool.stats().workersLost(), "the hanging worker was killed");
            try (IsolatedCompilation c = pool.start(job(Mode.OK))) {
                c.finish();
            }
        }
    }

    @Test
    void timeoutKillsTheWorkersChildProcessesToo() throws Exception {
        try (WorkerPool quick = Pools.single(Duration.ofSeconds(3))) {
            BackendCrash e = assertThrows(BackendCrash.class, () -> {
                try (IsolatedCompilation c = quick.start(job(Mode.HANG_WITH_CHILD))) {
                    c.finish();
                }
            });
            Matcher m = Pattern.compile("child pid (\\d+)").matcher(e.lastOutput());
            assertTrue(m.find(), "the backend printed its child's pid: " + e.lastOutput());
            ProcessHandle child = ProcessHandle.of(Long.parseLong(m.group(1))).orElse(null);
            if (child != null) {
                child.onExit().get(10, TimeUnit.SECONDS); // killed with the worker, so it ends
            }
        }
    }

    @Test
    void outOfMemoryNamesTheHeapLimit() {
        try (WorkerPool small = new WorkerPool(WorkerPoolConfig.defaults().withWorkers(1).withMaxHeap("96m"))) {
            BackendCrash e = assertThrows(BackendCrash.class, () -> {
                try (IsolatedCompilation c = small.start(job(Mode.OOM))) {
                    c.finish();
                }
            });
            assertEquals("out of memory: the worker's Java heap (-Xmx96m) is exhausted", e.crashCause());
        }
    }

    @Test
    void exitFromALibraryIsACrashWithItsStatus() {
        assertEquals("exit status 7", crash(Mode.EXIT).crashCause());
    }

    @Test
    void anUncheckedExceptionIsTheBackendsFailureAndTheWorkerStays() {
        assertPoolRecovers(); // a worker is up
        int started = pool.stats().workersStarted();
        BackendFailure e = assertThrows(BackendFailure.class, () -> {
            try (IsolatedCompilation c = pool.start(job(Mode.THROW))) {
                c.finish();
            }
        });
        assertEquals(CrashTestBackend.ID, e.backend());
        assertTrue(e.getMessage().contains("java.lang.IllegalStateException: the test backend's bug"), e.getMessage());
        assertPoolRecovers();
        assertEquals(started, pool.stats().workersStarted(), "no new worker was needed");
    }

    @Test
    void aJavaErrorIsTheBackendsFailureAndRetiresTheWorker() {
        assertPoolRecovers(); // a worker is up
        int lost = pool.stats().workersLost();
        BackendFailure e = assertThrows(BackendFailure.class, () -> {
            try (IsolatedCompilation c = pool.start(job(Mode.STACK_OVERFLOW))) {
                c.finish();
            }
        });
        assertTrue(e.getMessage().contains("java.lang.StackOverflowError"), e.getMessage());
        assertEquals(lost + 1, pool.stats().workersLost(), "a worker whose state is in doubt is not reused");
        assertPoolRecovers();
    }

    @Test
    void printingToStdoutAndFloodingStderrDoNotDisturbTheProtocol() {
        try (IsolatedCompilation c = pool.start(job(Mode.CHATTY))) {
            assertEquals("object", c.finish().artifact().payloads().get(0).kind());
        }
    }

    @Test
    void outputOnTheFrameStreamEndsTheWorkerAndIsShown() {
        BackendCrash e = crash(Mode.STRAY_STDOUT);
        assertEquals("worker protocol failure: it wrote to stdout outside a frame; the worker was killed",
                e.crashCause());
        assertTrue(e.lastOutput().endsWith("hello from native code"), e.lastOutput());
    }

    @Test
    void abandoningAStartedJobKeepsTheWorker() {
        assertPoolRecovers(); // a worker is up
        int started = pool.stats().workersStarted();
        try (IsolatedCompilation c = pool.start(job(Mode.SEGV))) {
            assertTrue(c.keyMaterial().length > 0);
            // not finished: the crash in emit never happens
        }
        assertPoolRecovers();
        assertEquals(started, pool.stats().workersStarted());
    }

    @Test
    void crashesLeaveNoFilesInTheWorkingDirectory() throws IOException {
        crash(Mode.SEGV);
        try (Stream<Path> files = Files.list(Path.of(""))) {
            assertEquals(0, files.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith("hs_err") || name.startsWith("core");
            }).count());
        }
    }
}
