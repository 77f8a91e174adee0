package dev.gpuc.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.BackendCrash;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.InvalidInputIr;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.isolation.CrashTestBackend.Mode;
import dev.gpuc.passes.CodegenPipeline;
import dev.gpuc.passes.StartedCompilation;
import org.junit.jupiter.api.Test;

/** Which jobs each policy sends to a worker, and that both kinds of compilation look alike. */
class IsolationPolicyTest {
    private static final ModuleSource ADD = ModuleSource.ofText("add.ll",
            "define i32 @add(i32 %a, i32 %b) {\n  %s = add i32 %a, %b\n  ret i32 %s\n}\n");

    private static CompileJob cpuJob() {
        return CompileJob.builder(ADD, dev.gpuc.api.Backends.discover().lookup("cpu").orThrow().defaultTarget())
                .kernel(false).build();
    }

    private static CompileJob crashJob() {
        return CompileJob.builder(ADD, CrashTestBackend.target(Mode.SEGV)).kernel(false).build();
    }

    private static Isolation isolation(IsolationPolicy policy) {
        return Isolation.builder().policy(policy).untrustedBackend(CrashTestBackend.ID)
                .workers(WorkerPoolConfig.defaults().withWorkers(1)).build();
    }

    @Test
    void eachPolicyIsolatesWhatItSays() {
        try (Isolation in = isolation(IsolationPolicy.IN_PROCESS);
             Isolation iso = isolation(IsolationPolicy.ISOLATED);
             Isolation auto = isolation(IsolationPolicy.AUTOMATIC)) {
            for (Trust t : Trust.values()) {
                assertFalse(in.isolates(crashJob(), t));
                assertTrue(iso.isolates(cpuJob(), t));
                assertTrue(auto.isolates(crashJob(), t), "an untrusted backend is always isolated");
            }
            assertFalse(auto.isolates(cpuJob(), Trust.TRUSTED));
            assertTrue(auto.isolates(cpuJob(), Trust.UNTRUSTED));
        }
    }

    @Test
    void automaticRunsTrustedJobsHereAndContainsTheUntrustedBackendsCrash() {
        try (Isolation auto = isolation(IsolationPolicy.AUTOMATIC)) {
            try (StartedCompilation c = auto.start(cpuJob(), Trust.TRUSTED)) {
                assertInstanceOf(CodegenPipeline.Compilation.class, c);
                assertEquals("cpu", c.backendId());
                assertFalse(c.finish().artifact().payloads().isEmpty());
            }
            BackendCrash e = assertThrows(BackendCrash.class, () -> {
                try (StartedCompilation c = auto.start(crashJob(), Trust.TRUSTED)) {
                    assertInstanceOf(IsolatedCompilation.class, c);
                    c.finish();
                }
            });
            assertTrue(e.crashCause().contains("SIGSEGV"), e.crashCause());
            try (StartedCompilation c = auto.start(cpuJob(), Trust.UNTRUSTED)) {
                assertInstanceOf(IsolatedCompilation.class, c);
                assertFalse(c.finish().artifact().payloads().isEmpty());
            }
        }
    }

    @Test
    void bothKindsReportTheSameTypedErrorForBadInput() {
        CompileJob bad = cpuJob().toBuilder().source(Corpus.source("malformed", "syntax-error.ll")).build();
        try (Isolation in = isolation(IsolationPolicy.IN_PROCESS); Isolation iso = isolation(IsolationPolicy.ISOLATED)) {
            InvalidInputIr here = assertThrows(InvalidInputIr.class, () -> in.start(bad, Trust.TRUSTED).close());
            InvalidInputIr there = assertThrows(InvalidInputIr.class, () -> iso.start(bad, Trust.TRUSTED).close());
            assertEquals(here.getMessage(), there.getMessage());
            assertEquals(here.line(), there.line());
            assertEquals(here.column(), there.column());
            assertEquals(here.source(), there.source());
        }
    }
}
