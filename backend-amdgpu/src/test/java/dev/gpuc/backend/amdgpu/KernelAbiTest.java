package dev.gpuc.backend.amdgpu;

import static dev.gpuc.backend.amdgpu.AmdgpuCompileTest.compile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.BackendFailure;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.InvalidIrForTarget;
import dev.gpuc.api.ModuleSource;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kernel ABI through the real pipeline: calling convention, byref aggregates, internal helpers, code object version. */
class KernelAbiTest {
    private static final String TRIPLE = "target triple = \"amdgcn-amd-amdhsa\"\n";

    private static CompileJob.Builder job(String ir, AmdgpuTarget target) {
        return CompileJob.builder(ModuleSource.ofText("test.ll", TRIPLE + ir), target);
    }

    /** A front end that knows nothing of AMDGPU: a plain function, an aggregate by value, a helper it calls. */
    @Test
    void aPlainFunctionBecomesAKernelWithItsAggregateInTheKernargSegment() throws IOException {
        Artifact a = compile(job("""
                %Params = type { float, float, i64 }
                define void @scale(ptr addrspace(1) %out, ptr byval(%Params) align 8 %p) {
                  %a = load float, ptr %p
                  %bp = getelementptr %Params, ptr %p, i32 0, i32 1
                  %b = load float, ptr %bp
                  %r = call float @helper(float %a, float %b)
                  store float %r, ptr addrspace(1) %out
                  ret void
                }
                define float @helper(float %x, float %y) noinline {
                  %r = fmul float %x, %y
                  ret float %r
                }
                """, AmdgpuTarget.defaults()).entryPoint("scale").optLevel(0).build());
        byte[] hsaco = a.primary().bytes();
        String notes = ReadObj.run(hsaco, "--notes").replaceAll("\\s+", " ");
        assertTrue(notes.contains(".name: p .offset: 8 .size: 16 .value_kind: by_value"), notes);
        assertTrue(notes.contains(".name: scale .private_segment_fixed_size:"), notes);

        List<ReadObj.Row> symbols = ReadObj.symbols(hsaco);
        assertTrue(ReadObj.dynamic(symbols, "scale.kd").isPresent());
        assertTrue(ReadObj.dynamic(symbols, "helper").isEmpty(), "helpers are not exported");
        assertTrue(symbols.stream().anyMatch(r -> r.name().equals("helper") && r.bind().equals("LOCAL")
                && r.type().equals("FUNC")), "at O0 the helper is still a function, internal to the code object: " + symbols);
        assertTrue(symbols.stream().noneMatch(ReadObj.Row::isUndefined), symbols.toString());
    }

    @Test
    void kernelsReturnNothing() {
        InvalidIrForTarget e = assertThrows(InvalidIrForTarget.class, () -> compile(job("""
                define i32 @k(ptr addrspace(1) %out) {
                  ret i32 1
                }
                """, AmdgpuTarget.defaults()).entryPoint("k").build()));
        assertEquals("k", e.problems().get(0).function());
        assertTrue(e.getMessage().contains("an amdgpu_kernel returns void, this one returns i32"), e.getMessage());
    }

    private static final String CALLS_EXTERNAL = """
            declare void @host_only(ptr addrspace(1))
            define amdgpu_kernel void @k(ptr addrspace(1) %out) {
              call void @host_only(ptr addrspace(1) %out)
              ret void
            }
            """;

    /** Validation names the external; without validation lld does, and the compile still fails cleanly. */
    @Test
    void anExternalFunctionNeverReachesTheLoader() {
        InvalidIrForTarget invalid = assertThrows(InvalidIrForTarget.class,
                () -> compile(job(CALLS_EXTERNAL, AmdgpuTarget.defaults()).build()));
        assertTrue(invalid.getMessage().contains("host_only"), invalid.getMessage());

        BackendFailure failure = assertThrows(BackendFailure.class,
                () -> compile(job(CALLS_EXTERNAL, AmdgpuTarget.defaults()).validate(false).build()));
        assertTrue(failure.getMessage().contains("ld.lld could not link the HSA code object")
                && failure.getMessage().contains("undefined symbol: host_only"), failure.getMessage());
    }

    /** The module's flag says 4, the target says 5: the target wins, and the other way round. */
    @Test
    void theTargetsCodeObjectVersionWins() throws IOException {
        String kernel = """
                define amdgpu_kernel void @k(ptr addrspace(1) %out) {
                  store i32 7, ptr addrspace(1) %out
                  ret void
                }
                !llvm.module.flags = !{!0}
                !0 = !{i32 1, !"amdhsa_code_object_version", i32 400}
                """;
        Artifact five = compile(job(kernel, AmdgpuTarget.defaults()).build());
        assertEquals(5, HsaCodeObject.parse(five.primary().bytes()).codeObjectVersion());
        Artifact four = compile(job(kernel.replace("i32 400", "i32 500"),
                AmdgpuTarget.of("gfx90a", "", Map.of("code-object-version", "4"))).build());
        assertEquals(4, HsaCodeObject.parse(four.primary().bytes()).codeObjectVersion());
        assertTrue(ReadObj.run(four.primary().bytes(), "--file-headers").contains("ABIVersion: 2"));
    }

    @Test
    void wave64OnRdnaIsRecordedInTheKernelDescriptor() throws IOException {
        String kernel = """
                define amdgpu_kernel void @k(ptr addrspace(1) %out) {
                  store i32 7, ptr addrspace(1) %out
                  ret void
                }
                """;
        String wave32 = ReadObj.run(compile(job(kernel, AmdgpuTarget.of("gfx1100", "")).build()).primary().bytes(), "--notes");
        String wave64 = ReadObj.run(compile(job(kernel, AmdgpuTarget.of("gfx1100", "+wavefrontsize64")).build())
                .primary().bytes(), "--notes");
        assertTrue(wave32.contains(".wavefront_size: 32"), wave32);
        assertTrue(wave64.contains(".wavefront_size: 64"), wave64);
        assertFalse(wave64.contains(".wavefront_size: 32"));
    }
}
