package dev.gpuc.backend.ptx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.UnsupportedFeature;
import dev.gpuc.ir.TargetMachineSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PtxTargetTest {
    private static PtxTarget parse(String arch, String features, Map<String, String> options) {
        return PtxTarget.parse(arch, features, options, false);
    }

    @ParameterizedTest(name = "{0} defaults to PTX {1}, __CUDA_ARCH {2}, LLVM cpu {3}")
    @CsvSource({"sm_70,6.0,700,sm_70", "sm_80,7.0,800,sm_80", "sm_90,7.8,900,sm_90", "sm_90a,8.0,900,sm_90a",
            "sm_100,8.6,1000,sm_100", "sm_100a,8.6,1000,sm_100a", "sm_100f,8.6,1000,sm_100", "sm_120,8.7,1200,sm_120"})
    void capabilitiesDefaultToTheirLowestPtx(String arch, String ptx, int cudaArch, String cpu) {
        PtxTarget t = parse(arch, "", Map.of());
        assertEquals(ptx, t.ptx().toString());
        assertEquals(cudaArch, t.capability().cudaArch());
        assertEquals(arch, t.arch());
        TargetMachineSpec spec = new PtxBackend().machine(t, 3);
        assertEquals(cpu, spec.cpu());
        assertEquals(t.ptx().llvmFeature(), spec.features());
        assertEquals("nvptx64-nvidia-cuda", spec.triple());
        assertEquals(3, spec.optLevel());
    }

    @ParameterizedTest(name = "{0} with {1} is rejected")
    @CsvSource({"sm_90,+ptx77,sm_90 needs PTX ISA 7.8", "sm_90a,+ptx78,sm_90a needs PTX ISA 8.0",
            "sm_100,+ptx85,sm_100 needs PTX ISA 8.6", "sm_120a,+ptx86,sm_120a needs PTX ISA 8.7",
            "sm_80,+ptx88,newer than LLVM 20.1.7 can emit", "sm_80,+ptx90,newer than LLVM 20.1.7 can emit"})
    void impossiblePairsAreRejected(String arch, String features, String message) {
        UnsupportedFeature e = assertThrows(UnsupportedFeature.class, () -> parse(arch, features, Map.of()));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aNewerPtxIsAccepted() {
        PtxTarget t = parse("sm_90", "+ptx87", Map.of());
        assertEquals(PtxVersion.of(8, 7), t.ptx());
        assertEquals("+ptx87", t.features());
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @CsvSource({"sm_91,cannot target sm_91", "sm_103,cannot target sm_103", "sm_90f,from sm_100 on",
            "sm_80a,cannot target sm_80a", "compute_90,not a compute capability", "'',not a compute capability",
            "sm_9,not a compute capability"})
    void unknownCapabilitiesAreRejected(String arch, String message) {
        UnsupportedFeature e = assertThrows(UnsupportedFeature.class, () -> parse(arch, "", Map.of()));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void knownCapabilitiesIncludeFamilies() {
        assertTrue(ComputeCapability.known().containsAll(java.util.List.of("sm_70", "sm_90a", "sm_100f", "sm_120a")));
        assertFalse(ComputeCapability.known().contains("sm_90f"));
        assertEquals("sm_20", ComputeCapability.known().get(0));
    }

    @Test
    void featuresAreOnlyAPtxVersion() {
        UnsupportedFeature e = assertThrows(UnsupportedFeature.class, () -> parse("sm_80", "+sm_90", Map.of()));
        assertTrue(e.getMessage().contains("+ptxNN"), e.getMessage());
        assertThrows(UnsupportedFeature.class, () -> parse("sm_80", "+ptx80,+ptx81", Map.of()));
    }

    @Test
    void optionsAreReadAndDescribed() {
        PtxTarget t = parse("sm_80", "", Map.of("fast-math", "true", "ftz", "yes", "reqntid", "16,8",
                "minctasm", "2", "maxnreg", "64", "cubin", "false"));
        assertTrue(t.fastMath());
        assertTrue(t.ftz());
        assertTrue(t.launchBounds().maxThreads().isEmpty());
        assertEquals(new Dim3(16, 8, 1), t.launchBounds().requiredThreads().orElseThrow());
        assertEquals(2, t.launchBounds().minBlocksPerSm().getAsInt());
        assertEquals(64, t.launchBounds().maxRegisters().getAsInt());
        assertEquals("ptx:nvptx64-nvidia-cuda;arch=sm_80;features=+ptx70;cubin=false;fast-math=true;ftz=true;"
                + "maxnreg=64;minctasm=2;reqntid=16,8,1", t.describe());
        // The description is canonical: the same settings spelled differently describe the same target.
        assertEquals(t.describe(), parse("sm_80", "+ptx70", Map.of("fast-math", "1", "ftz", "on",
                "reqntid", "16,8,1", "minctasm", "2", "maxnreg", "64")).describe());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"maxntid,0,must be a positive integer", "maxntid,'1,2,3,4',up to three extents",
            "maxntid,'1024,2',exceeds the 1024 threads", "maxnreg,many,must be a positive integer",
            "fast-math,maybe,must be true or false", "unroll,4,unknown ptx target option"})
    void badOptionsAreRejected(String key, String value, String message) {
        UnsupportedFeature e = assertThrows(UnsupportedFeature.class, () -> parse("sm_80", "", Map.of(key, value)));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void maximumAndRequiredThreadsExcludeEachOther() {
        UnsupportedFeature e = assertThrows(UnsupportedFeature.class,
                () -> parse("sm_80", "", Map.of("maxntid", "256", "reqntid", "128")));
        assertTrue(e.getMessage().contains("exclude each other"), e.getMessage());
    }

    @Test
    void plainTargetsAreReadBack() {
        PtxTarget t = parse("sm_90a", "+ptx80", Map.of("ftz", "true", "maxntid", "128"));
        dev.gpuc.api.BasicTarget plain = new dev.gpuc.api.BasicTarget(t.backend(), t.triple(), t.arch(),
                t.features(), t.options());
        assertEquals(t, PtxBackend.ptxTarget(plain));
    }

    @Test
    void theBackendDefaultsAreCudaThirteensOldestGpu() {
        PtxBackend b = new PtxBackend();
        assertEquals("sm_75", b.defaultTarget().arch());
        // A cubin by default exactly when this machine's ptxas can build one.
        boolean canAssemble = Ptxas.find().map(p -> p.supports(ComputeCapability.parse("sm_75"))).orElse(false);
        assertEquals(canAssemble, ((PtxTarget) b.defaultTarget()).cubin());
    }
}
