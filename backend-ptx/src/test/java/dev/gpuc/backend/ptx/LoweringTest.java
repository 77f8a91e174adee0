package dev.gpuc.backend.ptx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.InvalidIrForTarget;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The PTX lowering passes, each checked in the PTX it produces and by ptxas. */
class LoweringTest {
    private static final String HEADER = "target triple = \"nvptx64-nvidia-cuda\"\n";

    @Test
    void printfBecomesVprintfWithAPromotedBuffer() {
        String ir = HEADER + """
                @fmt = private unnamed_addr constant [23 x i8] c"%d %f %f %d %c %ld %p\\0A\\00"
                declare i32 @printf(ptr, ...)
                define ptx_kernel void @k(i32 %i, float %x, double %d, i16 %s, i8 %c, i64 %l, ptr addrspace(1) %p) {
                  %r = call i32 (ptr, ...) @printf(ptr @fmt, i32 %i, float %x, double %d, i16 %s, i8 %c, i64 %l, ptr addrspace(1) %p)
                  ret void
                }
                """;
        String ptx = Ptx.ptx("printf.ll", ir, Ptx.target("sm_80"));
        assertTrue(ptx.contains(".extern .func  (.param .b32 func_retval0) vprintf"), ptx);
        assertFalse(Pattern.compile("\\bprintf\\b").matcher(ptx.replace("vprintf", "")).find(), "printf left in\n" + ptx);
        // The buffer: i32 @0, double @8, double @16, i32 @24, i32 @28, i64 @32, ptr @40 — 48 bytes.
        assertTrue(ptx.contains(".local .align 8 .b8 \t__local_depot0[48]"), ptx);
        assertTrue(ptx.contains("cvt.f64.f32"), "float not promoted to double\n" + ptx);
        assertTrue(Pattern.compile("st\\.local\\.f64\\s+\\[%rd\\d+\\+8\\]").matcher(ptx).find(), ptx);
        assertTrue(Pattern.compile("st\\.local\\.f64\\s+\\[%rd\\d+\\+16\\]").matcher(ptx).find(), ptx);
        assertTrue(ptx.contains("ld.param.s16") && ptx.contains("ld.param.s8"), "char/short not sign-extended\n" + ptx);
        assertTrue(ptx.contains("cvta.global.u64"), "global pointer not made generic\n" + ptx);
        Ptx.assemble(ptx, ComputeCapability.parse("sm_80"));
    }

    @Test
    void printfWithoutArgumentsPassesANullBuffer() {
        String ir = HEADER + """
                @fmt = private unnamed_addr constant [7 x i8] c"hello\\0A\\00"
                declare i32 @printf(ptr, ...)
                define ptx_kernel void @k(ptr addrspace(1) %out) {
                  %r = call i32 (ptr, ...) @printf(ptr @fmt)
                  store i32 %r, ptr addrspace(1) %out
                  ret void
                }
                """;
        String ptx = Ptx.ptx("hello.ll", ir, Ptx.target("sm_80"));
        assertTrue(ptx.contains("vprintf"), ptx);
        assertFalse(ptx.contains("__local_depot"), "no buffer needed\n" + ptx);
        Ptx.assemble(ptx, ComputeCapability.parse("sm_80"));
    }

    @Test
    void printfOfAVectorIsReportedNotMiscompiled() {
        String ir = HEADER + """
                @fmt = private unnamed_addr constant [3 x i8] c"%f\\00"
                declare i32 @printf(ptr, ...)
                define ptx_kernel void @k(<2 x float> %v) {
                  %r = call i32 (ptr, ...) @printf(ptr @fmt, <2 x float> %v)
                  ret void
                }
                """;
        InvalidIrForTarget e = assertThrows(InvalidIrForTarget.class, () -> Ptx.ptx("vec.ll", ir, Ptx.target("sm_80")));
        assertEquals("printf", e.problems().get(0).reason());
        assertEquals("k", e.problems().get(0).function());
        assertTrue(e.getMessage().contains("<2 x float>"), e.getMessage());
    }

    private static final String REFLECT = HEADER + """
            @arch = private unnamed_addr addrspace(4) constant [12 x i8] c"__CUDA_ARCH\\00"
            @ftz = private unnamed_addr constant [11 x i8] c"__CUDA_FTZ\\00"
            declare i32 @__nvvm_reflect(ptr)
            define ptx_kernel void @k(ptr addrspace(1) %out) {
              %a = call i32 @__nvvm_reflect(ptr addrspacecast (ptr addrspace(4) @arch to ptr))
              store i32 %a, ptr addrspace(1) %out
              %f = call i32 @__nvvm_reflect(ptr @ftz)
              %p = getelementptr i32, ptr addrspace(1) %out, i64 1
              store i32 %f, ptr addrspace(1) %p
              ret void
            }
            """;

    @Test
    void nvvmReflectIsResolvedFromTheTarget() {
        String sm90 = Ptx.ptx("reflect.ll", REFLECT, Ptx.target("sm_90a").withFtz(true));
        assertEquals(java.util.List.of("900", "1"), storedConstants(sm90));
        String sm80 = Ptx.ptx("reflect.ll", REFLECT, Ptx.target("sm_80"));
        assertEquals(java.util.List.of("800", "0"), storedConstants(sm80));
        assertFalse(sm80.contains("__nvvm_reflect"), sm80);
        Ptx.assemble(sm80, ComputeCapability.parse("sm_80"));
    }

    /** The immediates moved into registers in order, as the two stores of REFLECT leave them. */
    private static java.util.List<String> storedConstants(String ptx) {
        Matcher m = Pattern.compile("mov\\.(?:b|u)32 \\t%r\\d+, (\\d+);").matcher(ptx);
        java.util.List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void nvvmReflectOfAComputedStringIsReported() {
        String ir = HEADER + """
                declare i32 @__nvvm_reflect(ptr)
                define ptx_kernel void @k(ptr %name, ptr addrspace(1) %out) {
                  %a = call i32 @__nvvm_reflect(ptr %name)
                  store i32 %a, ptr addrspace(1) %out
                  ret void
                }
                """;
        InvalidIrForTarget e = assertThrows(InvalidIrForTarget.class, () -> Ptx.ptx("r.ll", ir, Ptx.target("sm_80")));
        assertEquals("nvvm-reflect", e.problems().get(0).reason());
        assertTrue(e.getMessage().contains("constant string"), e.getMessage());
    }

    @Test
    void launchBoundsReachThePtx() {
        PtxTarget t = PtxTarget.parse("sm_90", "", Map.of("maxntid", "256,2", "minctasm", "2", "maxnreg", "64"), false);
        String ptx = Ptx.ptx(Ptx.source("kernels/saxpy.ptx.ll"), t);
        assertTrue(ptx.contains(".maxntid 256, 2, 1"), ptx);
        assertTrue(ptx.contains(".minnctapersm 2"), ptx);
        assertTrue(ptx.contains(".maxnreg 64"), ptx);
        Ptx.assemble(ptx, t.capability());
        String required = Ptx.ptx(Ptx.source("kernels/reduce.ptx.ll"),
                PtxTarget.parse("sm_80", "", Map.of("reqntid", "256"), false));
        assertTrue(required.contains(".reqntid 256, 1, 1"), required);
        Ptx.assemble(required, ComputeCapability.parse("sm_80"));
        assertFalse(Ptx.ptx(Ptx.source("kernels/saxpy.ptx.ll"), Ptx.target("sm_90")).contains(".maxntid"));
    }

    @Test
    void trapsAndUnreachableCodeAssemble() {
        String ir = HEADER + """
                declare void @llvm.trap()
                define ptx_kernel void @k(ptr addrspace(1) %out, i32 %n) {
                entry:
                  %big = icmp sgt i32 %n, 10
                  br i1 %big, label %bad, label %good
                bad:
                  call void @llvm.trap()
                  unreachable
                good:
                  %three = icmp eq i32 %n, 3
                  br i1 %three, label %never, label %ok
                never:
                  unreachable
                ok:
                  store i32 %n, ptr addrspace(1) %out
                  ret void
                }
                define ptx_kernel void @always_traps() {
                  call void @llvm.trap()
                  unreachable
                }
                """;
        String ptx = Ptx.ptx("trap.ll", ir, Ptx.target("sm_80"));
        assertTrue(ptx.contains("trap;"), ptx);
        assertTrue(ptx.contains("exit;"), ptx);
        Ptx.assemble(ptx, ComputeCapability.parse("sm_80"));
    }

    private static final String DIVIDE = HEADER + """
            define ptx_kernel void @k(ptr addrspace(1) %o, float %a, float %b) {
              %d = fdiv float %a, %b
              store float %d, ptr addrspace(1) %o
              ret void
            }
            """;

    @Test
    void fastMathAndFtzSelectInstructions() {
        assertTrue(Ptx.ptx("d.ll", DIVIDE, Ptx.target("sm_80")).contains("div.rn.f32"));
        String fast = Ptx.ptx("d.ll", DIVIDE, Ptx.target("sm_80").withFastMath(true));
        assertTrue(fast.contains("div.approx.f32"), fast);
        String ftz = Ptx.ptx("d.ll", DIVIDE, Ptx.target("sm_80").withFtz(true));
        assertTrue(ftz.contains("div.rn.ftz.f32"), ftz);
        Ptx.assemble(fast, ComputeCapability.parse("sm_80"));
    }

    @Test
    void aggregatesArePassedByValue() {
        String ir = HEADER + """
                %S = type { float, i64, [2 x i32] }
                define ptx_kernel void @direct(%S %s, ptr addrspace(1) %out) {
                  %a = extractvalue %S %s, 1
                  store i64 %a, ptr addrspace(1) %out
                  ret void
                }
                define ptx_kernel void @byval(ptr byval(%S) align 8 %s, ptr addrspace(1) %out) {
                  %p = getelementptr %S, ptr %s, i32 0, i32 1
                  %a = load i64, ptr %p
                  store i64 %a, ptr addrspace(1) %out
                  ret void
                }
                """;
        String ptx = Ptx.ptx("agg.ll", ir, Ptx.target("sm_80"));
        assertTrue(ptx.contains(".param .align 8 .b8 direct_param_0[24]"), ptx);
        assertTrue(ptx.contains(".param .align 8 .b8 byval_param_0[24]"), ptx);
        assertTrue(ptx.contains("ld.param.u64 \t%rd2, [byval_param_0+8]") || ptx.contains("[byval_param_0+8]"), ptx);
        Ptx.assemble(ptx, ComputeCapability.parse("sm_80"));
    }

    @Test
    void aKernelThatReturnsAValueIsReported() {
        String ir = HEADER + "define ptx_kernel i32 @k() {\n  ret i32 1\n}\n";
        InvalidIrForTarget e = assertThrows(InvalidIrForTarget.class, () -> Ptx.ptx("nv.ll", ir, Ptx.target("sm_80")));
        assertEquals("kernel-return", e.problems().get(0).reason());
        assertTrue(e.getMessage().contains("returns i32"), e.getMessage());
    }

    @Test
    void driverFunctionsAreAllowedAndAssemble() {
        String ir = HEADER + """
                @msg = private unnamed_addr constant [5 x i8] c"fail\\00"
                declare ptr @malloc(i64)
                declare void @free(ptr)
                declare void @__assertfail(ptr, ptr, i32, ptr, i64)
                define ptx_kernel void @k(ptr addrspace(1) %out, i32 %n) {
                  %p = call ptr @malloc(i64 16)
                  store volatile i32 %n, ptr %p
                  %v = load volatile i32, ptr %p
                  store i32 %v, ptr addrspace(1) %out
                  call void @free(ptr %p)
                  %c = icmp eq i32 %n, 0
                  br i1 %c, label %a, label %b
                a:
                  call void @__assertfail(ptr @msg, ptr @msg, i32 1, ptr @msg, i64 1)
                  br label %b
                b:
                  ret void
                }
                """;
        String ptx = Ptx.ptx("sys.ll", ir, Ptx.target("sm_80"));
        for (String f : java.util.List.of("malloc", "free", "__assertfail")) {
            assertTrue(ptx.contains(".extern .func") && ptx.contains(f), f + " missing in\n" + ptx);
        }
        Ptx.assemble(ptx, ComputeCapability.parse("sm_80"));
    }

    @Test
    void otherExternalFunctionsAreInvalidForTheTarget() {
        String ir = HEADER + """
                declare void @host_callback(i32)
                define ptx_kernel void @k(i32 %n) {
                  call void @host_callback(i32 %n)
                  ret void
                }
                """;
        InvalidIrForTarget e = assertThrows(InvalidIrForTarget.class, () -> Ptx.ptx("cb.ll", ir, Ptx.target("sm_80")));
        assertEquals("unknown-function", e.problems().get(0).reason());
        assertTrue(e.getMessage().contains("host_callback"), e.getMessage());
    }
}
