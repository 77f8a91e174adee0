package dev.gpuc.passes;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.InvalidInputIr;
import dev.gpuc.ir.Context;
import dev.gpuc.ir.Linkage;
import dev.gpuc.ir.Module;
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
            LibraryLinker.link(m, ctx.parseText(library("nvptx64-unknown-cuda", "0"), "libdevice.ll"), "libdevice.ll");
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
            InvalidInputIr e = assertThrows(InvalidInputIr.class, () -> LibraryLinker.link(m, lib, "libdevice.ll"));
            assertEquals("libdevice.ll", e.source());
            assertTrue(e.getMessage().contains("nvvm-reflect-ftz"), e.getMessage());
            assertTrue(lib.isClosed(), "the library is consumed either way");
        }
    }

    @Test
    void refusesALibraryForAnotherArchitecture() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(MODULE, "k.ll")) {
            Module lib = ctx.parseText(library("x86_64-unknown-linux-gnu", "0"), "host.ll");
            InvalidInputIr e = assertThrows(InvalidInputIr.class, () -> LibraryLinker.link(m, lib, "host.ll"));
            assertTrue(e.getMessage().contains("x86_64-unknown-linux-gnu"), e.getMessage());
        }
    }
}
