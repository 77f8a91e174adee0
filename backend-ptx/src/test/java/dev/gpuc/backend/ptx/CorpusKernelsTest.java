package dev.gpuc.backend.ptx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.ModuleSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every PTX kernel of the corpus, for every capability the issue names, through ptxas. */
class CorpusKernelsTest {
    static final List<String> ARCHS = List.of("sm_70", "sm_80", "sm_90", "sm_90a");

    static Stream<Arguments> kernels() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Ptx.corpus("kernels"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".ptx.ll")).sorted().toList()) {
                for (String arch : ARCHS) {
                    out.add(Arguments.of(f.getFileName().toString(), arch));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} for {1}")
    @MethodSource("kernels")
    void compilesAndPtxasAccepts(String file, String arch) {
        PtxTarget target = Ptx.target(arch);
        ModuleSource source = Ptx.source("kernels/" + file);
        String ptx = Ptx.ptx(source, target);
        assertTrue(ptx.contains(".target " + arch), ptx);
        assertTrue(ptx.contains(".version " + target.ptx()), ptx);
        assertTrue(ptx.contains(".visible .entry "), "no kernel entry in\n" + ptx);
        byte[] cubin = Ptx.assemble(ptx, target.capability());
        assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, java.util.Arrays.copyOf(cubin, 4));
    }
}
