package dev.gpuc.backend.ptx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.ArtifactCodec;
import dev.gpuc.api.Availability;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RuntimeValueMap;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.api.Slot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Kernels run on the GPU and checked against Java; skipped where there is no CUDA device. */
@Tag("gpu")
class GpuTest {
    private static final PtxLoader loader = new PtxLoader();

    /** Per test, so that each one is reported skipped with the reason. */
    @BeforeEach
    void needsAGpu() {
        Availability a = loader.availability();
        assumeTrue(a.available(), "no CUDA GPU: " + a.reason());
        System.out.println("GPU: " + loader.device());
    }

    /** The device's own capability, with a cubin when this machine's ptxas can build it. */
    private static PtxTarget deviceTarget() {
        return Ptx.BACKEND.target(loader.capability().toString(), "", Map.of());
    }

    @Test
    void saxpyMatchesJava() {
        int n = 100_003;
        float a = 2.5f;
        Random random = new Random(7);
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextFloat() * 100 - 50;
            y[i] = random.nextFloat() * 100 - 50;
        }
        Artifact artifact = Ptx.compile(CompileJob.builder(Ptx.source("kernels/saxpy.ptx.ll"), deviceTarget()).build());
        float[] out;
        try (PtxModule m = loader.load(artifact, RuntimeValues.empty());
             DeviceBuffer dx = loader.allocate(4 * n);
             DeviceBuffer dy = loader.allocate(4 * n)) {
            System.out.println("saxpy loaded from " + m.loadedPayload());
            dx.write(floats(x));
            dy.write(floats(y));
            m.launch("saxpy", Dim3.of((n + 255) / 256), Dim3.of(256), 0, a, dx, dy, (long) n);
            out = toFloats(dy.read());
        }
        for (int i = 0; i < n; i++) {
            // NVPTX contracts a*x+y into one fma by default: compare with both roundings.
            float fused = Math.fma(a, x[i], y[i]);
            float separate = a * x[i] + y[i];
            if (out[i] != fused && out[i] != separate) {
                assertEquals(fused, out[i], Math.ulp(fused), "y[" + i + "]");
            }
        }
    }

    @Test
    void blockSumMatchesJava() {
        int blocks = 64;
        int n = 256 * blocks;
        float[] in = new float[n];
        Random random = new Random(11);
        for (int i = 0; i < n; i++) {
            in[i] = random.nextInt(100); // small integers: every partial sum is exact in float
        }
        float[] expected = new float[blocks];
        for (int i = 0; i < n; i++) {
            expected[i / 256] += in[i];
        }
        Artifact artifact = Ptx.compile(CompileJob.builder(Ptx.source("kernels/reduce.ptx.ll"), deviceTarget()).build());
        try (PtxModule m = loader.load(artifact, RuntimeValues.empty());
             DeviceBuffer din = loader.allocate(4 * n);
             DeviceBuffer dout = loader.allocate(4 * blocks)) {
            din.write(floats(in));
            m.launch("block_sum", Dim3.of(blocks), Dim3.of(256), 0, din, dout);
            assertArrayEquals(expected, toFloats(dout.read()));
        }
    }

    /**
     * The session test: an artifact compiled in session A (the addresses of runtime-values.json),
     * stored, and loaded in session B, where :x and nothing live elsewhere. The kernel must
     * recognise B's :x, and A's address must mean nothing any more.
     */
    @ParameterizedTest
    @EnumSource(value = RelocationStrategy.class, names = {"PATCH", "TABLE"})
    void anArtifactFromSessionARunsInSessionB(RelocationStrategy strategy) throws IOException {
        RuntimeValueMap sessionA = RuntimeValueMap.read(Ptx.corpus("runtime-globals/runtime-values.json"));
        long xA = sessionA.addressOf("Symbol:x").orElseThrow();
        CompileJob job = CompileJob.builder(Ptx.source("runtime-globals/symbol-compare.ptx.ll"), deviceTarget())
                .runtimeValues(sessionA).relocation(strategy).build();
        byte[] stored = ArtifactCodec.encode(Ptx.compile(job));

        long xB = 0x7f00_1234_5670L;
        long nothingB = 0x7f00_4444_0010L;
        RuntimeValues sessionB = RuntimeValues.of(Map.of("Symbol:x", xB, "Core.nothing", nothingB));
        Artifact artifact = ArtifactCodec.decode(stored, "session-A artifact");
        long[] in = {xB, xA, nothingB, 0, xB, xB + 8};
        int[] expected = {1, 0, 0, 0, 1, 0};
        try (PtxModule m = loader.load(artifact, sessionB);
             DeviceBuffer din = loader.allocate(8 * in.length);
             DeviceBuffer dout = loader.allocate(4 * in.length)) {
            assertEquals(xB, m.bindings().get(0).value());
            if (strategy == RelocationStrategy.PATCH) {
                Slot x = artifact.relocations().byKey("Symbol:x").orElseThrow();
                assertEquals(xB, m.readGlobalWord(x.name()), "the slot holds session B's address");
            }
            ByteBuffer words = ByteBuffer.allocate(8 * in.length).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : in) {
                words.putLong(v);
            }
            din.write(words.array());
            m.launch("is_x", Dim3.of(1), Dim3.of(in.length), 0, din, dout);
            ByteBuffer out = ByteBuffer.wrap(dout.read()).order(ByteOrder.LITTLE_ENDIAN);
            int[] got = new int[in.length];
            for (int i = 0; i < got.length; i++) {
                got[i] = out.getInt();
            }
            assertArrayEquals(expected, got, strategy + " on " + loader.device());
        }
        assertNotEquals(xA, xB);
    }

    private static byte[] floats(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    private static float[] toFloats(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[bytes.length / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getFloat();
        }
        return out;
    }
}
