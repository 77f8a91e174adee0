package dev.gpuc.ir;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.llvm.LLVM.LLVMValueRef;
import org.junit.jupiter.api.Test;

/** CStrings and PointerArrays: per-thread buffers that stand in for javacpp's costly allocations. */
class NativeBuffersTest {
    @Test
    void aCStringIsUtf8WithItsByteLengthAndATerminatingNul() {
        String s = "Symbol:πx";
        BytePointer p = CStrings.of(s);
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        assertEquals(utf8.length, p.limit());
        byte[] back = new byte[utf8.length + 1];
        p.get(back);
        assertArrayEquals(utf8, java.util.Arrays.copyOf(back, utf8.length));
        assertEquals(0, back[utf8.length]);
    }

    @Test
    void buffersGrowForLongStringsAndOneCallMayTakeSeveral() {
        String longName = "x".repeat(5000) + "ü";
        BytePointer a = CStrings.of("first");
        BytePointer b = CStrings.of(longName);
        BytePointer c = CStrings.of("third");
        assertEquals("first", a.getString());
        assertEquals(longName, b.getString(StandardCharsets.UTF_8));
        assertEquals("third", c.getString());
    }

    @Test
    void namesRoundTripThroughLlvmWithoutAllocating() {
        try (Context ctx = Context.create(); Module m = ctx.parseText("define void @f() {\n  ret void\n}\n", "n")) {
            Function f = m.function("f").orElseThrow();
            String name = "kernel ü \"quoted\" " + "y".repeat(300);
            f.setName(name);
            assertEquals(name, f.name());
            assertTrue(m.function(name).isPresent(), "looked up through a C string");
            assertEquals(name, ValueNames.of(f.unwrap()));
        }
    }

    @Test
    void pointerArraysHoldWhatTheyAreGivenAndGrow() {
        try (Context ctx = Context.create(); Module m = ctx.parseText("@a = global i32 1\n@b = global i32 2\n", "p")) {
            LLVMValueRef a = m.global("a").orElseThrow().unwrap();
            LLVMValueRef b = m.global("b").orElseThrow().unwrap();
            PointerPointer<LLVMValueRef> two = PointerArrays.of(a, b);
            assertEquals(a.address(), two.get(LLVMValueRef.class, 0).address());
            assertEquals(b.address(), two.get(LLVMValueRef.class, 1).address());
            PointerPointer<LLVMValueRef> many = PointerArrays.scratch(1000);
            assertTrue(many.capacity() >= 1000);
        }
    }

    @Test
    void eachThreadHasItsOwnBuffers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String mine = "thread-" + t + "-";
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        String s = mine + i;
                        if (!CStrings.of(s).getString().equals(s)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
