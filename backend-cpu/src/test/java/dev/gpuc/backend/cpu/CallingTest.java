package dev.gpuc.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.RuntimeValues;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every scalar kind crosses the uniform wrapper both ways; bad calls are refused before native code runs. */
class CallingTest {
    static final String IR = """
            define i8 @neg8(i8 %x) {
              %r = sub i8 0, %x
              ret i8 %r
            }
            define i16 @add16(i16 %a, i16 %b) {
              %r = add i16 %a, %b
              ret i16 %r
            }
            define i32 @sub32(i32 %a, i32 %b) {
              %r = sub i32 %a, %b
              ret i32 %r
            }
            define i1 @is_odd(i64 %x) {
              %r = trunc i64 %x to i1
              ret i1 %r
            }
            define float @halve(float %x) {
              %r = fmul float %x, 0.5
              ret float %r
            }
            define double @hypot2(double %a, double %b) {
              %aa = fmul double %a, %a
              %bb = fmul double %b, %b
              %s = fadd double %aa, %bb
              %r = call double @llvm.sqrt.f64(double %s)
              ret double %r
            }
            declare double @llvm.sqrt.f64(double)
            define ptr @offset(ptr %p, i64 %n) {
              %r = getelementptr i8, ptr %p, i64 %n
              ret ptr %r
            }
            define i64 @mix(i8 %a, i16 %b, i32 %c, i64 %d, float %e, double %f, ptr %p, i1 %g) {
              %a64 = sext i8 %a to i64
              %b64 = sext i16 %b to i64
              %c64 = sext i32 %c to i64
              %e64 = fptosi float %e to i64
              %f64 = fptosi double %f to i64
              %p64 = ptrtoint ptr %p to i64
              %g64 = zext i1 %g to i64
              %s1 = add i64 %a64, %b64
              %s2 = add i64 %s1, %c64
              %s3 = add i64 %s2, %d
              %s4 = add i64 %s3, %e64
              %s5 = add i64 %s4, %f64
              %s6 = add i64 %s5, %p64
              %s7 = add i64 %s6, %g64
              ret i64 %s7
            }
            define i32 @sum10(i32 %a0, i32 %a1, i32 %a2, i32 %a3, i32 %a4, i32 %a5, i32 %a6, i32 %a7, i32 %a8, i32 %a9) {
              %s1 = add i32 %a0, %a1
              %s2 = add i32 %s1, %a2
              %s3 = add i32 %s2, %a3
              %s4 = add i32 %s3, %a4
              %s5 = add i32 %s4, %a5
              %s6 = add i32 %s5, %a6
              %s7 = add i32 %s6, %a7
              %s8 = add i32 %s7, %a8
              %s9 = add i32 %s8, %a9
              ret i32 %s9
            }
            define void @fill(ptr %p, i8 %v, i64 %n) {
              call void @llvm.memset.p0.i64(ptr %p, i8 %v, i64 %n, i1 false)
              ret void
            }
            declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
            define double @libm_cos(double %x) {
              %r = call double @cos(double %x)
              ret double %r
            }
            declare double @cos(double)
            """;

    static CpuModule module;

    @BeforeAll
    static void load() {
        module = new CpuLoader().load(ThroughPipeline.compile("calling.ll", IR), RuntimeValues.empty());
    }

    @AfterAll
    static void close() {
        module.close();
    }

    @Test
    void integersOfEachWidthComeBackSignExtended() {
        assertEquals(-100, module.call("neg8", (byte) 100));
        assertEquals(-128, module.callInt("neg8", -128)); // -(-128) wraps to -128 in i8
        assertEquals((int) Short.MIN_VALUE, module.call("add16", Short.MAX_VALUE, (short) 1));
        assertEquals(-5, module.callInt("sub32", 5, 10));
        assertEquals(-5L, module.callLong("sub32", 5, 10));
        assertEquals(Integer.MIN_VALUE, module.callInt("sub32", Integer.MAX_VALUE, -1));
        assertEquals(true, module.call("is_odd", 7L));
        assertEquals(false, module.call("is_odd", 8L));
        assertEquals(1L, module.callLong("is_odd", -1L));
    }

    @Test
    void floatsDoublesAndPointers() {
        assertEquals(1.25f, module.call("halve", 2.5f));
        assertEquals(1.25f, module.callFloat("halve", 2.5)); // a Double narrows to the float parameter
        assertEquals(1.25, module.callDouble("halve", 2.5f));
        assertEquals(5.0, module.call("hypot2", 3.0, 4.0));
        assertEquals(Math.cos(0.5), module.callDouble("libm_cos", 0.5)); // cos comes from the process
        try (LongPointer p = new LongPointer(4)) {
            assertEquals(p.address() + 24, module.call("offset", p, 24L));
            assertEquals(p.address() + 8 + 24, module.callLong("offset", p.position(1), 24L)); // position counts
            assertEquals(24L, module.callLong("offset", null, 24L));
        }
    }

    @Test
    void everyKindInOneCallIncludingStackArguments() {
        assertEquals(-1 + 2 - 3 + 4_000_000_000L + 5 + 6 + 0x1000 + 1,
                module.callLong("mix", (byte) -1, (short) 2, -3, 4_000_000_000L, 5.9f, 6.9, 0x1000L, true));
        assertEquals(55, module.callInt("sum10", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    }

    @Test
    void voidEntryPointsWriteThroughPointers() {
        try (BytePointer buffer = new BytePointer(16)) {
            buffer.fill(0);
            assertNull(module.call("fill", buffer, (byte) 0x5a, 10L)); // memset resolves to the process's libc
            for (int i = 0; i < 16; i++) {
                assertEquals(i < 10 ? 0x5a : 0, buffer.get(i));
            }
        }
    }

    @Test
    void badCallsAreRefusedWithTheSignature() {
        IllegalArgumentException arity = assertThrows(IllegalArgumentException.class, () -> module.call("sub32", 1));
        assertTrue(arity.getMessage().contains("sub32(i32, i32) -> i32 takes 2 arguments, got 1"), arity.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> module.call("sub32", 1, "2"));
        assertTrue(type.getMessage().contains("argument 1") && type.getMessage().contains("String"), type.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> module.call("neg8", 300));
        assertTrue(range.getMessage().contains("300 does not fit i8"), range.getMessage());
        assertThrows(IllegalArgumentException.class, () -> module.call("halve", 1));
        assertThrows(IllegalArgumentException.class, () -> module.call("offset", 1, 2L));
        IllegalArgumentException result = assertThrows(IllegalArgumentException.class, () -> module.callDouble("sub32", 1, 2));
        assertTrue(result.getMessage().contains("does not return a floating-point value"), result.getMessage());
        assertThrows(IllegalArgumentException.class, () -> module.callInt("mix", 0, 0, 0, 0L, 0f, 0.0, null, false));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> module.call("nope"));
        assertTrue(unknown.getMessage().contains("no entry point 'nope'") && unknown.getMessage().contains("sub32"));
    }
}
