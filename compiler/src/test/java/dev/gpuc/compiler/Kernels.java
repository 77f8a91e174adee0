package dev.gpuc.compiler;

import dev.gpuc.api.CompileJob;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.backend.cpu.CpuBackend;

/** Small host kernels whose cache keys differ by a constant: cheap to compile, easy to check. */
final class Kernels {
    private Kernels() {}

    /** {@code i64 scale(i64 a) = a * factor}. */
    static ModuleSource scale(long factor) {
        return ModuleSource.ofText("scale" + factor + ".ll", """
                define i64 @scale(i64 %a) {
                  %r = mul i64 %a, FACTOR
                  ret i64 %r
                }
                """.replace("FACTOR", Long.toString(factor)));
    }

    static CompileJob scaleJob(long factor, int optLevel) {
        return CompileJob.builder(scale(factor), new CpuBackend().defaultTarget()).kernel(false).optLevel(optLevel).build();
    }
}
