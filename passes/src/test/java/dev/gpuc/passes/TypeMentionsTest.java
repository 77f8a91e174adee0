package dev.gpuc.passes;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.InvalidIrForTarget.Problem;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.ValidationRules;
import dev.gpuc.ir.Context;
import dev.gpuc.ir.Module;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeMentionsTest {
    private static TypeMentions scan(String text) {
        return TypeMentions.scan(text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "%t = type { i32, i128 }                     | true  | false | false",
        "store <2 x i65> %v, ptr %p                  | true  | false | false",
        "%x = fadd double %a, %b                     | false | true  | false",
        "%h = fptrunc float %f to half               | false | false | true",
        "%h = fptrunc float %f to bfloat             | false | false | true",
        "[4 x [2 x double]]                          | false | true  | false",
        "%i128 = add i64 %double, 1                  | false | false | false",
        "@\"i256\" = global i8 0                     | false | false | false",
        "%x.half = call i32 @llvm.foo.i128(i64 %y) | false | false | false",
        "i64 i32 i8 i1 float ptr                     | false | false | false",
        "i99999999999999999999999                    | true  | false | false",
    })
    void typesAreFoundWhereTheyAreSpelledAndNowhereElse(String text, boolean wide, boolean doubles, boolean halves) {
        assertEquals(new TypeMentions(wide, doubles, halves), scan(text));
    }

    @Test
    void bitcodeMayUseAnything() throws Exception {
        try (Context ctx = Context.create(); Module m = ctx.parseText("define void @k() {\n  ret void\n}\n", "b")) {
            assertEquals(TypeMentions.ANY, TypeMentions.of(List.of(new ModuleSource("b.bc", m.bitcode()))));
        }
        assertEquals(new TypeMentions(false, false, false), TypeMentions.of(List.of(ModuleSource.ofText("t.ll", "i64"))));
    }

    @Test
    void theValidatorStillFindsWhatTheSourcesSpell() {
        String ir = """
                define void @k(ptr %p, i64 %x) {
                  %y = sext i64 %x to i128
                  store i128 %y, ptr %p
                  ret void
                }
                """;
        ValidationRules gpu = ValidationRules.gpu(Set.of());
        try (Context ctx = Context.create(); Module m = ctx.parseText(ir, "k")) {
            List<Problem> found = new Validator(gpu, Set.of()).forSources(List.of(ModuleSource.ofText("k.ll", ir)))
                    .problems(m, List.of("k"));
            assertEquals(List.of("i128", "i128"), found.stream().map(Problem::reason).toList());
        }
    }
}
