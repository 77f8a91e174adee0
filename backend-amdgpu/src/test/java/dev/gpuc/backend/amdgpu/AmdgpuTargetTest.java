package dev.gpuc.backend.amdgpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.BasicTarget;
import dev.gpuc.api.UnsupportedFeature;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AmdgpuTargetTest {
    @Test
    void defaultsToGfx90aAndCodeObjectVersion5() {
        AmdgpuTarget t = (AmdgpuTarget) new AmdgpuBackend().target(null, null, null);
        assertEquals(AmdgpuTarget.defaults(), t);
        assertEquals("gfx90a", t.arch());
        assertEquals("amdgcn-amd-amdhsa", t.triple());
        assertEquals("amdgpu:amdgcn-amd-amdhsa;arch=gfx90a;features=;code-object-version=5", t.describe());
    }

    @Test
    void llvmsProcessorListIsTheAuthority() {
        AmdgpuProcessors llvm = AmdgpuProcessors.known();
        for (String arch : new String[] {"gfx90a", "gfx942", "gfx1100", "gfx1201", "gfx908"}) {
            assertTrue(llvm.processors().contains(arch), arch);
        }
        assertTrue(llvm.features().contains("wavefrontsize64"));
        assertTrue(llvm.features().contains("xnack"));
    }

    @Test
    void unknownProcessorNamesCloseMatches() {
        UnsupportedFeature e = assertThrows(UnsupportedFeature.class, () -> AmdgpuTarget.of("gfx91a", ""));
        assertTrue(e.getMessage().startsWith("unknown AMDGPU processor 'gfx91a'; did you mean "), e.getMessage());
        String suggestions = e.getMessage().substring(e.getMessage().indexOf("did you mean "), e.getMessage().indexOf('?'));
        assertTrue(suggestions.contains("gfx90a"), suggestions);
        assertThrows(UnsupportedFeature.class, () -> AmdgpuTarget.of("sm_90", ""));
    }

    @Test
    void featuresAreCheckedAgainstLlvm() {
        assertEquals("+wavefrontsize64,-xnack", AmdgpuTarget.of("gfx1100", " +wavefrontsize64 , -xnack ").features());
        assertEquals("+xnack,+sramecc", AmdgpuTarget.of("gfx90a", "+xnack,+sramecc").features());
        UnsupportedFeature unknown = assertThrows(UnsupportedFeature.class, () -> AmdgpuTarget.of("gfx90a", "+xnak"));
        assertTrue(unknown.getMessage().contains("'+xnak'") && unknown.getMessage().contains("did you mean xnack"),
                unknown.getMessage());
        assertThrows(UnsupportedFeature.class, () -> AmdgpuTarget.of("gfx90a", "xnack"));
    }

    /** LLVM 20 segfaults on -wavefrontsize64 for gfx90a; gfx9 has no 32-wide wavefronts. */
    @Test
    void wavefrontSizeMustBeOneTheProcessorHas() {
        assertTrue(assertThrows(UnsupportedFeature.class, () -> AmdgpuTarget.of("gfx90a", "-wavefrontsize64"))
                .getMessage().contains("+wavefrontsize32 or +wavefrontsize64"));
        assertTrue(assertThrows(UnsupportedFeature.class, () -> AmdgpuTarget.of("gfx90a", "+wavefrontsize32"))
                .getMessage().contains("64-wide wavefronts only"));
        assertThrows(UnsupportedFeature.class, () -> AmdgpuTarget.of("gfx1100", "+wavefrontsize32,+wavefrontsize64"));
        assertEquals("+wavefrontsize32", AmdgpuTarget.of("gfx1100", "+wavefrontsize32").features());
    }

    /** LLVM aborts the process for a generic processor under code object version 5. */
    @Test
    void genericProcessorsNeedCodeObjectVersion6() {
        UnsupportedFeature e = assertThrows(UnsupportedFeature.class, () -> AmdgpuTarget.of("gfx11-generic", ""));
        assertTrue(e.getMessage().contains("code-object-version=6"), e.getMessage());
        assertEquals(6, AmdgpuTarget.of("gfx11-generic", "", Map.of("code-object-version", "6")).codeObjectVersion());
    }

    @Test
    void optionsAreCheckedToo() {
        assertEquals(4, AmdgpuTarget.of("gfx90a", "", Map.of("code-object-version", "4")).codeObjectVersion());
        assertThrows(UnsupportedFeature.class, () -> AmdgpuTarget.of("gfx90a", "", Map.of("code-object-version", "3")));
        assertThrows(UnsupportedFeature.class, () -> AmdgpuTarget.of("gfx90a", "", Map.of("code-object-version", "five")));
        assertTrue(assertThrows(UnsupportedFeature.class, () -> AmdgpuTarget.of("gfx90a", "", Map.of("wave", "64")))
                .getMessage().contains("unknown AMDGPU target option 'wave'"));
    }

    @Test
    void readsAnyTargetNamingTheBackend() {
        AmdgpuTarget t = AmdgpuTarget.of("gfx942", "-xnack");
        assertSame(t, AmdgpuTarget.from(t));
        BasicTarget basic = BasicTarget.of("amdgpu", "amdgcn-amd-amdhsa", "gfx942", "-xnack")
                .withOption("code-object-version", "5");
        assertEquals(t, AmdgpuTarget.from(basic));
        assertEquals(t.describe(), basic.describe());
        assertThrows(UnsupportedFeature.class, () -> AmdgpuTarget.from(BasicTarget.of("ptx", "nvptx64-nvidia-cuda", "sm_90", "")));
        assertThrows(UnsupportedFeature.class, () -> AmdgpuTarget.from(BasicTarget.of("amdgpu", "amdgcn-amd-amdpal", "gfx90a", "")));
    }
}
