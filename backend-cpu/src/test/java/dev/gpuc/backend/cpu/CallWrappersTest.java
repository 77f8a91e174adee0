package dev.gpuc.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.UnsupportedFeature;
import dev.gpuc.ir.Context;
import dev.gpuc.ir.Module;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallWrappersTest {
    @Test
    void wrapperAndSignatureAreAddedAndVerify() {
        try (Context c = Context.create(); Module m = c.parseText("""
                define fastcc i16 @f(i16 %a, float %b, ptr %c) {
                  ret i16 %a
                }
                """, "w.ll")) {
            Signature s = CallWrappers.add(m, "f", "f");
            assertEquals("i16,f32,ptr->i16", s.encode());
            m.verify();
            String ir = m.print();
            assertTrue(ir.contains("define void @f__gpuc_call(ptr %0, ptr %1)"), ir);
            assertTrue(ir.contains("call fastcc i16 @f("), "the call keeps the entry's convention:\n" + ir);
            assertTrue(ir.contains("sext i16 %result to i64"), ir);
            assertTrue(ir.contains("@f__gpuc_signature = constant [17 x i8] c\"i16,f32,ptr->i16\\00\""), ir);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "define <4 x float> @f() { ret <4 x float> zeroinitializer }       | returns <4 x float>",
            "define void @f({i32, i32} %s) { ret void }                         | parameter 0 has type { i32, i32 }",
            "define void @f(i128 %x) { ret void }                               | parameter 0 has type i128",
            "define void @f(ptr addrspace(1) %p) { ret void }                   | parameter 0 has type ptr addrspace(1)",
            "define void @f(ptr byval(i64) %p) { ret void }                     | parameter 0 is byval",
            "define void @f(i32 %n, ...) { ret void }                           | is variadic",
            "define half @f() { ret half 0.0 }                                  | returns half",
    })
    void entryPointsJavaCannotCallAreRefusedByName(String ir, String why) {
        try (Context c = Context.create(); Module m = c.parseText(ir, "bad.ll")) {
            UnsupportedFeature e = assertThrows(UnsupportedFeature.class, () -> CallWrappers.add(m, "f", "f"));
            assertTrue(e.getMessage().startsWith("entry point @f " + why), e.getMessage());
        }
    }

    @Test
    void aModuleThatAlreadyUsesTheReservedNameIsRefused() {
        try (Context c = Context.create(); Module m = c.parseText("""
                define void @f() { ret void }
                define void @f__gpuc_call(ptr %a, ptr %b) { ret void }
                """, "clash.ll")) {
            UnsupportedFeature e = assertThrows(UnsupportedFeature.class, () -> CallWrappers.add(m, "f", "f"));
            assertTrue(e.getMessage().contains("@f__gpuc_call"), e.getMessage());
        }
    }
}
