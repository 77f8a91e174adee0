package dev.gpuc.passes;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.BackendFailure;
import dev.gpuc.api.CompilationContext;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.InvalidInputIr;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RuntimeValueMap;
import dev.gpuc.api.UnsupportedFeature;
import dev.gpuc.ir.Function;
import dev.gpuc.ir.Llvm;
import dev.gpuc.ir.Module;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CodegenPipelineTest {
    private final FakeHostBackend backend = new FakeHostBackend();

    private static CompileJob.Builder job(String name, String ir, RuntimeValueMap values) {
        return CompileJob.builder(ModuleSource.ofText(name, ir), new FakeHostBackend().defaultTarget())
                .runtimeValues(values).kernel(false);
    }

    private static CompileJob symbolCompare(RelocationStrategy strategy) {
        return job("symbol-compare.ll", Fixtures.runtimeGlobal("symbol-compare.ll"), Fixtures.runtimeValues())
                .relocation(strategy).build();
    }

    @ParameterizedTest
    @EnumSource(value = RelocationStrategy.class, names = {"PATCH", "IMPORT", "TABLE"})
    void portableStrategiesLeaveNoAddressInTheObject(RelocationStrategy strategy) {
        try (CodegenPipeline.Compilation c = CodegenPipeline.start(symbolCompare(strategy), backend)) {
            CompileResult r = c.finish();
            Artifact a = r.artifact();
            byte[] object = a.primary().bytes();
            assertEquals("object", a.primary().kind());
            assertEquals(0x7f, object[0]); // ELF
            assertFalse(Fixtures.containsLittleEndian(object, Fixtures.SYMBOL_X));
            assertFalse(Fixtures.containsLittleEndian(object, Fixtures.NOTHING));
            assertEquals(strategy, a.strategy());
            assertTrue(a.portable());
            assertTrue(a.isPersistable());
            assertEquals(List.of("Core.nothing", "Symbol:x"),
                    a.relocations().slots().stream().map(s -> s.key()).sorted().toList());
            assertEquals(List.of("is_x", "is_nothing", "address_of_x"),
                    a.entryPoints().stream().map(e -> e.name()).toList());
            assertEquals("fake-host", a.provenance().backend());
            assertEquals(Llvm.version(), a.provenance().llvmVersion());
            assertEquals(backend.defaultTarget().describe(), a.provenance().target());
            assertEquals(1, backend.prepared);
            assertEquals(List.of("parse", "link", "extract", "validate", "mark", "lower", "prepare", "optimize",
                    "finish", "emit"), r.timings().stream().map(StageTiming::stage).toList());
            assertTrue(r.passTimings().isEmpty());
        }
    }

    @Test
    void bakeInlinesTheAddresses() {
        // The check above can fail: under BAKE the same object does hold the address.
        try (CodegenPipeline.Compilation c = CodegenPipeline.start(symbolCompare(RelocationStrategy.BAKE), backend)) {
            Artifact a = c.finish().artifact();
            assertTrue(Fixtures.containsLittleEndian(a.primary().bytes(), Fixtures.NOTHING));
            assertFalse(a.isPersistable());
        }
    }

    @Test
    void tableAddsTheHiddenParameterToEveryEntryPoint() {
        try (CodegenPipeline.Compilation c = CodegenPipeline.start(symbolCompare(RelocationStrategy.TABLE), backend)) {
            c.finish();
            assertEquals(2, c.module().function("is_x").orElseThrow().parameters().size());
            assertEquals(1, c.module().function("address_of_x").orElseThrow().parameters().size());
        }
    }

    @Test
    void preferredStrategyWhenNoneRequested() {
        CompileJob j = job("s.ll", Fixtures.runtimeGlobal("symbol-compare.ll"), Fixtures.runtimeValues()).build();
        try (CodegenPipeline.Compilation c = CodegenPipeline.start(j, backend)) {
            assertEquals(RelocationStrategy.PATCH, c.strategy());
        }
    }

    @Test
    void unsupportedRequestedStrategyIsRefused() {
        FakeHostBackend patchOnly = new FakeHostBackend(EnumSet.of(RelocationStrategy.BAKE, RelocationStrategy.PATCH),
                RelocationStrategy.PATCH, "");
        UnsupportedFeature e = assertThrows(UnsupportedFeature.class,
                () -> CodegenPipeline.start(symbolCompare(RelocationStrategy.IMPORT), patchOnly));
        assertTrue(e.getMessage().contains("IMPORT"), e.getMessage());
    }

    @Test
    void unattributedAddressForcesBake() {
        String ir = """
                define i1 @f(ptr %v) {
                  %c = icmp eq ptr %v, inttoptr (i64 81985529216486895 to ptr)
                  ret i1 %c
                }
                """;
        CompileJob j = job("u.ll", ir, Fixtures.runtimeValues()).relocation(RelocationStrategy.PATCH).build();
        try (CodegenPipeline.Compilation c = CodegenPipeline.start(j, backend)) {
            assertEquals(RelocationStrategy.BAKE, c.strategy());
            assertFalse(c.extraction().portable());
            Artifact a = c.finish().artifact();
            assertFalse(a.portable());
            assertFalse(a.isPersistable());
        }
    }

    @Test
    void missingEntryPointIsInvalidInput() {
        CompileJob j = job("s.ll", Fixtures.runtimeGlobal("symbol-compare.ll"), Fixtures.runtimeValues())
                .entryPoint("nope").build();
        InvalidInputIr e = assertThrows(InvalidInputIr.class, () -> CodegenPipeline.start(j, backend));
        assertEquals("entry point @nope not found in s.ll", e.getMessage());
        assertEquals(java.util.Optional.of("nope"), e.missingEntryPoint());
    }

    @Test
    void aStartedCompilationSaysWhatTheCacheKeyNeedsAndTheStagesSoFar() {
        try (StartedCompilation c = CodegenPipeline.start(symbolCompare(RelocationStrategy.PATCH), backend)) {
            assertEquals("fake-host", c.backendId());
            assertEquals(backend.version(), c.backendVersion());
            assertEquals(((CodegenPipeline.Compilation) c).optimizationPipeline().toString(), c.pipelineDescription());
            assertEquals(List.of("parse", "link", "extract", "validate"),
                    c.stageTimings().stream().map(StageTiming::stage).toList());
            CompileResult r = c.finish();
            assertEquals(r.timings(), c.stageTimings(), "after finish: every stage");
        }
    }

    @Test
    void namedEntryPointsInternalizeTheRest() {
        CompileJob j = job("s.ll", Fixtures.runtimeGlobal("symbol-compare.ll"), Fixtures.runtimeValues())
                .entryPoint("is_x").build();
        try (CodegenPipeline.Compilation c = CodegenPipeline.start(j, backend)) {
            Artifact a = c.finish().artifact();
            assertEquals(List.of("is_x"), a.entryPoints().stream().map(e -> e.name()).toList());
            assertTrue(c.module().function("is_nothing").isEmpty(), "dead after internalize + globaldce");
            assertEquals(List.of("Symbol:x"), a.relocations().slots().stream().map(s -> s.key()).toList());
        }
    }

    @Test
    void syntaxErrorIsInvalidInputWithLineAndColumn() throws IOException {
        CompileJob j = CompileJob.builder(ModuleSource.of(Fixtures.corpus().resolve("malformed/syntax-error.ll")),
                backend.defaultTarget()).build();
        InvalidInputIr e = assertThrows(InvalidInputIr.class, () -> CodegenPipeline.start(j, backend));
        assertEquals(1, e.line().orElseThrow());
        assertTrue(e.column().isPresent());
        assertTrue(e.source().endsWith("syntax-error.ll"));
    }

    @Test
    void verifierFailureIsInvalidInput() throws IOException {
        CompileJob j = CompileJob.builder(ModuleSource.of(Fixtures.corpus().resolve("malformed/fails-verifier.ll")),
                backend.defaultTarget()).build();
        InvalidInputIr e = assertThrows(InvalidInputIr.class, () -> CodegenPipeline.start(j, backend));
        assertTrue(e.getMessage().contains("verifier"), e.getMessage());
    }

    @Test
    void llvmErrorDuringCodegenIsBackendFailure() {
        FakeHostBackend broken = new FakeHostBackend(EnumSet.allOf(RelocationStrategy.class), RelocationStrategy.PATCH,
                "no-such-pass");
        try (CodegenPipeline.Compilation c = CodegenPipeline.start(symbolCompare(RelocationStrategy.PATCH), broken)) {
            BackendFailure e = assertThrows(BackendFailure.class, c::finish);
            assertEquals("fake-host", e.backend());
            assertTrue(e.getMessage().contains("no-such-pass"), e.getMessage());
        }
    }

    @Test
    void aModuleBrokenInFinishIsABackendFailureNotACodegenCrash() {
        // Emission trusts the module it gets, so the driver must check what finish did to it.
        FakeHostBackend breaksInFinish = new FakeHostBackend() {
            @Override
            public void finish(Module module, CompilationContext context) {
                Function f = module.functions().stream().filter(x -> !x.isDeclaration()).findFirst().orElseThrow();
                f.appendBasicBlock("no_terminator");
            }
        };
        try (CodegenPipeline.Compilation c = CodegenPipeline.start(symbolCompare(RelocationStrategy.PATCH), breaksInFinish)) {
            BackendFailure e = assertThrows(BackendFailure.class, c::finish);
            assertTrue(e.getMessage().contains("broken after fake-host.finish"), e.getMessage());
        }
    }

    @Test
    void passTimingReportWhenAsked() {
        try (CodegenPipeline.Compilation c = CodegenPipeline.start(symbolCompare(RelocationStrategy.PATCH), backend,
                InstrumentationOptions.OFF.withTimePasses(true))) {
            TimingReport report = c.finish().passTimings().orElseThrow();
            assertEquals(List.of("default<O2>"), report.timings().stream().map(PassTiming::pass).toList());
            assertTrue(report.format().contains("default<O2>"));
        }
    }

    @Test
    void keyMaterialIsTheSameAcrossSessionsThreadsAndSourceNames() throws Exception {
        long delta = 0x7700_0000L;
        RuntimeValueMap values = Fixtures.runtimeValues();
        String ir = Fixtures.runtimeGlobal("symbol-compare.ll");
        CompileJob first = job("first/place.ll", ir, values).relocation(RelocationStrategy.PATCH).build();
        CompileJob later = job("elsewhere.ll", Fixtures.laterSession(ir, values, delta),
                Fixtures.laterSession(values, delta)).relocation(RelocationStrategy.PATCH).build();
        byte[] reference = key(first);
        assertArrayEquals(reference, key(later));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<byte[]> a = CompletableFuture.supplyAsync(() -> key(first), pool);
            CompletableFuture<byte[]> b = CompletableFuture.supplyAsync(() -> key(later), pool);
            assertArrayEquals(reference, a.get());
            assertArrayEquals(reference, b.get());
        } finally {
            pool.shutdown();
        }
        // Under BAKE the addresses are the output, so they are in the key.
        CompileJob bakedFirst = first.toBuilder().relocation(RelocationStrategy.BAKE).build();
        CompileJob bakedLater = later.toBuilder().relocation(RelocationStrategy.BAKE).build();
        assertFalse(java.util.Arrays.equals(key(bakedFirst), key(bakedLater)));
        assertFalse(java.util.Arrays.equals(reference, key(first.toBuilder().optLevel(3).build())));
    }

    private byte[] key(CompileJob j) {
        try (CodegenPipeline.Compilation c = CodegenPipeline.start(j, new FakeHostBackend())) {
            return c.keyMaterial();
        }
    }

    @Test
    void sameJobGivesByteIdenticalArtifacts() {
        byte[] a;
        try (CodegenPipeline.Compilation c = CodegenPipeline.start(symbolCompare(RelocationStrategy.IMPORT), backend)) {
            a = c.finish().artifact().primary().bytes();
        }
        CompileJob moved = job("other-name.ll", Fixtures.laterSession(Fixtures.runtimeGlobal("symbol-compare.ll"),
                Fixtures.runtimeValues(), 4096), Fixtures.laterSession(Fixtures.runtimeValues(), 4096))
                .relocation(RelocationStrategy.IMPORT).build();
        try (CodegenPipeline.Compilation c = CodegenPipeline.start(moved, backend)) {
            assertArrayEquals(a, c.finish().artifact().primary().bytes());
        }
    }

    @Test
    void closingReleasesTheModule() {
        CodegenPipeline.Compilation c = CodegenPipeline.start(symbolCompare(RelocationStrategy.PATCH), backend);
        c.close();
        assertThrows(IllegalStateException.class, () -> c.module().print());
        c.close();
    }
}
