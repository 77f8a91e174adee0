package dev.gpuc.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RuntimeValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LifecycleTest {
    static RuntimeValues session(long x, long nothing) {
        return RuntimeValues.of(Map.of(SessionTest.X, x, SessionTest.NOTHING, nothing));
    }

    @ParameterizedTest
    @EnumSource(value = RelocationStrategy.class, names = {"PATCH", "IMPORT"})
    void oneArtifactLoadedTwiceGivesTwoIndependentInstances(RelocationStrategy strategy) throws Exception {
        Artifact artifact = SessionTest.compileInSessionA(strategy);
        CpuModule first = new CpuLoader().load(artifact, session(0x7f11_0000_0000L, 0x7f11_0000_1000L));
        try (CpuModule second = new CpuLoader().load(artifact, session(0x7f22_0000_0000L, 0x7f22_0000_1000L))) {
            assertEquals(0x7f11_0000_0000L, first.callLong("address_of_x"));
            assertEquals(0x7f22_0000_0000L, second.callLong("address_of_x"));
            assertEquals(1, first.callInt("is_x", 0x7f11_0000_0000L));
            assertEquals(0, first.callInt("is_x", 0x7f22_0000_0000L));
            assertEquals(1, second.callInt("is_x", 0x7f22_0000_0000L));
            first.close();
            assertEquals(0x7f22_0000_0000L, second.callLong("address_of_x"), "closing one leaves the other intact");
        }
    }

    @Test
    void aClosedModuleRefusesCallsAndClosesOnce() {
        CpuModule m = new CpuLoader().load(ThroughPipeline.compile("id.ll", TinyIr.IDENTITY), RuntimeValues.empty());
        assertEquals(7L, m.callLong("id", 7L));
        m.close();
        m.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.callLong("id", 7L));
        assertTrue(e.getMessage().contains("closed"));
        assertEquals("(i64) -> i64", m.signature("id").toString(), "metadata stays readable");
    }

    @Test
    void aReusedJitDylibStillResolvesProcessSymbols() {
        Artifact artifact = ThroughPipeline.compile("cos.ll", """
                declare double @cos(double)
                define double @f(double %x) {
                  %r = call double @cos(double %x)
                  ret double %r
                }
                """);
        try (CpuModule m = new CpuLoader().load(artifact, RuntimeValues.empty())) {
            assertEquals(Math.cos(1.0), m.callDouble("f", 1.0));
        }
        long dylibs = Jit.get().dylibCount();
        try (CpuModule m = new CpuLoader().load(artifact, RuntimeValues.empty())) {
            assertEquals(Math.cos(2.0), m.callDouble("f", 2.0));
        }
        assertEquals(dylibs, Jit.get().dylibCount(), "the second load reused the cleared JITDylib");
    }

    @Test
    void threadsCallOneModuleConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (CpuModule m = new CpuLoader().load(ThroughPipeline.compile("id.ll", TinyIr.IDENTITY), RuntimeValues.empty())) {
            List<Future<Long>> sums = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long base = t * 1_000_000L;
                sums.add(pool.submit(() -> {
                    long sum = 0;
                    for (long i = 0; i < 20_000; i++) {
                        sum += m.callLong("id", base + i) - base;
                    }
                    return sum;
                }));
            }
            for (Future<Long> s : sums) {
                assertEquals(20_000L * 19_999 / 2, s.get());
            }
        } finally {
            pool.shutdown();
        }
    }
}
