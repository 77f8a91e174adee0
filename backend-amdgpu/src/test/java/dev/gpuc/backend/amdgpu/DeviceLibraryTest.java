package dev.gpuc.backend.amdgpu;

import static dev.gpuc.backend.amdgpu.AmdgpuCompileTest.compile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.ir.Context;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Vendor bitcode linked through the pipeline's library linking. No ROCm device libraries are
 * installed here, so the test makes one that looks like them from an older toolchain: bitcode,
 * the old {@code amdgcn--amdhsa} triple spelling, an LLVM 17 data layout (no {@code p9}), and
 * module flags of its own, among them code object version 4.
 */
class DeviceLibraryTest {
    private static final String LIBRARY = """
            target datalayout = "e-p:64:64-p1:64:64-p2:32:32-p3:32:32-p4:64:64-p5:32:32-p6:32:32-p7:160:256:256:32-p8:128:128-i64:64-v16:16-v24:32-v32:32-v48:64-v96:128-v192:256-v256:256-v512:512-v1024:1024-v2048:2048-n32:64-S32-A5-G1-ni:7:8"
            target triple = "amdgcn--amdhsa"
            define hidden float @lib_square(float %x) {
              %r = fmul float %x, %x
              ret float %r
            }
            define linkonce_odr hidden float @lib_cube(float %x) {
              %s = fmul float %x, %x
              %r = fmul float %s, %x
              ret float %r
            }
            define float @lib_unused(float %x) {
              ret float %x
            }
            !llvm.module.flags = !{!0, !1}
            !0 = !{i32 1, !"amdhsa_code_object_version", i32 400}
            !1 = !{i32 1, !"wchar_size", i32 4}
            """;

    /** A kernel that squares or cubes its argument through the library. */
    private static String kernelCalling(String function) {
        return """
                target triple = "amdgcn-amd-amdhsa"
                declare float @%1$s(float)
                define amdgpu_kernel void @k(ptr addrspace(1) %%io) {
                  %%x = load float, ptr addrspace(1) %%io
                  %%y = call float @%1$s(float %%x)
                  store float %%y, ptr addrspace(1) %%io
                  ret void
                }
                """.formatted(function);
    }

    private static final String KERNEL = kernelCalling("lib_square");

    /** Inline functions of vendor libraries are {@code linkonce_odr}. */
    private static final String CALLS_INLINE_FUNCTION = kernelCalling("lib_cube");

    /** The kernel as a front end that writes clang's flags would emit it: code object version 5. */
    private static final String KERNEL_FOR_VERSION_5 = KERNEL + """
            !llvm.module.flags = !{!0}
            !0 = !{i32 1, !"amdhsa_code_object_version", i32 500}
            """;

    /** The library as a toolchain without data layouts writes it. */
    private static ModuleSource bitcodeLibraryWithoutLayout() {
        try (Context context = Context.create()) {
            String withoutLayout = LIBRARY.substring(LIBRARY.indexOf('\n') + 1);
            return new ModuleSource("ocml-no-layout.bc", context.parseText(withoutLayout, "ocml-no-layout.ll").bitcode());
        }
    }

    private static ModuleSource bitcodeLibrary() {
        try (Context context = Context.create()) {
            return new ModuleSource("ocml-like.bc", context.parseText(LIBRARY, "ocml-like.ll").bitcode());
        }
    }

    @Test
    void onlyWhatTheKernelCallsIsLinkedAndTheTargetsCodeObjectVersionWins() throws IOException {
        Artifact a = compile(CompileJob.builder(ModuleSource.ofText("kernel.ll", KERNEL), AmdgpuTarget.of("gfx942", ""))
                .library(bitcodeLibrary()).optLevel(0).build());
        byte[] hsaco = a.primary().bytes();
        assertEquals(5, HsaCodeObject.parse(hsaco).codeObjectVersion(), "the library's version 4 did not leak into the output");

        List<ReadObj.Row> symbols = ReadObj.symbols(hsaco);
        assertTrue(symbols.stream().anyMatch(r -> r.name().equals("lib_square") && r.bind().equals("LOCAL")),
                "the called library function is in the code object, internal: " + symbols);
        assertTrue(symbols.stream().noneMatch(r -> r.name().equals("lib_unused")), "only needed functions are linked");
        assertTrue(symbols.stream().noneMatch(ReadObj.Row::isUndefined), symbols.toString());
        assertTrue(ReadObj.dynamic(symbols, "k.kd").isPresent());
    }

    /** Inline functions of vendor libraries are {@code linkonce_odr}; they must come in when called. */
    @Test
    void calledLinkonceOdrFunctionsAreLinked() throws IOException {
        Artifact a = compile(CompileJob.builder(ModuleSource.ofText("kernel.ll", CALLS_INLINE_FUNCTION),
                AmdgpuTarget.defaults()).library(bitcodeLibrary()).optLevel(0).build());
        List<ReadObj.Row> symbols = ReadObj.symbols(a.primary().bytes());
        assertTrue(symbols.stream().anyMatch(r -> r.name().equals("lib_cube")), symbols.toString());
    }

    /** Both say a code object version, and they differ: the backend sets the target's anyway. */
    @Test
    void aLibraryForVersion4LinksIntoAModuleForVersion5() throws IOException {
        Artifact a = compile(CompileJob.builder(ModuleSource.ofText("kernel.ll", KERNEL_FOR_VERSION_5),
                AmdgpuTarget.of("gfx942", "")).library(bitcodeLibrary()).optLevel(0).build());
        assertEquals(5, HsaCodeObject.parse(a.primary().bytes()).codeObjectVersion());
        assertTrue(ReadObj.symbols(a.primary().bytes()).stream().anyMatch(r -> r.name().equals("lib_square")));
    }

    @Test
    void aLibraryWithoutDataLayoutLinks() throws IOException {
        Artifact a = compile(CompileJob.builder(ModuleSource.ofText("kernel.ll", KERNEL_FOR_VERSION_5),
                AmdgpuTarget.of("gfx942", "")).library(bitcodeLibraryWithoutLayout()).optLevel(0).build());
        List<ReadObj.Row> symbols = ReadObj.symbols(a.primary().bytes());
        assertTrue(symbols.stream().anyMatch(r -> r.name().equals("lib_square")), symbols.toString());
        assertTrue(symbols.stream().noneMatch(ReadObj.Row::isUndefined), symbols.toString());
    }
}
