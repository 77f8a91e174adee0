package dev.gpuc.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.BackendLookup;
import dev.gpuc.api.Backends;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.Target;
import dev.gpuc.api.UnsupportedFeature;
import dev.gpuc.ir.Llvm;
import dev.gpuc.ir.TargetMachineSpec;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuBackendTest {
    final CpuBackend backend = new CpuBackend();

    @Test
    void discoveredThroughServiceLoaderById() {
        BackendLookup found = Backends.discover().lookup("cpu");
        assertInstanceOf(CpuBackend.class, assertInstanceOf(BackendLookup.Found.class, found).backend());
        assertTrue(backend.loader().orElseThrow().availability().available());
    }

    @Test
    void targetsTheHostUnlessTold() {
        Target host = backend.defaultTarget();
        assertEquals("cpu", host.backend());
        assertEquals(Llvm.hostTriple(), host.triple());
        assertEquals(Llvm.hostCpu(), host.arch());
        assertEquals(Llvm.hostFeatures(), host.features());
        Target portable = backend.target("x86-64", null, Map.of());
        assertEquals("x86-64", portable.arch());
        assertEquals("", portable.features(), "another CPU does not inherit this host's features");
        assertEquals("+avx2", backend.target("x86-64", "+avx2", null).features());
        UnsupportedFeature e = assertThrows(UnsupportedFeature.class, () -> backend.target(null, null, Map.of("fast", "1")));
        assertTrue(e.getMessage().contains("fast"));
    }

    @Test
    void positionIndependentObjectsWithTheStrategiesOrcCanApply() {
        TargetMachineSpec spec = backend.machine(backend.defaultTarget(), 3);
        assertEquals(TargetMachineSpec.RelocModel.PIC, spec.relocModel());
        assertEquals(3, spec.optLevel());
        assertEquals(Llvm.hostCpu(), spec.cpu());
        assertEquals(EnumSet.of(RelocationStrategy.BAKE, RelocationStrategy.PATCH, RelocationStrategy.IMPORT),
                EnumSet.copyOf(backend.supportedStrategies()));
        assertEquals(RelocationStrategy.IMPORT, backend.preferredStrategy());
        assertTrue(backend.kernelCallingConvention().isEmpty());
        assertEquals(0, backend.globalAddressSpace());
    }
}
