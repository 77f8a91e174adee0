package dev.gpuc.backend.spirv;

import static dev.gpuc.backend.spirv.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.BackendCrash;
import dev.gpuc.api.BackendFailure;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.DebugInfo;
import dev.gpuc.api.InvalidIrForTarget;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.api.Slot;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Compilation through the real pipeline; every binary is checked by spirv-val. */
class SpirvCompileTest {
    private static String strings(Artifact a) {
        return new String(a.primary().bytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void vaddFromTheCorpusIsValidSpirv12() throws Exception {
        Artifact a = compile(source("kernels/vadd.spirv.ll"), target(), RuntimeValues.empty(), null);
        assertEquals("spirv", a.primary().kind());
        assertEquals(new SpirvTarget.Version(1, 2), OpenClLoader.moduleVersion(a.primary().bytes()));
        assertTrue(a.entryPoint("vadd").orElseThrow().kernel());
        assertValid(a);
        assertTrue(a.isPersistable());
    }

    @Test
    void inputWrittenForSpir64IsAccepted() throws Exception {
        String ir = new String(source("kernels/vadd.spirv.ll").bytes(), StandardCharsets.UTF_8)
                .replace("spirv64-unknown-unknown", "spir64-unknown-unknown");
        assertValid(compile(ir, target()));
    }

    @Test
    void theVersionIsTheTriplesSubArchitecture() throws Exception {
        SpirvTarget v13 = target().withVersion(new SpirvTarget.Version(1, 3));
        Artifact a = compile(source("kernels/vadd.spirv.ll"), v13, RuntimeValues.empty(), null);
        assertEquals(new SpirvTarget.Version(1, 3), OpenClLoader.moduleVersion(a.primary().bytes()));
        assertValid(a);
    }

    @Test
    void runtimeGlobalsKernelCompilesUnderTableWithTheSlotInItsTable() throws Exception {
        Artifact a = compile(source("runtime-globals/symbol-compare.spirv.ll"), target(), sessionA(),
                RelocationStrategy.TABLE);
        assertEquals(RelocationStrategy.TABLE, a.strategy());
        Slot slot = a.relocations().byKey("Symbol:x").orElseThrow();
        assertEquals(sessionASymbolX(), slot.compileTimeValue());
        assertEquals(1, a.relocations().slots().size());
        assertValid(a);
        assertTrue(a.isPersistable());
        // The address of session A is nowhere in the code: it comes from the table.
        assertFalse(strings(a).contains(slot.name()), "no program-scope variable for the slot under TABLE");
    }

    @Test
    void patchAddsTheSlotSettingKernelAndAnExportedSlot() throws Exception {
        Artifact a = compile(source("runtime-globals/symbol-compare.spirv.ll"), target(), sessionA(),
                RelocationStrategy.PATCH);
        assertEquals(RelocationStrategy.PATCH, a.strategy());
        String text = strings(a);
        assertTrue(text.contains(SlotSetterKernel.NAME), "setter kernel is an entry point of the module");
        assertTrue(text.contains(a.relocations().slots().get(0).name()), "slot is a named, exported variable");
        assertValid(a);
    }

    /** {@code is_x} that also compares against an address no runtime value names. */
    static final String NOT_PORTABLE = """
            target triple = "spirv64-unknown-unknown"
            @"jl_sym#x#17" = private unnamed_addr addrspace(1) constant ptr addrspace(1) inttoptr (i64 140234567890123 to ptr addrspace(1)), align 8
            define spir_kernel void @is_x(ptr addrspace(1) %in, ptr addrspace(1) %out) {
              %i = call i64 @_Z13get_global_idj(i32 0)
              %pin = getelementptr ptr addrspace(1), ptr addrspace(1) %in, i64 %i
              %v = load ptr addrspace(1), ptr addrspace(1) %pin, align 8
              %sym = load ptr addrspace(1), ptr addrspace(1) @"jl_sym#x#17", align 8
              %same = icmp eq ptr addrspace(1) %v, %sym
              %odd = icmp eq ptr addrspace(1) %v, inttoptr (i64 139999999999992 to ptr addrspace(1))
              %either = or i1 %same, %odd
              %r = zext i1 %either to i32
              %pout = getelementptr i32, ptr addrspace(1) %out, i64 %i
              store i32 %r, ptr addrspace(1) %pout, align 4
              ret void
            }
            declare i64 @_Z13get_global_idj(i32)
            """;

    /** The pipeline forces BAKE on a module it cannot make portable; both addresses are then in the code. */
    @Test
    void aModuleThatIsNotPortableCompilesUnderBakeAndIsValid() throws Exception {
        Artifact a = compile(ModuleSource.ofText("not-portable.ll", NOT_PORTABLE), target(), sessionA(),
                RelocationStrategy.TABLE);
        assertEquals(RelocationStrategy.BAKE, a.strategy());
        assertFalse(a.portable());
        assertFalse(a.isPersistable());
        assertEquals(sessionASymbolX(), a.relocations().byKey("Symbol:x").orElseThrow().compileTimeValue());
        assertValid(a);
    }

    @Test
    void bakeCanBeAskedForAndIsNeverPersisted() throws Exception {
        Artifact a = compile(source("runtime-globals/symbol-compare.spirv.ll"), target(), sessionA(),
                RelocationStrategy.BAKE);
        assertEquals(RelocationStrategy.BAKE, a.strategy());
        assertTrue(a.portable());
        assertFalse(a.isPersistable());
        assertFalse(strings(a).contains(a.relocations().slots().get(0).name()), "no variable for the slot under BAKE");
        assertValid(a);
    }

    /** LLVM 20.1.7 segfaults on this file as it is (never compile it raw in-process); after extraction it is fine. */
    @Test
    void crasherCompilesAfterExtraction() throws Exception {
        RuntimeValues values = RuntimeValues.of(Map.of("Crasher:g", 139872345678912L));
        Artifact a = compile(source("crashers/spirv-inttoptr-initializer.ll"), target(), values,
                RelocationStrategy.TABLE);
        assertEquals(139872345678912L, a.relocations().byKey("Crasher:g").orElseThrow().compileTimeValue());
        assertValid(a);
    }

    /**
     * Without runtime values its address stays in the module (BAKE, not portable); LLVM's SPIR-V back end then dies
     * with SIGSEGV, in llc's process, and the JVM lives on with a typed error.
     */
    @Test
    void rawCrasherIsABackendCrashNotADeadJvm() {
        // At O0, so that no optimiser folds the global's load away first.
        CompileJob job = CompileJob.builder(source("crashers/spirv-inttoptr-initializer.ll"), target()).optLevel(0)
                .build();
        BackendCrash e = assertThrows(BackendCrash.class, () -> compile(job));
        assertTrue(e.crashCause().contains("signal"), e::getMessage);
    }

    /**
     * LLVM 20's back end numbers modules through a static (llvm/llvm-project#160613): in one
     * process, later modules could get duplicate ids. Every compilation here is valid and identical.
     */
    @Test
    void repeatedCompilationsAreValidAndByteIdentical() throws Exception {
        Artifact first = compile(source("kernels/vadd.spirv.ll"), target(), RuntimeValues.empty(), null);
        assertValid(first);
        for (int i = 0; i < 24; i++) {
            Artifact again = compile(source("kernels/vadd.spirv.ll"), target().withValidation(false),
                    RuntimeValues.empty(), null);
            assertArrayEquals(first.primary().bytes(), again.primary().bytes(), "compilation " + i);
        }
    }

    @Test
    void aKernelWithTrapFreezeAndDebugInfoIsValid() throws Exception {
        // Debug info kept by the pipeline reaches the backend; SpirvLoweringTest checks each step.
        CompileJob job = CompileJob.builder(ModuleSource.ofText("k.ll", TRAPS_FREEZES_AND_DEBUG_INFO), target()).optLevel(0)
                .debugInfo(DebugInfo.FULL).build();
        Artifact a = compile(job);
        assertValid(a);
        assertFalse(strings(a).contains("k.jl"), "no debug info in the artifact");
    }

    @Test
    void doubleIsAnErrorWhereTheTargetHasNoFp64() {
        String ir = """
                define spir_kernel void @k(ptr addrspace(1) %out, double %x) {
                  %y = fmul double %x, 2.0
                  store double %y, ptr addrspace(1) %out
                  ret void
                }
                """;
        InvalidIrForTarget e = assertThrows(InvalidIrForTarget.class, () -> compile(ir, target().withFp64(false)));
        assertTrue(e.getMessage().contains("@k"), e::getMessage);
    }

    @Test
    void halfIsAnErrorByDefault() {
        String ir = """
                define spir_kernel void @k(ptr addrspace(1) %out, half %x) {
                  store half %x, ptr addrspace(1) %out
                  ret void
                }
                """;
        assertThrows(InvalidIrForTarget.class, () -> compile(ir, target()));
    }

    /** With fp16 allowed, LLVM emits the Float16 capability, which spirv-val's OpenCL rules refuse. */
    @Test
    void validatorRejectionIsABackendFailureWithItsMessage() throws Exception {
        assumeTrue(SpirvValidator.find().isPresent(), "spirv-val is not installed");
        String ir = """
                define spir_kernel void @k(ptr addrspace(1) %out, half %x) {
                  %y = fadd half %x, %x
                  store half %y, ptr addrspace(1) %out
                  ret void
                }
                """;
        BackendFailure e = assertThrows(BackendFailure.class, () -> compile(ir, target().withFp16(true)));
        assertEquals("spirv", e.backend());
        assertTrue(e.getMessage().contains("spirv-val") && e.getMessage().contains("Float16"), e::getMessage);
        // The same kernel without validation is emitted as LLVM made it.
        assertTrue(compile(ir, target().withFp16(true).withValidation(false)).primary().size() > 0);
    }

    @Test
    void extensionsReachTheBackEndAndAreDroppedAgain() throws Exception {
        String ir = """
                define spir_kernel void @k(ptr addrspace(1) %p, i32 %a, i32 %b) {
                  %s = add nsw i32 %a, %b
                  store i32 %s, ptr addrspace(1) %p
                  ret void
                }
                """;
        String ext = "SPV_KHR_no_integer_wrap_decoration";
        SpirvTarget with = target().withExtensions(new TreeSet<>(java.util.Set.of(ext)));
        assertFalse(strings(compile(ir, target())).contains(ext));
        Artifact a = compile(ir, with);
        assertTrue(strings(a).contains(ext));
        assertValid(a);
        assertFalse(strings(compile(ir, target())).contains(ext), "a later compilation without it does not see it");
    }

    @Test
    void unknownExternalFunctionsAreRejected() {
        String ir = """
                define spir_kernel void @k(ptr addrspace(1) %p) {
                  call void @host_printf()
                  ret void
                }
                declare void @host_printf()
                """;
        InvalidIrForTarget e = assertThrows(InvalidIrForTarget.class, () -> compile(ir, target()));
        assertTrue(e.getMessage().contains("host_printf"), e::getMessage);
    }
}
