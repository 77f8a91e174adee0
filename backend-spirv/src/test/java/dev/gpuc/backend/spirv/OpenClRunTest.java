package dev.gpuc.backend.spirv;

import static dev.gpuc.backend.spirv.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.BackendFailure;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.api.UnresolvedRuntimeValue;
import dev.gpuc.api.UnsupportedFeature;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Kernels run on a real OpenCL runtime with SPIR-V IL support (PoCL from scripts/pocl on these
 * machines) and their results are checked; skipped where there is none.
 */
class OpenClRunTest {
    @Test
    void vaddRuns() {
        OpenClLoader loader = openCl();
        Artifact a = compile(source("kernels/vadd.spirv.ll"), target(), RuntimeValues.empty(), null);
        int n = 4099; // not a multiple of any work-group size
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 0.5f;
            y[i] = 1000 - i;
        }
        try (OpenClModule m = loader.load(a, RuntimeValues.empty());
             DeviceBuffer bx = m.upload(x);
             DeviceBuffer by = m.upload(y);
             DeviceBuffer bz = m.allocate(4L * n)) {
            m.launch("vadd", new long[] {n}, null, KernelArg.of(bx), KernelArg.of(by), KernelArg.of(bz));
            float[] z = bz.readFloats();
            for (int i = 0; i < n; i++) {
                assertEquals(x[i] + y[i], z[i], "element " + i);
            }
        }
    }

    /** Runs is_x over pointers and returns which of them the kernel takes for :x. */
    private static int[] isX(OpenClModule m, long... pointers) {
        try (DeviceBuffer in = m.upload(pointers); DeviceBuffer out = m.allocate(4L * pointers.length)) {
            m.launch("is_x", new long[] {pointers.length}, null, KernelArg.of(in), KernelArg.of(out));
            return out.readInts();
        }
    }

    @Test
    void runtimeGlobalsCompiledInSessionAGiveSessionBsAnswerThroughTable() {
        OpenClLoader loader = openCl();
        Artifact a = compile(source("runtime-globals/symbol-compare.spirv.ll"), target(), sessionA(),
                RelocationStrategy.TABLE);
        long xA = sessionASymbolX();
        long xB = SESSION_B_SYMBOL_X;
        try (OpenClModule b = loader.load(a, sessionB())) {
            assertEquals(xB, b.bindings().get(0).value());
            assertArrayEquals(new int[] {1, 0, 0, 0}, isX(b, xB, xA, 0, xB + 8));
        }
        // The same artifact in the session that compiled it answers for that session.
        try (OpenClModule same = loader.load(a, sessionA())) {
            assertArrayEquals(new int[] {0, 1, 0, 0}, isX(same, xB, xA, 0, xB + 8));
        }
    }

    @Test
    void bakeRunsWithTheCompileTimeValuesAndIsRefusedWithOthers() {
        OpenClLoader loader = openCl();
        Artifact a = compile(source("runtime-globals/symbol-compare.spirv.ll"), target(), sessionA(),
                RelocationStrategy.BAKE);
        long xA = sessionASymbolX();
        try (OpenClModule same = loader.load(a, sessionA())) {
            assertArrayEquals(new int[] {0, 1, 0, 0}, isX(same, SESSION_B_SYMBOL_X, xA, 0, xA + 8));
        }
        UnresolvedRuntimeValue stale = assertThrows(UnresolvedRuntimeValue.class, () -> loader.load(a, sessionB()));
        assertTrue(stale.getMessage().contains("BAKE") && stale.getMessage().contains("Symbol:x"), stale::getMessage);
    }

    /** A module nobody can make portable runs in its own session, with both of its addresses. */
    @Test
    void aBakedModuleThatIsNotPortableRuns() {
        OpenClLoader loader = openCl();
        Artifact a = compile(ModuleSource.ofText("not-portable.ll", SpirvCompileTest.NOT_PORTABLE), target(), sessionA(),
                null);
        assertEquals(RelocationStrategy.BAKE, a.strategy());
        try (OpenClModule m = loader.load(a, sessionA())) {
            assertArrayEquals(new int[] {1, 1, 0}, isX(m, sessionASymbolX(), 139999999999992L, SESSION_B_SYMBOL_X));
        }
    }

    @Test
    void nullRuntimeValueComparesCorrectly() {
        OpenClLoader loader = openCl();
        Artifact a = compile(source("runtime-globals/symbol-compare.spirv.ll"), target(), sessionA(),
                RelocationStrategy.TABLE);
        try (OpenClModule m = loader.load(a, RuntimeValues.of(Map.of("Symbol:x", 0L)))) {
            assertArrayEquals(new int[] {1, 0}, isX(m, 0, sessionASymbolX()));
        }
    }

    @Test
    void aKeyTheSessionLacksIsRefusedBeforeAnythingIsBuilt() {
        OpenClLoader loader = openCl();
        Artifact a = compile(source("runtime-globals/symbol-compare.spirv.ll"), target(), sessionA(),
                RelocationStrategy.TABLE);
        UnresolvedRuntimeValue e = assertThrows(UnresolvedRuntimeValue.class,
                () -> loader.load(a, RuntimeValues.of(Map.of("Core.nothing", 1L))));
        assertTrue(e.getMessage().contains("Symbol:x"), e::getMessage);
    }

    @Test
    void patchIsRefusedWhereProgramGlobalsAreNotShared() {
        OpenClLoader loader = openCl();
        assumeFalse(loader.device().sharesProgramGlobals(), "this device shares program-scope globals");
        Artifact a = compile(source("runtime-globals/symbol-compare.spirv.ll"), target(), sessionA(),
                RelocationStrategy.PATCH);
        UnsupportedFeature e = assertThrows(UnsupportedFeature.class, () -> loader.load(a, sessionB()));
        assertTrue(e.getMessage().contains("CL_DEVICE_MAX_GLOBAL_VARIABLE_SIZE"), e::getMessage);
    }

    @Test
    void patchRunsWhereProgramGlobalsAreShared() {
        OpenClLoader loader = openCl();
        assumeTrue(loader.device().sharesProgramGlobals(), "this device does not share program-scope globals");
        Artifact a = compile(source("runtime-globals/symbol-compare.spirv.ll"), target(), sessionA(),
                RelocationStrategy.PATCH);
        try (OpenClModule b = loader.load(a, sessionB())) {
            assertArrayEquals(new int[] {1, 0}, isX(b, SESSION_B_SYMBOL_X, sessionASymbolX()));
        }
    }

    @Test
    void aModuleNewerThanTheDeviceTakesIsRefused() {
        OpenClLoader loader = openCl();
        SpirvTarget.Version max = loader.device().maxSpirvVersion().orElseThrow();
        assumeTrue(max.minor() < 6, "the device takes every SPIR-V version LLVM emits");
        SpirvTarget newer = target().withVersion(new SpirvTarget.Version(1, max.minor() + 1));
        Artifact a = compile(source("kernels/vadd.spirv.ll"), newer, RuntimeValues.empty(), null);
        UnsupportedFeature e = assertThrows(UnsupportedFeature.class, () -> loader.load(a, RuntimeValues.empty()));
        assertTrue(e.getMessage().contains("accepts up to " + max), e::getMessage);
    }

    /** A mangled call the validation rules let through as an OpenCL builtin, but which no runtime has. */
    @Test
    void buildFailureCarriesTheBuildLog() {
        OpenClLoader loader = openCl();
        String ir = """
                define spir_kernel void @k(ptr addrspace(1) %p) {
                  %v = call i32 @_Z18gpuc_no_such_thingi(i32 1)
                  store i32 %v, ptr addrspace(1) %p
                  ret void
                }
                declare i32 @_Z18gpuc_no_such_thingi(i32)
                """;
        Artifact a = compile(ir, target());
        BackendFailure e = assertThrows(BackendFailure.class, () -> loader.load(a, RuntimeValues.empty()));
        assertTrue(e.getMessage().contains("clBuildProgram") && e.getMessage().contains("build log"), e::getMessage);
    }

    @Test
    void misuseIsReportedAndHandlesCloseOnce() {
        OpenClLoader loader = openCl();
        Artifact a = compile(source("kernels/vadd.spirv.ll"), target(), RuntimeValues.empty(), null);
        OpenClModule m = loader.load(a, RuntimeValues.empty());
        DeviceBuffer b = m.allocate(16);
        IllegalArgumentException arity = assertThrows(IllegalArgumentException.class,
                () -> m.launch("vadd", new long[] {4}, null, KernelArg.of(b)));
        assertTrue(arity.getMessage().contains("takes 3 arguments besides the relocation table, got 1"), arity::getMessage);
        assertThrows(IllegalArgumentException.class, () -> m.launch("nope", new long[] {1}, null));
        m.close();
        m.close();
        assertTrue(b.isClosed(), "closing the module closes its buffers");
        assertThrows(IllegalStateException.class, b::read);
        assertThrows(IllegalStateException.class, () -> m.allocate(4));
    }
}
