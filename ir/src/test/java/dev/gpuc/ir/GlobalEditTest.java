package dev.gpuc.ir;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlobalEditTest {
    static final String MODULE = """
            @counter = global i32 42, align 4
            @table = internal constant [2 x i64] [i64 1, i64 2]
            @dev = addrspace(1) global ptr null

            define i32 @get() {
              %v = load i32, ptr @counter
              ret i32 %v
            }
            """;

    @Test
    void droppingTheInitializerMakesAnExternalDeclaration() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(MODULE, "g.ll")) {
            GlobalVariable g = m.global("counter").orElseThrow();
            assertEquals(42, g.initializer().orElseThrow().constantIntValue());
            g.removeInitializer();
            assertTrue(g.initializer().isEmpty());
            assertTrue(g.isDeclaration());
            assertTrue(m.print().contains("@counter = external global i32, align 4"), m::print);
            m.verify();
        }
    }

    @Test
    void changingLinkageAndVisibilityShowsInPrintedIr() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(MODULE, "g.ll")) {
            GlobalVariable table = m.global("table").orElseThrow();
            assertEquals(Linkage.INTERNAL, table.linkage());
            table.setLinkage(Linkage.EXTERNAL);
            table.setVisibility(Visibility.HIDDEN);
            assertEquals(Linkage.EXTERNAL, table.linkage());
            assertTrue(m.print().contains("@table = hidden constant [2 x i64] [i64 1, i64 2]"), m::print);
            table.setLinkage(Linkage.PRIVATE);
            table.setVisibility(Visibility.DEFAULT);
            assertTrue(m.print().contains("@table = private constant"), m::print);
            assertThrows(IllegalArgumentException.class, () -> table.setLinkage(Linkage.OTHER));
        }
    }

    @Test
    void renamingUpdatesEveryUse() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(MODULE, "g.ll")) {
            GlobalVariable g = m.global("counter").orElseThrow();
            g.setName("slot_Symbol_x");
            String ir = m.print();
            assertTrue(ir.contains("@slot_Symbol_x = global i32 42"), ir);
            assertTrue(ir.contains("load i32, ptr @slot_Symbol_x"), ir);
            assertFalse(ir.contains("@counter"), ir);
            assertTrue(m.global("counter").isEmpty());
            assertEquals(g, m.global("slot_Symbol_x").orElseThrow());
        }
    }

    @Test
    void flagsOfAGlobal() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(MODULE, "g.ll")) {
            GlobalVariable dev = m.global("dev").orElseThrow();
            assertEquals(1, dev.addressSpace());
            assertTrue(dev.valueType().isPointer());
            dev.setExternallyInitialized(true);
            dev.setGlobalConstant(false);
            assertTrue(dev.isExternallyInitialized());
            assertTrue(m.print().contains("@dev = addrspace(1) externally_initialized global ptr null"), m::print);
            GlobalVariable table = m.global("table").orElseThrow();
            assertTrue(table.isGlobalConstant());
            assertEquals(List.of(m.function("get").orElseThrow().instructions().get(0)),
                    m.global("counter").orElseThrow().users());
        }
    }

    @Test
    void moduleFlagsWithEveryBehaviourRead() {
        String ir = """
                !llvm.module.flags = !{!0, !1, !2}
                !0 = !{i32 7, !"uwtable", i32 2}
                !1 = !{i32 8, !"PIC Level", i32 2}
                !2 = !{i32 1, !"wchar_size", i32 4}
                """;
        // Reading max/min flags through the C API's flag entries used to index past the enum.
        try (Context ctx = Context.create(); Module m = ctx.parseText(ir, "flags.ll")) {
            assertEquals(List.of(new ModuleFlag(ModuleFlag.Behavior.MAX, "uwtable", "i32 2"),
                    new ModuleFlag(ModuleFlag.Behavior.MIN, "PIC Level", "i32 2"),
                    new ModuleFlag(ModuleFlag.Behavior.ERROR, "wchar_size", "i32 4")), m.flags());
            assertEquals(4, m.flag("wchar_size").orElseThrow().intValue().orElseThrow());
        }
    }

    @Test
    void addedFlagsPrintAndVerify() {
        try (Context ctx = Context.create(); Module m = ctx.createModule("f")) {
            m.addIntFlag(ModuleFlag.Behavior.MAX, "nvvm-reflect-ftz", 1);
            m.addIntFlag(ModuleFlag.Behavior.WARNING, "Debug Info Version", 3);
            m.addIntFlag(ModuleFlag.Behavior.OVERRIDE, "n\u00e9gatif", -5);
            String ir = m.print();
            assertTrue(ir.contains("!{i32 7, !\"nvvm-reflect-ftz\", i32 1}"), ir);
            assertTrue(ir.contains("!{i32 2, !\"Debug Info Version\", i32 3}"), ir);
            assertEquals(-5, m.flag("n\u00e9gatif").orElseThrow().intValue().orElseThrow());
            m.verify();
        }
    }

    @Test
    void namedMetadataAndStringAttributesKeepNonAsciiText() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(MODULE, "g.ll")) {
            Function f = m.function("get").orElseThrow();
            m.addNamedMetadata("gpuc.notes", List.of(f, "\u00fcber", 3));
            assertEquals(List.of("!{ptr @get, !\"\\C3\\BCber\", i32 3}"), m.namedMetadata("gpuc.notes"));
            f.addStringAttribute("gpuc-\u00e9", "valeur \u00e9t\u00e9");
            assertEquals("valeur \u00e9t\u00e9", f.stringAttribute("gpuc-\u00e9").orElseThrow());
            f.removeStringAttribute("gpuc-\u00e9");
            assertTrue(f.stringAttribute("gpuc-\u00e9").isEmpty());
        }
    }
}
