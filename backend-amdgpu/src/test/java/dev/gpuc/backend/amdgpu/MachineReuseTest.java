package dev.gpuc.backend.amdgpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.gpuc.api.CompileJob;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.RuntimeValueMap;
import dev.gpuc.ir.TargetMachinePool;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AMDGPU machines are lent from a pool like every other: one that compiled before emits what a new one does. */
class MachineReuseTest {
    @Test
    void reusedMachinesEmitTheSameCodeObjects() throws IOException {
        RuntimeValueMap values = RuntimeValueMap.read(AmdgpuCompileTest.corpus().resolve("runtime-globals/runtime-values.json"));
        List<CompileJob> jobs = new ArrayList<>();
        for (String file : List.of("kernels/vadd.amdgpu.ll", "runtime-globals/symbol-compare.amdgpu.ll")) {
            jobs.add(CompileJob.builder(ModuleSource.of(AmdgpuCompileTest.corpus().resolve(file)),
                    AmdgpuTarget.of("gfx90a", "")).runtimeValues(values).build());
        }
        List<byte[]> fresh = new ArrayList<>();
        for (CompileJob job : jobs) {
            TargetMachinePool.SHARED.clear();
            fresh.add(AmdgpuCompileTest.compile(job).primary().bytes());
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < jobs.size(); i++) {
                assertArrayEquals(fresh.get(i), AmdgpuCompileTest.compile(jobs.get(i)).primary().bytes(),
                        "round " + round + ", " + jobs.get(i).source().name());
            }
        }
    }
}
