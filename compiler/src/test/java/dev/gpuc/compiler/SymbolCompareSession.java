package dev.gpuc.compiler;

import dev.gpuc.api.CompileJob;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.backend.cpu.CpuBackend;
import java.util.List;
import java.util.Map;

/**
 * One front-end session of the corpus's symbol-compare module: the runtime objects {@code :x}
 * and {@code nothing} live at this session's addresses, and the module is emitted with those
 * addresses baked in, as a JIT would.
 */
record SymbolCompareSession(long x, long nothing) {
    static final String X = "Symbol:x";
    static final String NOTHING = "Core.nothing";
    /** The addresses corpus/runtime-globals/symbol-compare.ll was emitted with. */
    private static final long CORPUS_X = 140234567890123L;
    private static final long CORPUS_NOTHING = 140234560000016L;

    RuntimeValues values() {
        return RuntimeValues.of(Map.of(X, x, NOTHING, nothing));
    }

    /** This session's values without {@code nothing}: a session that cannot resolve one key. */
    RuntimeValues valuesWithoutNothing() {
        return RuntimeValues.of(Map.of(X, x));
    }

    ModuleSource module() {
        String text = Corpus.text("runtime-globals/symbol-compare.ll")
                .replace(Long.toString(CORPUS_X), Long.toUnsignedString(x))
                .replace(Long.toString(CORPUS_NOTHING), Long.toUnsignedString(nothing));
        return ModuleSource.ofText("symbol-compare.ll", text);
    }

    CompileJob job(RelocationStrategy strategy) {
        return CompileJob.builder(module(), new CpuBackend().defaultTarget())
                .entryPoints(List.of("is_x", "is_nothing", "address_of_x")).kernel(false).optLevel(1)
                .runtimeValues(values()).relocation(strategy).build();
    }
}
