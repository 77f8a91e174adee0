package dev.gpuc.backend.spirv;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.BackendLookup;
import dev.gpuc.api.Backends;
import dev.gpuc.api.RelocationStrategy;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiscoveryTest {
    @Test
    void foundThroughTheServiceLoaderAndDeclaresTablePatchAndBake() {
        assertTrue(Backends.discover().ids().contains("spirv"));
        BackendLookup found = Backends.discover().lookup("spirv");
        SpirvBackend b = (SpirvBackend) assertInstanceOf(BackendLookup.Found.class, found).backend();
        assertEquals(Set.of(RelocationStrategy.TABLE, RelocationStrategy.PATCH, RelocationStrategy.BAKE), b.supportedStrategies());
        assertEquals(RelocationStrategy.TABLE, b.preferredStrategy());
        assertEquals(1, b.globalAddressSpace());
        assertEquals(76, b.kernelCallingConvention().orElseThrow());
        assertTrue(b.loader().isPresent());
    }

    @Test
    void versionNamesTheValidatorWhenThereIsOne() {
        String version = new SpirvBackend().version();
        assertEquals(SpirvValidator.find().isPresent(), version.contains("+spirv-val:SPIRV-Tools"), version);
    }
}
