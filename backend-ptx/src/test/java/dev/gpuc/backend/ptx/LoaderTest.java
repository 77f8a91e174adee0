package dev.gpuc.backend.ptx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.Availability;
import dev.gpuc.api.BackendLookup;
import dev.gpuc.api.BackendUnavailable;
import dev.gpuc.api.Backends;
import dev.gpuc.api.Provenance;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.api.UnresolvedRuntimeValue;
import dev.gpuc.api.UnsupportedFeature;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the loader does on any machine: discovery, availability, and refusals before the GPU. */
class LoaderTest {
    @Test
    void theBackendIsDiscoveredByItsId() {
        Backends backends = Backends.discover();
        assertTrue(backends.ids().contains("ptx"));
        BackendLookup l = backends.lookup("ptx");
        assertInstanceOf(BackendLookup.Found.class, l, "compiling PTX needs no GPU: " + l);
        assertInstanceOf(PtxBackend.class, ((BackendLookup.Found) l).backend());
        assertInstanceOf(PtxLoader.class, ((BackendLookup.Found) l).backend().loader().orElseThrow());
    }

    @Test
    void availabilityIsAnAnswerNotACrash() {
        Availability a = new PtxLoader().availability();
        if (!a.available()) {
            assertFalse(a.reason().isBlank());
            assertTrue(a.reason().contains("cuInit") || a.reason().contains("CUDA"), a.reason());
        }
        assertEquals(a, new PtxLoader().availability(), "asked twice, the same answer");
    }

    @Test
    void withoutAGpuLoadingSaysWhy() throws IOException {
        PtxLoader loader = new PtxLoader();
        assumeFalse(loader.availability().available(), "a GPU is present: GpuTest covers loading");
        Artifact a = Ptx.compile(RuntimeGlobalsTest.job("sm_80", RelocationStrategy.PATCH));
        BackendUnavailable e = assertThrows(BackendUnavailable.class,
                () -> loader.load(a, RuntimeValues.of(Map.of("Symbol:x", 42L))));
        assertTrue(e.installed());
        assertTrue(e.getMessage().contains(loader.availability().reason()), e.getMessage());
    }

    @Test
    void anUnknownKeyIsRefusedBeforeTheGpu() throws IOException {
        Artifact a = Ptx.compile(RuntimeGlobalsTest.job("sm_80", RelocationStrategy.PATCH));
        UnresolvedRuntimeValue e = assertThrows(UnresolvedRuntimeValue.class,
                () -> new PtxLoader().load(a, RuntimeValues.of(Map.of("Core.nothing", 16L))));
        assertEquals("Symbol:x", e.key());
    }

    @Test
    void aBakedArtifactFromAnotherSessionIsRefused() throws IOException {
        Artifact a = Ptx.compile(RuntimeGlobalsTest.job("sm_80", RelocationStrategy.BAKE));
        UnresolvedRuntimeValue e = assertThrows(UnresolvedRuntimeValue.class,
                () -> new PtxLoader().load(a, RuntimeValues.of(Map.of("Symbol:x", 0x5000L))));
        assertTrue(e.getMessage().contains("BAKE"), e.getMessage());
    }

    @Test
    void importAndForeignArtifactsAreRefused() throws IOException {
        Artifact a = Ptx.compile(RuntimeGlobalsTest.job("sm_80", RelocationStrategy.PATCH));
        Artifact imported = new Artifact(a.payloads(), a.entryPoints(), a.relocations(), RelocationStrategy.IMPORT,
                true, a.provenance());
        assertThrows(UnsupportedFeature.class, () -> new PtxLoader().load(imported, RuntimeValues.empty()));
        Provenance p = a.provenance();
        Artifact foreign = new Artifact(a.payloads(), a.entryPoints(), a.relocations(), a.strategy(), true,
                new Provenance(p.gpucVersion(), p.llvmVersion(), "cpu", p.backendVersion(), p.target()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PtxLoader().load(foreign, RuntimeValues.empty()));
        assertTrue(e.getMessage().contains("'cpu'"), e.getMessage());
    }
}
