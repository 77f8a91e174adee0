package dev.gpuc.passes;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.InvalidInputIr;
import dev.gpuc.ir.Context;
import dev.gpuc.ir.Linkage;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.TargetMachine;
import dev.gpuc.ir.TargetMachineSpec;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LibraryLinkerTest {
    static final String MODULE = """
            target datalayout = "e-p:64:64:64-i64:64-i128:128-v16:16-v32:32-n16:32:64"
            target triple = "nvptx64-nvidia-cuda"
            declare float @__nv_sqrtf(float)
            define float @k(float %x) {
              %y = call float @__nv_sqrtf(float %x)
              ret float %y
            }
            !llvm.module.flags = !{!0, !1}
            !0 = !{i32 1, !"wchar_size", i32 4}
            !1 = !{i32 1, !"nvvm-reflect-ftz", i32 0}
            """;

    /** A library from an older toolchain: other triple spelling, data layout text and wchar_size. */
    static String library(String triple, String ftz) {
        return """
                target datalayout = "e-i64:64-v16:16-v32:32-n16:32:64"
                target triple = "%s"
                define float @__nv_sqrtf(float %%x) {
                  %%y = call float @llvm.sqrt.f32(float %%x)
                  ret float %%y
                }
                define float @__nv_unused(float %%x) {
                  ret float %%x
                }
                declare float @llvm.sqrt.f32(float)
                !llvm.module.flags = !{!0, !1}
                !0 = !{i32 1, !"wchar_size", i32 2}
                !1 = !{i32 1, !"nvvm-reflect-ftz", i32 %s}
                """.formatted(triple, ftz);
    }

    @Test
    void linksOnlyWhatIsNeededAndNormalisesHarmlessDifferences() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(MODULE, "k.ll")) {
            LibraryLinker.link(m, ctx.parseText(library("nvptx64-unknown-cuda", "0"), "libdevice.ll"), "libdevice.ll", Set.of());
            m.verify();
            assertFalse(m.function("__nv_sqrtf").orElseThrow().isDeclaration());
            assertEquals(Linkage.INTERNAL, m.function("__nv_sqrtf").orElseThrow().linkage());
            assertTrue(m.function("__nv_unused").isEmpty());
            assertEquals("nvptx64-nvidia-cuda", m.triple());
            assertEquals("i32 4", m.flag("wchar_size").orElseThrow().value());
        }
    }

    @Test
    void refusesALibraryWithOtherSemantics() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(MODULE, "k.ll")) {
            Module lib = ctx.parseText(library("nvptx64-nvidia-cuda", "1"), "libdevice.ll");
            InvalidInputIr e = assertThrows(InvalidInputIr.class, () -> LibraryLinker.link(m, lib, "libdevice.ll", Set.of()));
            assertEquals("libdevice.ll", e.source());
            assertTrue(e.getMessage().contains("nvvm-reflect-ftz"), e.getMessage());
            assertTrue(lib.isClosed(), "the library is consumed either way");
        }
    }

    @Test
    void refusesALibraryForAnotherArchitecture() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(MODULE, "k.ll")) {
            Module lib = ctx.parseText(library("x86_64-unknown-linux-gnu", "0"), "host.ll");
            InvalidInputIr e = assertThrows(InvalidInputIr.class, () -> LibraryLinker.link(m, lib, "host.ll", Set.of()));
            assertTrue(e.getMessage().contains("x86_64-unknown-linux-gnu"), e.getMessage());
        }
    }

    static final String AMDGPU_KERNEL = """
            target triple = "amdgcn-amd-amdhsa"
            declare float @lib_square(float)
            define amdgpu_kernel void @k(ptr addrspace(1) %io) {
              %x = load float, ptr addrspace(1) %io
              %y = call float @lib_square(float %x)
              store float %y, ptr addrspace(1) %io
              ret void
            }
            !llvm.module.flags = !{!0}
            !0 = !{i32 1, !"amdhsa_code_object_version", i32 500}
            """;

    /** A device library without a data layout, for code object version 4. */
    static final String AMDGPU_LIBRARY = """
            target triple = "amdgcn-amd-amdhsa"
            define float @lib_square(float %x) {
              %r = fmul float %x, %x
              ret float %r
            }
            !llvm.module.flags = !{!0}
            !0 = !{i32 1, !"amdhsa_code_object_version", i32 400}
            """;

    /** The AMDGPU kernel with gfx942's data layout, as the pipeline configures it. */
    private static Module amdgpuKernel(Context ctx) {
        Module m = ctx.parseText(AMDGPU_KERNEL, "k.ll");
        try (TargetMachine tm = TargetMachine.create(TargetMachineSpec.of("amdgcn-amd-amdhsa", "gfx942", ""))) {
            tm.configure(m);
        }
        return m;
    }

    @Test
    void aFlagTheBackendOverridesMayDifferAndTheModulesValueStays() {
        try (Context ctx = Context.create(); Module m = amdgpuKernel(ctx)) {
            Module lib = ctx.parseText(AMDGPU_LIBRARY, "ocml.ll");
            LibraryLinker.link(m, lib, "ocml.ll", Set.of("amdhsa_code_object_version"));
            m.verify();
            assertFalse(m.function("lib_square").orElseThrow().isDeclaration());
            assertEquals("i32 500", m.flag("amdhsa_code_object_version").orElseThrow().value());
        }
    }

    @Test
    void theSameFlagIsRefusedWhenTheBackendDoesNotOverrideIt() {
        try (Context ctx = Context.create(); Module m = amdgpuKernel(ctx)) {
            Module lib = ctx.parseText(AMDGPU_LIBRARY, "ocml.ll");
            InvalidInputIr e = assertThrows(InvalidInputIr.class, () -> LibraryLinker.link(m, lib, "ocml.ll", Set.of()));
            assertTrue(e.getMessage().contains("amdhsa_code_object_version"), e.getMessage());
        }
    }

    @Test
    void aBitcodeLibraryWithoutDataLayoutTakesTheModules() {
        try (Context ctx = Context.create(); Module m = amdgpuKernel(ctx)) {
            String layout = m.dataLayout();
            byte[] bitcode;
            try (Module text = ctx.parseText(AMDGPU_LIBRARY, "ocml.ll")) {
                assertEquals("", text.dataLayout());
                bitcode = text.bitcode();
            }
            Module lib = ctx.parse(bitcode, "ocml.bc");
            // The bitcode reader fills in part of a layout, whose other pointer sizes are defaults.
            assertNotEquals("", lib.dataLayout());
            assertNotEquals(layout, lib.dataLayout());
            LibraryLinker.link(m, lib, "ocml.bc", Set.of("amdhsa_code_object_version"));
            m.verify();
            assertEquals(layout, m.dataLayout());
            assertFalse(m.function("lib_square").orElseThrow().isDeclaration());
        }
    }

    @Test
    void aLibraryLayoutThatSaysOtherwiseIsStillRefused() {
        try (Context ctx = Context.create(); Module m = amdgpuKernel(ctx)) {
            Module lib = ctx.parseText("target datalayout = \"e-p3:64:64\"\n" + AMDGPU_LIBRARY, "wrong.ll");
            InvalidInputIr e = assertThrows(InvalidInputIr.class,
                    () -> LibraryLinker.link(m, lib, "wrong.ll", Set.of("amdhsa_code_object_version")));
            assertTrue(e.getMessage().contains("data layout"), e.getMessage());
        }
    }
}
