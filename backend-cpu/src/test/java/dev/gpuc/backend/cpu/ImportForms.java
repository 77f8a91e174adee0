package dev.gpuc.backend.cpu;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RelocationTable;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.api.Slot;
import java.util.List;

/**
 * symbol-compare lowered for IMPORT by hand, in the right form and in DESIGN.md's two wrong
 * ones, which the pipeline never produces: the controls showing what {@code extern_weak} and
 * a GOT-reached (not {@code dso_local}) symbol are for.
 */
enum ImportForms {
    EXTERN_WEAK(" = extern_weak global i8"),
    /** Assumed non-null: a null check on it folds to false. */
    EXTERNAL(" = external global i8"),
    /** Reached PC-relative: out of range for a far address. */
    DSO_LOCAL(" = external dso_local global i8");

    static final String X = SessionTest.X;
    static final String NOTHING = SessionTest.NOTHING;
    static final String X_SLOT = "gpuc_Symbol_x";

    private final String declaration;

    ImportForms(String declaration) {
        this.declaration = declaration;
    }

    Artifact compile(RuntimeValues compileTime) {
        RelocationTable table = new RelocationTable(List.of(
                new Slot(X_SLOT, X, compileTime.addressOf(X).orElseThrow(), 8, 0),
                new Slot("gpuc_Core_nothing", NOTHING, compileTime.addressOf(NOTHING).orElseThrow(), 8, 0)));
        String ir = table.slots().stream().map(s -> "@" + s.name() + declaration + "\n").reduce("", String::concat) + """
                define i32 @is_x(ptr %v) {
                  %same = icmp eq ptr %v, @gpuc_Symbol_x
                  %r = zext i1 %same to i32
                  ret i32 %r
                }
                define i32 @is_nothing(ptr %v) {
                  %same = icmp eq ptr %v, @gpuc_Core_nothing
                  %r = zext i1 %same to i32
                  ret i32 %r
                }
                define i64 @address_of_x() {
                  ret i64 ptrtoint (ptr @gpuc_Symbol_x to i64)
                }
                define i32 @x_is_null() {
                  %null = icmp eq ptr @gpuc_Symbol_x, null
                  %r = zext i1 %null to i32
                  ret i32 %r
                }
                """;
        return HostCompiler.compile(ir, List.of("is_x", "is_nothing", "address_of_x", "x_is_null"),
                RelocationStrategy.IMPORT, table);
    }
}
