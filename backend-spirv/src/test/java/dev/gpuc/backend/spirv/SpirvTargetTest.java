package dev.gpuc.backend.spirv;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.BasicTarget;
import dev.gpuc.api.UnsupportedFeature;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SpirvTargetTest {
    private final SpirvBackend backend = new SpirvBackend();

    @Test
    void defaultsAreWhatPoclTakes() {
        SpirvTarget t = SpirvTarget.defaults();
        assertEquals("spirv64v1.2-unknown-unknown", t.triple());
        assertEquals("spirv:spirv64v1.2-unknown-unknown;arch=;features=;fp16=false;fp64=true;validate=true",
                t.describe());
        assertEquals(t, backend.defaultTarget());
    }

    @Test
    void commandLineSettingsAreParsed() {
        SpirvTarget t = SpirvTarget.of(backend.target("v1.4", "+SPV_KHR_float_controls,+SPV_INTEL_subgroups",
                Map.of("fp16", "true", "fp64", "false", "validate", "false")));
        assertEquals(new SpirvTarget.Version(1, 4), t.version());
        assertEquals(new TreeSet<>(Set.of("SPV_INTEL_subgroups", "SPV_KHR_float_controls")), t.extensions());
        assertTrue(t.fp16());
        assertFalse(t.fp64());
        assertFalse(t.validate());
        assertEquals("+SPV_INTEL_subgroups,+SPV_KHR_float_controls", t.features());
        assertEquals("spirv64v1.4-unknown-unknown", backend.machine(t, 2).triple());
    }

    @Test
    void aBasicTargetNamingTheBackendIsRead() {
        BasicTarget basic = BasicTarget.of("spirv", "spirv64v1.1-unknown-unknown", "", "").withOption("fp64", "false");
        SpirvTarget t = SpirvTarget.of(basic);
        assertEquals(new SpirvTarget.Version(1, 1), t.version());
        assertFalse(t.fp64());
    }

    @Test
    void badSettingsAreUnsupportedFeatures() {
        assertThrows(UnsupportedFeature.class, () -> backend.target("1.7", "", Map.of()));
        assertThrows(UnsupportedFeature.class, () -> backend.target("sm_90", "", Map.of()));
        UnsupportedFeature ext = assertThrows(UnsupportedFeature.class,
                () -> backend.target("", "+SPV_GPUC_imaginary", Map.of()));
        assertTrue(ext.getMessage().contains("SPV_GPUC_imaginary"), ext::getMessage);
        assertThrows(UnsupportedFeature.class, () -> backend.target("", "SPV_KHR_float_controls", Map.of()));
        assertThrows(UnsupportedFeature.class, () -> backend.target("", "", Map.of("fast", "true")));
        assertThrows(UnsupportedFeature.class, () -> backend.target("", "", Map.of("fp64", "yes")));
        assertThrows(UnsupportedFeature.class, () -> SpirvTarget.of(BasicTarget.of("ptx", "nvptx64", "sm_90", "")));
    }

    @Test
    void validationRulesFollowTheTarget() {
        var rules = backend.validationRules(SpirvTarget.defaults().withFp64(false));
        assertFalse(rules.fp16());
        assertFalse(rules.fp64());
        assertFalse(rules.indirectCalls());
        assertTrue(rules.allowsExternal("_Z13get_global_idj", Set.of()));
        assertTrue(rules.allowsExternal("__spirv_BuiltInGlobalInvocationId", Set.of()));
        assertFalse(rules.allowsExternal("printf", Set.of()));
        var pointers = backend.validationRules(SpirvTarget.defaults()
                .withExtensions(new TreeSet<>(Set.of("SPV_INTEL_function_pointers"))));
        assertTrue(pointers.indirectCalls());
    }

    @Test
    void validatorEnvironmentMatchesTheVersion() {
        assertEquals("opencl1.2", SpirvValidator.environment(new SpirvTarget.Version(1, 0)));
        assertEquals("opencl2.2", SpirvValidator.environment(new SpirvTarget.Version(1, 2)));
        assertEquals("spv1.5", SpirvValidator.environment(new SpirvTarget.Version(1, 5)));
    }
}
