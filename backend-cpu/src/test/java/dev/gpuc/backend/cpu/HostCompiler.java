package dev.gpuc.backend.cpu;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.CompilationContext;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.EntryPoint;
import dev.gpuc.api.Gpuc;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.Provenance;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RelocationTable;
import dev.gpuc.api.Target;
import dev.gpuc.ir.Context;
import dev.gpuc.ir.Llvm;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.TargetMachine;
import java.util.List;

/**
 * Runs the backend's own steps (prepare, O2, emit) on IR that is already shaped for a strategy,
 * standing in for the pipeline where a test needs IR the pipeline would never produce.
 */
final class HostCompiler {
    static final CpuBackend BACKEND = new CpuBackend();

    private HostCompiler() {}

    static Artifact compile(String ir, List<String> entries, RelocationStrategy strategy, RelocationTable table) {
        Target target = BACKEND.defaultTarget();
        try (Context context = Context.create(); Module module = context.parseText(ir, "test.ll");
             TargetMachine machine = TargetMachine.create(BACKEND.machine(target, 2))) {
            machine.configure(module);
            CompileJob job = CompileJob.builder(ModuleSource.ofText("test.ll", ir), target).build();
            CompilationContext cc = new CompilationContext(job, target, strategy, table, entries, machine);
            BACKEND.prepare(module, cc);
            module.verify();
            module.runPasses("default<O2>", machine, false);
            return new Artifact(BACKEND.emit(module, cc),
                    entries.stream().map(e -> new EntryPoint(e, BACKEND.symbolFor(e), false)).toList(), table,
                    strategy, true, new Provenance(Gpuc.version(), Llvm.version(), CpuBackend.ID, BACKEND.version(),
                            target.describe()));
        }
    }

    static Artifact compile(String ir, String... entries) {
        return compile(ir, List.of(entries), RelocationStrategy.IMPORT, RelocationTable.EMPTY);
    }
}
