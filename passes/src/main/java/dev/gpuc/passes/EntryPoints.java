package dev.gpuc.passes;

import dev.gpuc.api.CompileJob;
import dev.gpuc.api.InvalidInputIr;
import dev.gpuc.ir.Function;
import dev.gpuc.ir.Module;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;

/**
 * Which functions are entry points: those the job names; else those already carrying the
 * backend's kernel calling convention; else every externally visible definition.
 */
public final class EntryPoints {
    private EntryPoints() {}

    /** @throws InvalidInputIr for a named entry point the module lacks, or a module with none */
    public static List<String> select(Module module, CompileJob job, OptionalInt kernelCallingConvention) {
        String source = job.source().name();
        if (!job.entryPoints().isEmpty()) {
            for (String name : new LinkedHashSet<>(job.entryPoints())) {
                if (module.function(name).filter(f -> !f.isDeclaration()).isEmpty()) {
                    throw InvalidInputIr.missingEntryPoint(source, name);
                }
            }
            return List.copyOf(new LinkedHashSet<>(job.entryPoints()));
        }
        List<String> out = new ArrayList<>();
        if (kernelCallingConvention.isPresent()) {
            for (Function f : module.functions()) {
                if (!f.isDeclaration() && f.callingConvention() == kernelCallingConvention.getAsInt()) {
                    out.add(f.name());
                }
            }
        }
        if (out.isEmpty()) {
            for (Function f : module.functions()) {
                if (!f.isDeclaration() && !f.linkage().isLocal() && !f.name().startsWith("llvm.")) {
                    out.add(f.name());
                }
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputIr(source, source + " defines no kernel and no externally visible function"
                    + " to use as an entry point");
        }
        return List.copyOf(out);
    }
}
