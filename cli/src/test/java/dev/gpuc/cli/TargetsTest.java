package dev.gpuc.cli;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gpuc.api.ArtifactCodec;
import dev.gpuc.api.BackendLookup;
import dev.gpuc.api.Backends;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code -o} writes what each target's standard tools read. */
class TargetsTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({
        "ptx,    kernels/saxpy.ptx.ll,  k.ptx,   ptx",
        "amdgpu, kernels/vadd.amdgpu.ll, k.hsaco, hsaco",
        "spirv,  kernels/vadd.spirv.ll, k.spv,   spirv",
        "cpu,    kernels/saxpy.cpu.ll,  k.o,     object",
    })
    void compilesEachTargetsKernelToItsRawPayload(String target, String kernel, String name, String kind) throws IOException {
        assumeTrue(Backends.discover().lookup(target) instanceof BackendLookup.Found,
                () -> "backend " + target + " is not usable here");
        Path out = tmp.resolve(name);
        Cli.Result r = Cli.run("compile", Cli.corpus(kernel), "--target", target, "-o", out, "--no-cache");
        assertEquals(0, r.exit(), r.toString());
        byte[] bytes = Files.readAllBytes(out);
        switch (kind) {
            case "ptx" -> assertTrue(new String(bytes, StandardCharsets.UTF_8).contains(".visible .entry"), "PTX text");
            case "spirv" -> assertArrayEquals(new byte[] {0x03, 0x02, 0x23, 0x07}, Arrays.copyOf(bytes, 4), "SPIR-V magic");
            default -> assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, Arrays.copyOf(bytes, 4), "ELF");
        }
        Map<?, ?> sidecar = ArtifactCodec.parseHeader(Files.readString(tmp.resolve(name + ".gpuc.json")));
        assertEquals(target, ((Map<?, ?>) sidecar.get("provenance")).get("backend"));
        assertEquals(kind, ((Map<?, ?>) ((java.util.List<?>) sidecar.get("payloads")).get(0)).get("kind"));
        Cli.Result inspected = Cli.run("inspect", out);
        assertEquals(0, inspected.exit(), inspected.toString());
        assertTrue(inspected.out().contains("payload     " + kind + ", " + bytes.length + " bytes"), inspected.out());
    }
}
