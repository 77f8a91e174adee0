package dev.gpuc.api;

import dev.gpuc.ir.TargetMachine;
import java.util.List;

/**
 * What the driver tells a backend about the compilation in progress.
 *
 * @param target      the job's target, as the backend parsed it
 * @param strategy    the relocation strategy chosen for this compilation
 * @param relocations the slots runtime-global extraction produced
 * @param entryPoints names of the entry points (after entry-point selection)
 * @param machine     the target machine of this compilation (owned by the driver)
 */
public record CompilationContext(CompileJob job, Target target, RelocationStrategy strategy,
                                 RelocationTable relocations, List<String> entryPoints, TargetMachine machine) {
    public CompilationContext {
        entryPoints = List.copyOf(entryPoints);
    }
}
