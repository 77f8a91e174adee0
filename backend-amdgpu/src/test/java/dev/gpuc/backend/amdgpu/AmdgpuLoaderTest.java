package dev.gpuc.backend.amdgpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.BackendLookup;
import dev.gpuc.api.BackendUnavailable;
import dev.gpuc.api.Backends;
import dev.gpuc.api.EntryPoint;
import dev.gpuc.api.Loader;
import dev.gpuc.api.Payload;
import dev.gpuc.api.Provenance;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RelocationTable;
import dev.gpuc.api.RuntimeValues;
import java.util.List;
import org.junit.jupiter.api.Test;

class AmdgpuLoaderTest {
    @Test
    void saysPlainlyThatLoadingIsNotImplemented() {
        Loader loader = new AmdgpuBackend().loader().orElseThrow();
        assertFalse(loader.availability().available());
        assertEquals("no HSA/HIP bindings on the class path; loading is specified, not implemented",
                loader.availability().reason());
        Artifact artifact = new Artifact(List.of(new Payload("hsaco", new byte[] {1})),
                List.of(new EntryPoint("k", "k", true)), RelocationTable.EMPTY, RelocationStrategy.PATCH, true,
                new Provenance("0", "20.1.7", "amdgpu", "0", "amdgpu"));
        BackendUnavailable e = assertThrows(BackendUnavailable.class, () -> loader.load(artifact, RuntimeValues.empty()));
        assertTrue(e.installed());
        assertTrue(e.getMessage().endsWith(AmdgpuLoader.UNAVAILABLE_REASON), e.getMessage());
    }

    @Test
    void theBackendIsFoundThroughServiceLoaderAndRunsHere() {
        BackendLookup found = Backends.discover().lookup("amdgpu");
        AmdgpuBackend backend = (AmdgpuBackend) assertInstanceOf(BackendLookup.Found.class, found).backend();
        assertTrue(backend.availability().available(), backend.availability().reason());
        assertEquals(1, backend.globalAddressSpace());
        assertEquals(91, backend.kernelCallingConvention().orElseThrow());
        assertEquals(RelocationStrategy.PATCH, backend.preferredStrategy());
        assertTrue(backend.supportedStrategies().containsAll(List.of(RelocationStrategy.PATCH, RelocationStrategy.IMPORT)));
    }
}
