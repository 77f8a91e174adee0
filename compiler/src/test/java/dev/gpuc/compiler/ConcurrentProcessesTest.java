package dev.gpuc.compiler;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several processes compiling overlapping keys into one cache directory at the same time. */
class ConcurrentProcessesTest {
    static final int PROCESSES = 4;
    static final int COMPILATIONS = 50;
    static final int VARIANTS = 10;

    @TempDir
    Path cache;

    @Test
    void fourProcessesShareOneDirectoryWithoutTornEntriesOrDuplicateWork() throws Exception {
        List<Process> processes = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            processes.add(ChildJvm.start(StressMain.class, cache.toString(), Integer.toString(p),
                    Integer.toString(COMPILATIONS), Integer.toString(VARIANTS)));
        }
        Map<String, Set<String>> digestsByKey = new HashMap<>();
        Map<String, Integer> codegenByKey = new HashMap<>();
        Set<Long> factors = new HashSet<>();
        for (Process p : processes) {
            ChildJvm.Exit exit = ChildJvm.finish(p);
            assertEquals(0, exit.code(), exit.stdout() + exit.stderr());
            List<String> lines = exit.stdout().strip().lines().toList();
            assertEquals(COMPILATIONS, lines.size(), exit.stdout());
            for (String line : lines) {
                String[] f = line.split(" ");
                long factor = Long.parseLong(f[0]);
                factors.add(factor);
                assertEquals(3 * factor, Long.parseLong(f[4]), "scale(3) computed by " + line);
                digestsByKey.computeIfAbsent(f[1], k -> new HashSet<>()).add(f[3]);
                codegenByKey.merge(f[1], Boolean.parseBoolean(f[2]) ? 1 : 0, Integer::sum);
            }
        }
        assertEquals(VARIANTS, factors.size());
        assertEquals(VARIANTS, digestsByKey.size(), "one key per distinct kernel");
        digestsByKey.forEach((key, digests) -> assertEquals(1, digests.size(), "identical artifacts for " + key));
        codegenByKey.forEach((key, n) -> assertEquals(1, n, "compiled exactly once across all processes: " + key));
        VerifyReport report = DiskCacheStore.open(cache).verify();
        assertEquals(List.of(), report.removed());
        assertEquals(VARIANTS, report.checked());
    }
}
