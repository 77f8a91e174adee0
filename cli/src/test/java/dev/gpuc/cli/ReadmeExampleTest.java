package dev.gpuc.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.Backend;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.backend.cpu.CpuModule;
import dev.gpuc.compiler.CacheStatus;
import dev.gpuc.compiler.CompileOutcome;
import dev.gpuc.compiler.Compiler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The root README's "Library API" example, call for call, on the corpus's symbol-compare.ll: when
 * the API drifts from the README, this stops compiling or fails. The disk cache is the
 * surefire-set {@code $GPUC_CACHE_DIR}, under target/.
 */
class ReadmeExampleTest {
    @Test
    void theLibraryApiExampleCompilesLoadsAndRuns() throws IOException {
        long addressOfX = RunCommandTest.A_X; // the addresses symbol-compare.ll was emitted with
        long addressOfNothing = RunCommandTest.A_NOTHING;
        Path symbolCompare = Cli.corpus("runtime-globals/symbol-compare.ll");

        // README, "Library API":
        RuntimeValues session = RuntimeValues.of(Map.of("Symbol:x", addressOfX, "Core.nothing", addressOfNothing));
        try (Compiler compiler = Compiler.builder().standardCache().build()) {   // memory + ~/.cache/gpuc
            Backend cpu = compiler.backend("cpu");
            CompileJob job = CompileJob.builder(ModuleSource.of(symbolCompare), cpu.defaultTarget())
                    .kernel(false)                       // plain host functions, not GPU kernels
                    .runtimeValues(session)              // address <-> stable key, from the front end
                    .build();                            // strategy: the backend's preferred (IMPORT on cpu)
            CompileOutcome out = compiler.compile(job);  // out.cache() is HIT, MISS or BYPASS, with out.cacheReason()
            try (CpuModule m = (CpuModule) compiler.load(out.artifact(), session)) {   // binds every slot to this session
                int same = m.callInt("is_x", addressOfX);
                // end of the example

                assertEquals(1, same);
                assertEquals(0, m.callInt("is_x", addressOfNothing));
            }
            assertEquals(RelocationStrategy.IMPORT, out.strategy(), "what the README says of cpu");
            assertNotEquals(CacheStatus.BYPASS, out.cache(), out.cacheReason());
        }
    }
}
