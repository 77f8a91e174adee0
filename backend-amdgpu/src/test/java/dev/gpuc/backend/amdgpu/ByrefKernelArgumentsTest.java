package dev.gpuc.backend.amdgpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.ir.CallingConvention;
import dev.gpuc.ir.CodeGenFileType;
import dev.gpuc.ir.Context;
import dev.gpuc.ir.Function;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.TargetMachine;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ByrefKernelArgumentsTest {
    /** What a CPU-minded front end emits: the aggregate by value, written to as the callee's own copy. */
    private static final String BYVAL_KERNEL = """
            %T = type { i32, float, [4 x i64] }
            define amdgpu_kernel void @k(ptr addrspace(1) noalias %out, ptr byval(%T) align 8 %s, i32 %n) !gpuc.test !0 {
            entry:
              %p = getelementptr %T, ptr %s, i32 0, i32 1
              %f = load float, ptr %p
              store float 2.0, ptr %p
              %g = load float, ptr %p
              %sum = fadd float %f, %g
              %n.f = sitofp i32 %n to float
              %r = fadd float %sum, %n.f
              store float %r, ptr addrspace(1) %out
              ret void
            }
            !0 = !{!"kept"}
            """;

    @Test
    void byvalAggregatesBecomeByrefInTheConstantAddressSpace() throws Exception {
        AmdgpuTarget target = AmdgpuTarget.defaults();
        try (Context context = Context.create();
             TargetMachine machine = TargetMachine.create(new AmdgpuBackend().machine(target, 2))) {
            Module module = context.parseText("target triple = \"amdgcn-amd-amdhsa\"\n" + BYVAL_KERNEL, "byval.ll");
            machine.configure(module);
            assertTrue(module.verificationError().orElse("").contains("disallows byval"),
                    "LLVM's verifier rejects byval on amdgpu_kernel, which is why the rewrite exists");

            Function k = ByrefKernelArguments.apply(module, module.function("k").orElseThrow());

            module.verify();
            assertEquals(CallingConvention.AMDGPU_KERNEL, k.callingConvention());
            assertEquals(1, module.functions().stream().filter(f -> !f.isIntrinsic()).count(), "the old function is gone");
            String ir = module.print();
            assertTrue(ir.contains("define amdgpu_kernel void @k(ptr addrspace(1) noalias %out, "
                    + "ptr addrspace(4) byref(%T) align 8 %s, i32 %n) !gpuc.test !0"), ir);
            assertTrue(ir.contains("%s.copy = alloca %T, align 8, addrspace(5)"), ir);
            assertTrue(ir.contains("@llvm.memcpy.p5.p4.i64(ptr addrspace(5) align 8 %s.copy, ptr addrspace(4) align 8 %s, i64 40"), ir);

            module.runPasses("default<O2>", machine, true);
            byte[] hsaco = new HsaLinker(Duration.ofSeconds(60), null).link(machine.emit(module, CodeGenFileType.OBJECT));
            String notes = ReadObj.run(hsaco, "--notes");
            assertTrue(notes.replaceAll("\\s+", " ").contains(
                    ".name: s .offset: 8 .size: 40 .value_kind: by_value"), notes);
        }
    }

    @Test
    void kernelsWithoutByvalAreLeftAlone() {
        try (Context context = Context.create()) {
            Module module = context.parseText("""
                    target triple = "amdgcn-amd-amdhsa"
                    define amdgpu_kernel void @k(ptr addrspace(1) %out) {
                      ret void
                    }
                    """, "plain.ll");
            String before = module.print();
            Function k = module.function("k").orElseThrow();
            assertSame(k, ByrefKernelArguments.apply(module, k));
            assertEquals(before, module.print());
            assertFalse(module.verificationError().isPresent());
        }
    }
}
