package dev.gpuc.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RuntimeValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * Loading and closing 10,000 artifacts does not grow native memory. The heap is fixed and
 * pre-touched by the module's surefire settings, so resident-set growth is native growth. The
 * JVM's own warm-up (compiler arenas) also grows the resident set for a while, by how much
 * depends on the machine's load; a leak instead grows it in every stretch of the run. So the
 * 10,000 loads are measured in five windows: a leak of even 1 KiB per load would grow every
 * window by 2 MiB, past the 1.5 MiB bound, while the quietest window of a leak-free loader
 * grows by nothing (the leak of a dropped unload, 19 KiB per load, shows as 35 MiB or more).
 */
class MemoryTest {
    static final int WARM_UP = 2_000;
    static final int WINDOWS = 5;
    static final int PER_WINDOW = 2_000;
    static final long QUIETEST_WINDOW_BOUND = 3L << 19;
    static final long TOTAL_BOUND = 128L << 20; // a backstop: the windows are the sensitive check

    @Test
    void loadingAndClosingTenThousandArtifactsDoesNotGrowResidentMemory() throws Exception {
        Artifact artifact = SessionTest.compileInSessionA(RelocationStrategy.IMPORT);
        cycle(artifact, WARM_UP, 0);
        List<Long> rss = new ArrayList<>(List.of(residentBytes()));
        for (int w = 0; w < WINDOWS; w++) {
            cycle(artifact, PER_WINDOW, WARM_UP + w * PER_WINDOW);
            rss.add(residentBytes());
        }
        long quietest = Long.MAX_VALUE;
        StringBuilder figures = new StringBuilder();
        for (int w = 0; w < WINDOWS; w++) {
            long growth = rss.get(w + 1) - rss.get(w);
            quietest = Math.min(quietest, growth);
            figures.append(String.format(" %+.1f", growth / 1048576.0));
        }
        long total = rss.get(WINDOWS) - rss.get(0);
        System.out.printf("RSS after %d warm-up loads %.1f MiB, after %d more %.1f MiB (total %+.1f MiB; per %d-load"
                        + " window MiB:%s); JITDylibs: %d%n", WARM_UP, rss.get(0) / 1048576.0, WINDOWS * PER_WINDOW,
                rss.get(WINDOWS) / 1048576.0, total / 1048576.0, PER_WINDOW, figures, Jit.get().dylibCount());
        assertTrue(quietest < QUIETEST_WINDOW_BOUND, "every window grew, the quietest by " + quietest + " bytes:" + figures);
        assertTrue(total < TOTAL_BOUND, "RSS grew by " + total + " bytes over " + WINDOWS * PER_WINDOW + " loads");
        assertTrue(Jit.get().dylibCount() < 16, "JITDylibs are reused, not accumulated: " + Jit.get().dylibCount());
    }

    private static long residentBytes() {
        System.gc();
        return Pointer.physicalBytes();
    }

    private static void cycle(Artifact artifact, int count, int offset) {
        for (int i = 0; i < count; i++) {
            long x = 0x7f40_0000_0000L + 16L * (offset + i); // a new binding each time
            try (CpuModule m = new CpuLoader().load(artifact,
                    RuntimeValues.of(Map.of(SessionTest.X, x, SessionTest.NOTHING, 0x10L)))) {
                assertEquals(x, m.callLong("address_of_x"));
            }
        }
    }
}
