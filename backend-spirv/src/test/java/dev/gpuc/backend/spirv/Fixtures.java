package dev.gpuc.backend.spirv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RuntimeValueMap;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.api.Target;
import dev.gpuc.passes.CodegenPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The corpus, the two sessions of the runtime-globals kernel, test kernels, and compilation through the real pipeline. */
final class Fixtures {
    private Fixtures() {}

    static final SpirvBackend BACKEND = new SpirvBackend();

    /** Where session B has the runtime objects that session A (runtime-values.json) had elsewhere. */
    static final long SESSION_B_SYMBOL_X = 0x7f00_1234_5678L;
    static final long SESSION_B_NOTHING = 0x7f00_0000_1000L;

    /**
     * A kernel with what SPIR-V cannot take: traps (one in an unreachable block), a freeze of a
     * freeze, and debug info of a language SPIR-V tools do not know.
     */
    static final String TRAPS_FREEZES_AND_DEBUG_INFO = """
            define spir_kernel void @k(ptr addrspace(1) %out, i32 %n) !dbg !6 {
            entry:
              %big = icmp sgt i32 %n, 100, !dbg !9
              br i1 %big, label %bad, label %ok
            bad:
              call void @llvm.trap()
              unreachable
            odd:
              call void @llvm.debugtrap()
              br label %ok
            ok:
              %f = freeze i32 %n
              %g = freeze i32 %f
              store i32 %g, ptr addrspace(1) %out, !dbg !9
              ret void
            }
            declare void @llvm.trap()
            declare void @llvm.debugtrap()
            !llvm.dbg.cu = !{!0}
            !llvm.module.flags = !{!3, !4}
            !0 = distinct !DICompileUnit(language: DW_LANG_Julia, file: !1, producer: "julia", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
            !1 = !DIFile(filename: "k.jl", directory: ".")
            !3 = !{i32 2, !"Dwarf Version", i32 4}
            !4 = !{i32 2, !"Debug Info Version", i32 3}
            !6 = distinct !DISubprogram(name: "k", scope: !1, file: !1, line: 1, type: !7, scopeLine: 1, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
            !7 = !DISubroutineType(types: !8)
            !8 = !{}
            !9 = !DILocation(line: 2, scope: !6)
            """;

    static Path corpus(String relative) {
        String root = System.getProperty("gpuc.corpus");
        assertNotNull(root, "surefire sets gpuc.corpus");
        return Path.of(root).resolve(relative);
    }

    static ModuleSource source(String relative) {
        try {
            return ModuleSource.of(corpus(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The session that emitted the corpus's runtime-globals kernels. */
    static RuntimeValues sessionA() {
        try {
            return RuntimeValueMap.read(corpus("runtime-globals/runtime-values.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RuntimeValues sessionB() {
        return RuntimeValues.of(Map.of("Symbol:x", SESSION_B_SYMBOL_X, "Core.nothing", SESSION_B_NOTHING));
    }

    static long sessionASymbolX() {
        return sessionA().addressOf("Symbol:x").orElseThrow();
    }

    static SpirvTarget target() {
        return SpirvTarget.defaults();
    }

    static Artifact compile(ModuleSource source, Target target, RuntimeValues values, RelocationStrategy strategy) {
        CompileJob job = CompileJob.builder(source, target).runtimeValues(values).relocation(strategy).build();
        return compile(job);
    }

    static Artifact compile(CompileJob job) {
        try (CodegenPipeline.Compilation c = CodegenPipeline.start(job, BACKEND)) {
            return c.finish().artifact();
        }
    }

    static Artifact compile(String text, Target target) {
        return compile(ModuleSource.ofText("test.ll", text), target, RuntimeValues.empty(), null);
    }

    /** spirv-val's verdict on a binary, or a skipped test where it is not installed. */
    static Optional<String> validatorComplaint(byte[] binary, SpirvTarget.Version version) throws IOException {
        Optional<SpirvValidator> validator = SpirvValidator.find();
        assumeTrue(validator.isPresent(), "spirv-val is not installed (apt-get install spirv-tools)");
        return validator.get().check(binary, version);
    }

    static void assertValid(Artifact artifact) throws IOException {
        byte[] binary = artifact.primary().bytes();
        SpirvTarget.Version version = OpenClLoader.moduleVersion(binary);
        assertEquals(Optional.empty(), validatorComplaint(binary, version));
    }

    /** The first OpenCL device that takes SPIR-V, or a skipped test saying why there is none. */
    static OpenClLoader openCl() {
        OpenClLoader loader = new OpenClLoader();
        var availability = loader.availability();
        assumeTrue(availability.available(), () -> "no OpenCL device with SPIR-V IL support: "
                + availability.reason() + " (run scripts/pocl/install.sh and export OCL_ICD_VENDORS)");
        return loader;
    }
}
