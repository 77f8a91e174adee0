package dev.gpuc.ir;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class LinkTest {
    static final String KERNEL = """
            declare float @lib_sin(float)
            define internal void @own_helper_unused() {
              ret void
            }
            define float @kernel(float %x) {
              %s = call float @lib_sin(float %x)
              ret float %s
            }
            """;
    static final String LIBRARY = """
            @table = internal constant [2 x float] [float 1.0, float 2.0]
            define float @lib_sin(float %x) {
              %y = call float @lib_poly(float %x)
              ret float %y
            }
            define float @lib_poly(float %x) {
              %p = load float, ptr @table
              %r = fmul float %x, %p
              ret float %r
            }
            define float @lib_cos(float %x) {
              ret float %x
            }
            @lib_data = global i32 7
            """;

    @Test
    void linkingOnlyNeededBringsWhatIsDeclaredAndItsDependencies() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(KERNEL, "kernel.ll")) {
            Module lib = ctx.parseText(LIBRARY, "lib.ll");
            m.link(lib, true);
            assertTrue(lib.isClosed(), "the source is consumed");
            m.verify();
            assertEquals(Linkage.INTERNAL, m.function("lib_sin").orElseThrow().linkage());
            assertFalse(m.function("lib_sin").orElseThrow().isDeclaration());
            assertEquals(Linkage.INTERNAL, m.function("lib_poly").orElseThrow().linkage());
            assertTrue(m.global("table").isPresent());
            assertTrue(m.function("lib_cos").isEmpty(), "unneeded definitions are not linked");
            assertTrue(m.global("lib_data").isEmpty(), "unneeded definitions are not linked");
            // The destination's own definitions are untouched, even unused internal ones.
            assertTrue(m.function("own_helper_unused").isPresent(), m::print);
            assertEquals(Linkage.EXTERNAL, m.function("kernel").orElseThrow().linkage());
        }
    }

    @Test
    void neededInlineFunctionsOfALibraryAreLinked() {
        // Vendor libraries define inline functions linkonce_odr (often in a comdat): unused in the
        // library itself, they are discardable there, yet the module calls them.
        String library = """
                $lib_cube = comdat any
                define linkonce_odr hidden float @lib_cube(float %x) comdat {
                  %r = call float @lib_square(float %x)
                  ret float %r
                }
                define linkonce_odr float @lib_square(float %x) {
                  %r = fmul float %x, %x
                  ret float %r
                }
                define available_externally float @lib_inline(float %x) {
                  ret float %x
                }
                """;
        String kernel = """
                declare float @lib_cube(float)
                declare float @lib_inline(float)
                define float @k(float %x) {
                  %c = call float @lib_cube(float %x)
                  %i = call float @lib_inline(float %c)
                  ret float %i
                }
                """;
        try (Context ctx = Context.create(); Module m = ctx.parseText(kernel, "kernel.ll")) {
            m.link(ctx.parseText(library, "lib.ll"), true);
            m.verify();
            for (String f : new String[] {"lib_cube", "lib_square", "lib_inline"}) {
                assertFalse(m.function(f).orElseThrow().isDeclaration(), () -> f + " was not linked:\n" + m.print());
                assertEquals(Linkage.INTERNAL, m.function(f).orElseThrow().linkage());
            }
        }
    }

    @Test
    void linkingEverythingKeepsTheSourcesSymbols() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(KERNEL, "kernel.ll")) {
            m.link(ctx.parseText(LIBRARY, "lib.ll"), false);
            m.verify();
            assertEquals(Linkage.EXTERNAL, m.function("lib_cos").orElseThrow().linkage());
            assertEquals(Linkage.EXTERNAL, m.function("lib_sin").orElseThrow().linkage());
            assertTrue(m.global("lib_data").isPresent());
        }
    }

    @Test
    void aSymbolDefinedTwiceIsALinkErrorAndTheSourceIsStillConsumed() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(KERNEL, "kernel.ll")) {
            Module clash = ctx.parseText("define float @kernel(float %x) {\n ret float %x\n}\n", "clash.ll");
            LlvmException e = assertThrows(LlvmException.class, () -> m.link(clash, false));
            assertTrue(e.getMessage().contains("symbol multiply defined"), e.getMessage());
            assertTrue(e.getMessage().contains("kernel"), e.getMessage());
            assertTrue(clash.isClosed());
            assertThrows(IllegalStateException.class, clash::print);
        }
    }

    @Test
    void linkingAModuleIntoItselfIsRefusedAndLeavesItUsable() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(KERNEL, "kernel.ll")) {
            assertThrows(IllegalArgumentException.class, () -> m.link(m, false));
            assertFalse(m.isClosed());
            m.verify();
        }
    }

    @Test
    void linkingAcrossContextsIsRefusedAndConsumesTheSource() {
        try (Context a = Context.create(); Context b = Context.create(); Module m = a.parseText(KERNEL, "kernel.ll")) {
            Module foreign = b.parseText(LIBRARY, "lib.ll");
            assertThrows(IllegalArgumentException.class, () -> m.link(foreign, true));
            assertTrue(foreign.isClosed());
            m.verify();
        }
    }
}
