package dev.gpuc.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.BackendFailure;
import dev.gpuc.api.Payload;
import dev.gpuc.api.Provenance;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.api.UnsupportedFeature;
import dev.gpuc.ir.Llvm;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the loader refuses, and that a refused load leaves nothing behind. */
class LoaderErrorsTest {
    static final String CALLS_MISSING = """
            declare void @gpuc_test_runtime_function_nobody_defines()
            define void @f() {
              call void @gpuc_test_runtime_function_nobody_defines()
              ret void
            }
            """;

    static Artifact withPayloads(Artifact a, List<Payload> payloads, RelocationStrategy strategy, String target) {
        Provenance p = a.provenance();
        return new Artifact(payloads, a.entryPoints(), a.relocations(), strategy, a.portable(),
                new Provenance(p.gpucVersion(), p.llvmVersion(), p.backend(), p.backendVersion(), target));
    }

    @Test
    void anUnresolvedSymbolIsNamedAndTheFailedLoadIsReleased() {
        Artifact artifact = ThroughPipeline.compile("missing.ll", CALLS_MISSING);
        Jit.get();
        for (int i = 0; i < 5; i++) {
            BackendFailure e = assertThrows(BackendFailure.class, () -> new CpuLoader().load(artifact, RuntimeValues.empty()));
            assertTrue(e.getMessage().contains("Symbols not found") && e.getMessage()
                    .contains("gpuc_test_runtime_function_nobody_defines"), e.getMessage());
            assertEquals("cpu", e.backend());
        }
        long dylibs = Jit.get().dylibCount();
        assertThrows(BackendFailure.class, () -> new CpuLoader().load(artifact, RuntimeValues.empty()));
        assertEquals(dylibs, Jit.get().dylibCount(), "a failed load returns its JITDylib for reuse");
    }

    @Test
    void aDsoLocalImportOfAFarAddressFailsToLinkInsteadOfRunning() {
        RuntimeValues far = RuntimeValues.of(Map.of(ImportForms.X, 0x7fff_0000_1000L, ImportForms.NOTHING, 0x7ffe_0000_1000L));
        Artifact artifact = ImportForms.DSO_LOCAL.compile(far);
        BackendFailure e = assertThrows(BackendFailure.class, () -> new CpuLoader().load(artifact, far));
        assertTrue(e.getMessage().contains("out of range") && e.getMessage().contains(ImportForms.X_SLOT), e.getMessage());
    }

    @Test
    void artifactsTheCpuLoaderCannotRunAreRefusedWithTheReason() {
        Artifact good = ThroughPipeline.compile("id.ll", TinyIr.IDENTITY);
        String target = good.provenance().target();

        BackendFailure noObject = assertThrows(BackendFailure.class, () -> new CpuLoader().load(
                withPayloads(good, List.of(new Payload("ptx", new byte[] {1})), good.strategy(), target), RuntimeValues.empty()));
        assertTrue(noObject.getMessage().contains("no 'object' payload"), noObject.getMessage());

        UnsupportedFeature table = assertThrows(UnsupportedFeature.class, () -> new CpuLoader().load(
                withPayloads(good, good.payloads(), RelocationStrategy.TABLE, target), RuntimeValues.empty()));
        assertTrue(table.getMessage().contains("TABLE"), table.getMessage());

        UnsupportedFeature arch = assertThrows(UnsupportedFeature.class, () -> new CpuLoader().load(
                withPayloads(good, good.payloads(), good.strategy(), "cpu:riscv64-unknown-linux-gnu;arch=;features="),
                RuntimeValues.empty()));
        assertTrue(arch.getMessage().contains("riscv64"), arch.getMessage());

        String lacking = Arrays.stream(Llvm.hostFeatures().split(",")).filter(f -> f.startsWith("-")).findFirst()
                .map(f -> "+" + f.substring(1)).orElse("+gpuc-no-such-feature");
        UnsupportedFeature feature = assertThrows(UnsupportedFeature.class, () -> new CpuLoader().load(
                withPayloads(good, good.payloads(), good.strategy(), target.replace(";features=", ";features=" + lacking + ",")),
                RuntimeValues.empty()));
        assertTrue(feature.getMessage().contains(lacking), feature.getMessage());

        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        BackendFailure corrupt = assertThrows(BackendFailure.class, () -> new CpuLoader().load(
                withPayloads(good, List.of(new Payload("object", garbage)), good.strategy(), target), RuntimeValues.empty()));
        assertTrue(corrupt.getMessage().startsWith("cannot"), corrupt.getMessage());

        try (CpuModule m = new CpuLoader().load(good, RuntimeValues.empty())) {
            assertEquals(42L, m.callLong("id", 42L), "the loader still works after the refusals");
        }
    }
}
