package dev.gpuc.backend.amdgpu;

import static dev.gpuc.backend.amdgpu.AmdgpuCompileTest.compile;
import static dev.gpuc.backend.amdgpu.AmdgpuCompileTest.symbolCompare;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.CompilationContext;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.RelocationStrategy;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The backend's own check of what lld produced: each kind of mis-shaped code object is named. */
class CodeObjectCheckTest {
    private static CompilationContext context(CompileJob job, Artifact artifact, RelocationStrategy strategy,
                                              List<String> entryPoints) {
        return new CompilationContext(job, job.target(), strategy, artifact.relocations(), entryPoints, null);
    }

    @Test
    void aCodeObjectPassesForItsOwnStrategyOnly() throws IOException {
        CompileJob job = symbolCompare("gfx90a", RelocationStrategy.IMPORT);
        Artifact imported = compile(job);
        byte[] hsaco = imported.primary().bytes();
        String slot = imported.relocations().slots().get(0).name();

        assertEquals(List.of(), AmdgpuBackend.problems(hsaco, context(job, imported, RelocationStrategy.IMPORT, List.of("is_x"))));

        List<String> asPatch = AmdgpuBackend.problems(hsaco, context(job, imported, RelocationStrategy.PATCH, List.of("is_x")));
        assertEquals(1, asPatch.size(), asPatch.toString());
        assertTrue(asPatch.get(0).startsWith("PATCH slot " + slot + " is not a visible 8-byte object in .dynsym"), asPatch.get(0));

        Artifact patched = compile(symbolCompare("gfx90a", RelocationStrategy.PATCH));
        List<String> asImport = AmdgpuBackend.problems(patched.primary().bytes(),
                context(job, patched, RelocationStrategy.IMPORT, List.of("is_x")));
        assertTrue(asImport.size() == 1 && asImport.get(0).startsWith("IMPORT slot " + slot + " must stay an undefined"), asImport.toString());
    }

    @Test
    void missingKernelDescriptorsAndForeignFilesAreNamed() throws IOException {
        CompileJob job = symbolCompare("gfx90a", RelocationStrategy.PATCH);
        Artifact a = compile(job);
        byte[] hsaco = a.primary().bytes();
        assertEquals(List.of("no kernel descriptor other.kd in .dynsym"),
                AmdgpuBackend.problems(hsaco, context(job, a, RelocationStrategy.PATCH, List.of("is_x", "other"))));

        CompileJob v4 = job.toBuilder().target(AmdgpuTarget.of("gfx90a", "", java.util.Map.of("code-object-version", "4"))).build();
        assertTrue(AmdgpuBackend.problems(hsaco, context(v4, a, RelocationStrategy.PATCH, List.of("is_x"))).get(0)
                .contains("code object version 4"));

        byte[] truncated = Arrays.copyOf(hsaco, 40);
        assertEquals(List.of("not an HSA code object: truncated to 40 bytes, shorter than its header"),
                AmdgpuBackend.problems(truncated, context(job, a, RelocationStrategy.PATCH, List.of("is_x"))));
        assertThrows(IllegalArgumentException.class, () -> HsaCodeObject.parse("not elf".getBytes()));
    }
}
