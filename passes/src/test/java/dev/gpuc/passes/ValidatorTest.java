package dev.gpuc.passes;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.InvalidIrForTarget;
import dev.gpuc.api.InvalidIrForTarget.Problem;
import dev.gpuc.api.ValidationRules;
import dev.gpuc.ir.Context;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.Opcode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidatorTest {
    static final ValidationRules GPU = ValidationRules.gpu(Set.of("vprintf"));

    private static List<Problem> problems(String body, ValidationRules rules, Set<String> extra) {
        try (Context ctx = Context.create(); Module m = ctx.parseText(body, "v")) {
            return new Validator(rules, extra).problems(m, List.of("k"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown-function     | declare void @mystery()\\ndefine void @k() {\\n  call void @mystery()\\n  ret void\\n}          | call void @mystery()",
        "literal-pointer-call | define void @k() {\\n  call void inttoptr (i64 4660 to ptr)()\\n  ret void\\n}                  | call void inttoptr (i64 4660 to ptr)()",
        "dynamic-alloca       | define void @k(i64 %n) {\\n  %a = alloca i8, i64 %n\\n  store i8 0, ptr %a\\n  ret void\\n}         | %a = alloca i8, i64 %n, align 1",
        "fp64                 | define void @k(ptr %p, double %x) {\\n  %y = fadd double %x, 1.0\\n  store double %y, ptr %p\\n  ret void\\n} | %y = fadd double %x, 1.000000e+00",
        "fp16                 | define void @k(ptr %p, half %x) {\\n  %y = fadd half %x, %x\\n  store half %y, ptr %p\\n  ret void\\n}     | %y = fadd half %x, %x",
        "i128                 | define void @k(ptr %p, i128 %x) {\\n  %y = add i128 %x, 1\\n  store i128 %y, ptr %p\\n  ret void\\n}       | %y = add i128 %x, 1",
        "indirect-call        | define void @k(ptr %f) {\\n  call void %f()\\n  ret void\\n}                                         | call void %f()",
    })
    void eachKindIsReportedWithFunctionAndInstruction(String reason, String ir, String instruction) {
        ValidationRules rules = new ValidationRules(Set.of(), false, false, false, false, false, false);
        List<Problem> found = problems(ir.replace("\\n", "\n"), rules, Set.of());
        Problem p = found.stream().filter(x -> x.reason().equals(reason)).findFirst()
                .orElseThrow(() -> new AssertionError(reason + " not in " + found));
        assertEquals("k", p.function());
        assertEquals(instruction, p.instruction());
        assertFalse(p.detail().isEmpty());
    }

    @Test
    void allowListsOfBackendAndFrontEndAndIntrinsics() {
        String ir = """
                declare i32 @vprintf(ptr, ptr)
                declare void @jl_rt_throw()
                declare float @llvm.sqrt.f32(float)
                define void @k(float %x) {
                  %r = call i32 @vprintf(ptr null, ptr null)
                  call void @jl_rt_throw()
                  %s = call float @llvm.sqrt.f32(float %x)
                  ret void
                }
                """;
        assertEquals(List.of("unknown-function"), problems(ir, GPU, Set.of()).stream().map(Problem::reason).toList());
        assertEquals(List.of(), problems(ir, GPU, Set.of("jl_rt_*")));
        assertEquals(List.of(), problems(ir, ValidationRules.permissive(), Set.of()));
    }

    @Test
    void deadCodeIsNotHeldAgainstTheModule() {
        String ir = """
                declare void @mystery()
                define internal void @unused() {
                  call void @mystery()
                  ret void
                }
                define internal void @helper() {
                  call void @mystery()
                  ret void
                }
                define void @k() {
                  call void @helper()
                  ret void
                }
                """;
        List<Problem> found = problems(ir, GPU, Set.of());
        assertEquals(1, found.size(), found::toString);
        assertEquals("helper", found.get(0).function());
    }

    @Test
    void checkThrowsATypedLocatedError() {
        String ir = "declare void @mystery()\ndefine void @k() {\n  call void @mystery()\n  ret void\n}\n";
        try (Context ctx = Context.create(); Module m = ctx.parseText(ir, "v")) {
            InvalidIrForTarget e = assertThrows(InvalidIrForTarget.class,
                    () -> new Validator(GPU, Set.of()).check(m, List.of("k"), "ptx:sm_75"));
            assertEquals("ptx:sm_75", e.target());
            assertTrue(e.getMessage().contains("unknown-function in function @k: call to an unknown function @mystery"),
                    e.getMessage());
        }
    }

    @Test
    void backendsAddTheirOwnChecks() {
        String ir = "define void @k(ptr %p) {\n  store atomic i32 0, ptr %p seq_cst, align 4\n  ret void\n}\n";
        Validator.Check noAtomicStores = i -> i.opcode() == Opcode.STORE && i.toString().contains("atomic")
                ? List.of(new Problem("atomic-store", i.function().name(), i.toString(), "no atomic stores here"))
                : List.of();
        try (Context ctx = Context.create(); Module m = ctx.parseText(ir, "v")) {
            List<Problem> found = new Validator(GPU, Set.of(), List.of(noAtomicStores)).problems(m, List.of("k"));
            assertEquals(List.of("atomic-store"), found.stream().map(Problem::reason).toList());
        }
    }
}
