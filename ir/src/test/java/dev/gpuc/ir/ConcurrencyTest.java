package dev.gpuc.ir;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Compilations on several threads, each with its own context and target machine, give the
 * sequential result. SPIR-V is not among them: LLVM 20.1.7's SPIR-V back end numbers ids
 * through a static (llvm/llvm-project#160613), so its in-process output varies with what else
 * ran, which is why backend-spirv generates code in a separate llc process.
 */
class ConcurrencyTest {
    record Job(TargetMachineSpec spec, CodeGenFileType type) {}

    static final List<Job> JOBS = List.of(
            new Job(TargetMachineSpec.of("nvptx64-nvidia-cuda", "sm_80", "+ptx80"), CodeGenFileType.ASSEMBLY),
            new Job(TargetMachineSpec.of("amdgcn-amd-amdhsa", "gfx90a", ""), CodeGenFileType.OBJECT),
            new Job(UseAfterCloseTest.HOST, CodeGenFileType.OBJECT));

    static byte[] compile(Job job) {
        try (Context ctx = Context.create();
             Module m = ctx.parseText(EmitTest.VADD, "vadd.ll");
             TargetMachine tm = TargetMachine.create(job.spec())) {
            tm.configure(m);
            m.runPasses("default<O2>", tm, false);
            return tm.emit(m, job.type());
        }
    }

    @Test
    void parallelCompilationsMatchSequentialOnes() throws Exception {
        Map<Job, byte[]> expected = new java.util.HashMap<>();
        for (Job job : JOBS) {
            expected.put(job, compile(job));
        }
        List<Job> work = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            work.addAll(JOBS);
        }
        Collections.shuffle(work, new Random(42));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (Job job : work) {
                results.add(pool.submit(() -> compile(job)));
            }
            for (int i = 0; i < work.size(); i++) {
                Job job = work.get(i);
                assertArrayEquals(expected.get(job), results.get(i).get(), "different output for " + job.spec().triple());
            }
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        }
    }
}
