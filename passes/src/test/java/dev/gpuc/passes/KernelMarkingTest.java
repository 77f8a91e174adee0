package dev.gpuc.passes;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.ir.CallingConvention;
import dev.gpuc.ir.Context;
import dev.gpuc.ir.Linkage;
import dev.gpuc.ir.Module;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class KernelMarkingTest {
    static final String IR = """
            @slot = external global ptr
            @table = global i32 7
            define void @k(ptr %p) {
              call void @helper(ptr %p)
              ret void
            }
            define void @helper(ptr %p) {
              store i32 1, ptr %p
              ret void
            }
            define void @unused() {
              ret void
            }
            define void @caller() {
              call void @k(ptr null)
              ret void
            }
            """;

    @Test
    void entryPointsBecomeKernelsAndTheRestIsInternalOrGone() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(IR, "k")) {
            KernelMarking.apply(m, List.of("k", "caller"), OptionalInt.of(CallingConvention.PTX_KERNEL), List.of("slot"));
            m.verify();
            assertEquals(CallingConvention.PTX_KERNEL, m.function("k").orElseThrow().callingConvention());
            assertTrue(m.print().contains("call ptx_kernel void @k(ptr null)"), m.print());
            assertEquals(Linkage.INTERNAL, m.function("helper").orElseThrow().linkage());
            assertTrue(m.function("unused").isEmpty());
            assertTrue(m.global("table").isEmpty(), "unreferenced data goes too");
            assertEquals(Linkage.EXTERNAL, m.function("caller").orElseThrow().linkage());
        }
    }

    @Test
    void plainFunctionsKeepTheirCallingConvention() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(IR, "k")) {
            KernelMarking.apply(m, List.of("k"), OptionalInt.empty(), List.of());
            assertEquals(CallingConvention.C, m.function("k").orElseThrow().callingConvention());
            assertTrue(m.function("caller").isEmpty());
        }
    }

    @Test
    void anUnusedDeclarationGoesEvenWhenEveryDefinitionIsAnEntryPoint() {
        String ir = """
                @slot = external global ptr
                declare void @never_called()
                declare void @called()
                define void @k() {
                  call void @called()
                  ret void
                }
                """;
        try (Context ctx = Context.create(); Module m = ctx.parseText(ir, "k")) {
            KernelMarking.apply(m, List.of("k"), OptionalInt.empty(), List.of("slot"));
            assertTrue(m.function("never_called").isEmpty());
            assertTrue(m.global("slot").isEmpty(), "a slot nothing reads is not kept");
            assertTrue(m.function("called").isPresent());
        }
    }

    @Test
    void anEntryPointThatIsAllExternalLeavesTheModuleAsItWas() {
        String ir = """
                declare float @llvm.sqrt.f32(float)
                define float @k(float %x) {
                  %r = call float @llvm.sqrt.f32(float %x)
                  ret float %r
                }
                """;
        try (Context ctx = Context.create(); Module m = ctx.parseText(ir, "k")) {
            String before = m.print();
            KernelMarking.apply(m, List.of("k"), OptionalInt.empty(), List.of());
            assertEquals(before, m.print());
        }
    }
}
