package dev.gpuc.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.RuntimeValues;
import java.util.Random;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

class SaxpyTest {
    @Test
    void saxpyRunsOnOffHeapBuffersAndMatchesJava() throws Exception {
        Artifact artifact = ThroughPipeline.compile("saxpy.cpu.ll", ThroughPipeline.corpus("kernels/saxpy.cpu.ll"));
        int n = 10_001; // not a multiple of any vector width, so the loop's remainder runs too
        Random random = new Random(42);
        float a = 2.5f;
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextFloat() * 100 - 50;
            y[i] = random.nextFloat() * 100 - 50;
        }
        float[] expected = new float[n];
        for (int i = 0; i < n; i++) {
            expected[i] = a * x[i] + y[i]; // separate fmul and fadd in the IR: no fusion, exact
        }
        try (CpuModule module = new CpuLoader().load(artifact, RuntimeValues.empty());
             FloatPointer px = new FloatPointer(x); FloatPointer py = new FloatPointer(y)) {
            assertEquals("(f32, ptr, ptr, i64) -> void", module.signature("saxpy").toString());
            module.callVoid("saxpy", a, px, py, (long) n);
            float[] actual = new float[n];
            py.get(actual);
            assertArrayEquals(expected, actual);
            float[] unchanged = new float[n];
            px.get(unchanged);
            assertArrayEquals(x, unchanged);
        }
    }
}
