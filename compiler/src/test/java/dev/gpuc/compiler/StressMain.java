package dev.gpuc.compiler;

import dev.gpuc.api.ArtifactCodec;
import dev.gpuc.api.CompileJob;
import dev.gpuc.backend.cpu.CpuModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One of the processes of {@link ConcurrentProcessesTest}: compiles {@code count} jobs drawn
 * from {@code variants} kernels, two at a time, through the disk tier alone (so that every
 * compilation meets the other processes there), runs each result, and prints one line per job:
 * {@code factor key codegen sha256-of-artifact scale(3)}.
 */
public final class StressMain {
    private StressMain() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int process = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        int variants = Integer.parseInt(args[3]);
        List<CompileJob> jobs = new ArrayList<>();
        List<Long> factors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long factor = 2 + (i * 7L + process * 3L) % variants;
            factors.add(factor);
            jobs.add(Kernels.scaleJob(factor, (int) (factor % 2)));
        }
        try (Compiler compiler = Compiler.builder().cache(DiskCacheStore.open(dir)).parallelism(2).build()) {
            List<JobResult> results = compiler.compileAll(jobs);
            for (int i = 0; i < count; i++) {
                if (!(results.get(i) instanceof JobResult.Success s)) {
                    throw new AssertionError("job " + i + " failed: " + ((JobResult.Failure) results.get(i)).error());
                }
                CompileOutcome o = s.outcome();
                long computed;
                try (CpuModule m = (CpuModule) compiler.load(o.artifact(), dev.gpuc.api.RuntimeValues.empty())) {
                    computed = m.callLong("scale", 3L);
                }
                byte[] bytes = ArtifactCodec.encode(o.artifact());
                System.out.println(factors.get(i) + " " + o.key() + " " + o.codegen() + " "
                        + HexFormat.of().formatHex(ArtifactCodec.sha256(bytes, 0, bytes.length)) + " " + computed);
            }
        }
    }
}
