package dev.gpuc.passes;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.Backend;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.ir.TargetMachinePool;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Compilations borrow their target machine from a pool: a machine that already compiled other
 * modules must give the same bytes as a new one, on each target whose machines keep state
 * (NVPTX interns names in its machine; x86's subtarget is built on first use).
 */
class TargetMachineReuseTest {
    private static List<byte[]> compileAll(Backend backend, List<CompileJob> jobs, boolean freshMachines) {
        List<byte[]> out = new ArrayList<>();
        for (CompileJob job : jobs) {
            if (freshMachines) {
                TargetMachinePool.SHARED.clear();
            }
            try (CodegenPipeline.Compilation c = CodegenPipeline.start(job, backend)) {
                out.add(c.finish().artifact().primary().bytes());
            }
        }
        return out;
    }

    private static void reusedMachinesEmitWhatNewOnesDo(Backend backend, List<String> files, boolean kernels) {
        List<CompileJob> jobs = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (String f : files) {
                jobs.add(CompileJob.builder(ModuleSource.ofText(f, Fixtures.read(Fixtures.corpus().resolve(f))),
                        backend.defaultTarget()).kernel(kernels).runtimeValues(Fixtures.runtimeValues())
                        .relocation(RelocationStrategy.PATCH).build());
            }
        }
        List<byte[]> fresh = compileAll(backend, jobs, true);
        List<byte[]> reused = compileAll(backend, jobs, false);
        for (int i = 0; i < jobs.size(); i++) {
            assertArrayEquals(fresh.get(i), reused.get(i), "job " + i + ": " + jobs.get(i).source().name());
            assertArrayEquals(fresh.get(i % files.size()), reused.get(i), "same kernel, later round: " + i);
        }
    }

    @Test
    void nvptx() {
        reusedMachinesEmitWhatNewOnesDo(new FakePtxBackend(),
                List.of("kernels/saxpy.ptx.ll", "kernels/reduce.ptx.ll", "runtime-globals/symbol-compare.ptx.ll"), true);
    }

    @Test
    void x86() {
        reusedMachinesEmitWhatNewOnesDo(new FakeHostBackend(),
                List.of("kernels/saxpy.cpu.ll", "runtime-globals/symbol-compare.ll"), false);
    }
}
