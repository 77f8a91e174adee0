package dev.gpuc.backend.cpu;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RelocationTable;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.api.Slot;
import java.util.List;

/**
 * corpus/runtime-globals/symbol-compare.ll after extraction and relocation lowering, written out
 * by hand for each strategy in the forms DESIGN.md gives, for loader tests that must not depend
 * on the pipeline.
 */
final class SymbolCompare {
    /** The corpus module's entry points, plus {@code x_is_null}: whether the slot itself is null. */
    static final List<String> ENTRIES = List.of("is_x", "is_nothing", "address_of_x", "x_is_null");

    /** How an IMPORT slot is declared: the right way, and DESIGN.md's two traps. */
    enum ImportForm {
        EXTERN_WEAK(" = extern_weak global i8"),
        /** Assumed non-null: a null check on it folds to false. */
        EXTERNAL(" = external global i8"),
        /** Reached PC-relative: out of range for a far address. */
        DSO_LOCAL(" = external dso_local global i8");

        final String declaration;

        ImportForm(String declaration) {
            this.declaration = declaration;
        }
    }
    static final String X = "Symbol:x";
    static final String NOTHING = "Core.nothing";

    private SymbolCompare() {}

    static RelocationTable table(RuntimeValues compileTime) {
        return new RelocationTable(List.of(
                new Slot("gpuc_Symbol_x", X, compileTime.addressOf(X).orElseThrow(), 8, 0),
                new Slot("gpuc_Core_nothing", NOTHING, compileTime.addressOf(NOTHING).orElseThrow(), 8, 0)));
    }

    static Artifact compile(RelocationStrategy strategy, RuntimeValues compileTime) {
        RelocationTable table = table(compileTime);
        return HostCompiler.compile(ir(strategy, table), ENTRIES, strategy, table);
    }

    /** The module lowered for {@code strategy}, IMPORT slots declared as {@code form}. */
    static String ir(RelocationStrategy strategy, RelocationTable table, ImportForm form) {
        StringBuilder ir = new StringBuilder();
        for (Slot s : table.slots()) {
            switch (strategy) {
                case PATCH -> ir.append('@').append(s.name()).append(" = externally_initialized global ptr null\n");
                case IMPORT -> ir.append('@').append(s.name()).append(form.declaration).append('\n');
                default -> { }
            }
        }
        Slot x = table.slots().get(0);
        Slot nothing = table.slots().get(1);
        return ir + """
                define i32 @is_x(ptr %v) {
                  %sym = {x}
                  %same = icmp eq ptr %v, %sym
                  %r = zext i1 %same to i32
                  ret i32 %r
                }
                define i32 @is_nothing(ptr %v) {
                  %sym = {nothing}
                  %same = icmp eq ptr %v, %sym
                  %r = zext i1 %same to i32
                  ret i32 %r
                }
                define i64 @address_of_x() {
                  %sym = {x}
                  %a = ptrtoint ptr %sym to i64
                  ret i64 %a
                }
                define i32 @x_is_null() {
                  %sym = {x}
                  %null = icmp eq ptr %sym, null
                  %r = zext i1 %null to i32
                  ret i32 %r
                }
                """.replace("{x}", valueOf(strategy, x)).replace("{nothing}", valueOf(strategy, nothing));
    }

    static String ir(RelocationStrategy strategy, RelocationTable table) {
        return ir(strategy, table, ImportForm.EXTERN_WEAK);
    }

    private static String valueOf(RelocationStrategy strategy, Slot slot) {
        return switch (strategy) {
            case BAKE -> "getelementptr i8, ptr inttoptr (i64 " + slot.compileTimeValue() + " to ptr), i64 0";
            case PATCH -> "load ptr, ptr @" + slot.name() + ", align 8";
            case IMPORT -> "getelementptr i8, ptr @" + slot.name() + ", i64 0";
            case TABLE -> throw new IllegalArgumentException("the CPU backend does not take TABLE");
        };
    }
}
