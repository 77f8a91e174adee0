package dev.gpuc.passes;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.InvalidIrForTarget;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.RelocationStrategy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The pipeline end to end for a kernel target, checked by ptxas. */
class KernelPipelineTest {
    private final FakePtxBackend backend = new FakePtxBackend();

    @ParameterizedTest
    @EnumSource(value = RelocationStrategy.class, names = {"PATCH", "TABLE"})
    void theNvptxFixtureBecomesPtxThatPtxasAccepts(RelocationStrategy strategy) throws Exception {
        ExternalTool ptxas = ExternalTool.require("ptxas");
        CompileJob job = CompileJob.builder(ModuleSource.ofText("symbol-compare.ptx.ll",
                        Fixtures.runtimeGlobal("symbol-compare.ptx.ll")), backend.defaultTarget())
                .runtimeValues(Fixtures.runtimeValues()).relocation(strategy).build();
        Artifact a;
        try (CodegenPipeline.Compilation c = CodegenPipeline.start(job, backend)) {
            assertEquals(java.util.List.of("is_x"), c.entryPoints(), "kernels found by calling convention");
            a = c.finish().artifact();
        }
        String ptx = new String(a.primary().bytes(), StandardCharsets.UTF_8);
        assertTrue(ptx.contains(".visible .entry is_x("), ptx);
        assertFalse(ptx.contains(Long.toString(Fixtures.SYMBOL_X)), ptx);
        assertEquals("Symbol:x", a.relocations().slots().get(0).key());
        // The front end's global was generic (address space 0); its slot keeps that space.
        assertEquals(0, a.relocations().slots().get(0).addressSpace());
        var outcome = ptxas.run(a.primary().bytes(), ".ptx", "-arch=sm_75", "{}", "-o", "/dev/null");
        assertEquals(0, outcome.exitCode(), outcome.output());
    }

    @ParameterizedTest
    @EnumSource(value = RelocationStrategy.class, names = {"PATCH"})
    void aLibraryProvidesWhatTheKernelCalls(RelocationStrategy strategy) throws Exception {
        ExternalTool ptxas = ExternalTool.require("ptxas");
        String kernel = """
                target triple = "nvptx64-nvidia-cuda"
                declare float @dev_square(float)
                declare void @llvm.trap()
                define ptx_kernel void @"square#1"(ptr addrspace(1) %p) {
                  %x = load float, ptr addrspace(1) %p
                  %c = fcmp olt float %x, 0.0
                  br i1 %c, label %bad, label %ok
                bad:
                  call void @llvm.trap()
                  unreachable
                ok:
                  %y = call float @dev_square(float %x)
                  store float %y, ptr addrspace(1) %p
                  ret void
                }
                """;
        String library = """
                target triple = "nvptx64-unknown-cuda"
                define float @dev_square(float %x) {
                  %y = fmul float %x, %x
                  ret float %y
                }
                define float @dev_unused(float %x) {
                  ret float %x
                }
                """;
        CompileJob job = CompileJob.builder(ModuleSource.ofText("k.ll", kernel), backend.defaultTarget())
                .library(ModuleSource.ofText("libdev.ll", library)).relocation(strategy).build();
        try (CodegenPipeline.Compilation c = CodegenPipeline.start(job, backend)) {
            Artifact a = c.finish().artifact();
            assertEquals("square$231", a.entryPoint("square#1").orElseThrow().symbol());
            String ptx = new String(a.primary().bytes(), StandardCharsets.UTF_8);
            assertTrue(ptx.contains(".entry square$231("), ptx);
            assertFalse(ptx.contains("dev_unused"), ptx);
            assertTrue(ptx.contains("trap;"), ptx);
            var outcome = ptxas.run(a.primary().bytes(), ".ptx", "-arch=sm_75", "{}", "-o", "/dev/null");
            assertEquals(0, outcome.exitCode(), outcome.output() + "\n" + ptx);
        }
        // Without the library the call is to an unknown function: a located error before codegen.
        CompileJob without = CompileJob.builder(ModuleSource.ofText("k.ll", kernel), backend.defaultTarget()).build();
        InvalidIrForTarget e = assertThrows(InvalidIrForTarget.class, () -> CodegenPipeline.start(without, backend));
        assertEquals("unknown-function", e.problems().get(0).reason());
        assertEquals("square#1", e.problems().get(0).function());
    }
}
