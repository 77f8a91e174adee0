package dev.gpuc.passes;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.api.UnresolvedRuntimeValue;
import dev.gpuc.ir.Context;
import dev.gpuc.ir.Module;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What extraction does with addresses it cannot take out cleanly, and with odd but valid IR. */
class ExtractionEdgeCasesTest {
    static final long A = 0x7f00_0000_1230L;
    static final RuntimeValues VALUES = RuntimeValues.of(Map.of("Symbol:a", A));

    private static ExtractionResult extract(String ir, Module[] keep, Context ctx) {
        keep[0] = ctx.parseText(ir.replace("$A", Long.toString(A)), "e");
        ExtractionResult r = new RuntimeGlobalExtraction(VALUES).extract(keep[0]);
        keep[0].verify();
        return r;
    }

    @Test
    void anAddressInsideAnAggregateGlobalIsReportedNotHalfExtracted() {
        String ir = """
                @pair = private constant [2 x ptr] [ptr inttoptr (i64 $A to ptr), ptr null]
                define ptr @f() {
                  %p = load ptr, ptr @pair
                  ret ptr %p
                }
                """;
        try (Context ctx = Context.create()) {
            Module[] m = new Module[1];
            ExtractionResult r = extract(ir, m, ctx);
            assertFalse(r.portable());
            assertFalse(r.changed(), "nothing is touched when the global cannot be extracted");
            RemainingAddress left = r.remaining().get(0);
            assertEquals("Symbol:a", left.key());
            assertEquals("initializer of @pair", left.location());
            assertTrue(left.reason().contains("[2 x ptr]"), left.reason());
            assertTrue(r.table().isEmpty());
        }
    }

    @Test
    void aMutableGlobalThatIsStoredToIsReported() {
        String ir = """
                @cell = internal global ptr inttoptr (i64 $A to ptr)
                define void @f(ptr %v) {
                  store ptr %v, ptr @cell
                  ret void
                }
                """;
        try (Context ctx = Context.create()) {
            Module[] m = new Module[1];
            ExtractionResult r = extract(ir, m, ctx);
            assertFalse(r.portable());
            assertTrue(r.remaining().get(0).reason().contains("mutable"), r.remaining().toString());
        }
    }

    @Test
    void aPhiListingOneBlockTwiceGetsOneValue() {
        String ir = """
                define ptr @f(i32 %x) {
                entry:
                  switch i32 %x, label %other [ i32 0, label %join
                                                i32 1, label %join ]
                other:
                  br label %join
                join:
                  %p = phi ptr [ inttoptr (i64 $A to ptr), %entry ], [ inttoptr (i64 $A to ptr), %entry ], [ null, %other ]
                  ret ptr %p
                }
                """;
        try (Context ctx = Context.create()) {
            Module[] m = new Module[1];
            ExtractionResult r = extract(ir, m, ctx);
            assertTrue(r.portable());
            assertFalse(m[0].print().contains(Long.toString(A)));
        }
    }

    @Test
    void anUnknownAddressBesideAKnownOneStaysInTheRebuiltCodeAndIsReported() {
        // The known address is taken out; the unknown one ends up in an instruction extraction made.
        String ir = """
                define { ptr, ptr } @f() {
                  ret { ptr, ptr } { ptr inttoptr (i64 $A to ptr), ptr inttoptr (i64 4660 to ptr) }
                }
                define ptr @g() {
                  ret ptr inttoptr (i64 4660 to ptr)
                }
                """;
        try (Context ctx = Context.create()) {
            Module[] m = new Module[1];
            ExtractionResult r = extract(ir, m, ctx);
            assertFalse(r.portable());
            assertEquals(List.of("Symbol:a"), r.table().slots().stream().map(s -> s.key()).toList());
            assertEquals(List.of("f:4660", "g:4660"),
                    r.remaining().stream().map(a -> a.function() + ":" + a.address()).toList(), r.remaining()::toString);
            RemainingAddress inRebuilt = r.remaining().get(0);
            assertEquals("", inRebuilt.key());
            assertTrue(inRebuilt.location().startsWith("%"), "an instruction extraction made: " + inRebuilt.location());
            assertTrue(inRebuilt.location().contains("4660"), inRebuilt.location());
            assertTrue(inRebuilt.reason().contains("not known"), inRebuilt.reason());
            assertFalse(m[0].print().contains(Long.toString(A)));
        }
    }

    @Test
    void anAddressInAPhiIncomingFromALaterBlockIsExtracted() {
        // The rebuilt code goes into the incoming block, which the walk has not reached yet.
        String ir = """
                define { ptr, ptr } @f(i1 %c) {
                entry:
                  br label %head
                head:
                  %p = phi { ptr, ptr } [ zeroinitializer, %entry ], [ { ptr inttoptr (i64 $A to ptr), ptr inttoptr (i64 4660 to ptr) }, %latch ]
                  br i1 %c, label %latch, label %exit
                latch:
                  br label %head
                exit:
                  ret { ptr, ptr } %p
                }
                """;
        try (Context ctx = Context.create()) {
            Module[] m = new Module[1];
            ExtractionResult r = extract(ir, m, ctx);
            assertEquals(1, r.table().slots().size());
            assertEquals(List.of(4660L), r.remaining().stream().map(RemainingAddress::address).toList(),
                    "reported once, though the walk passes the rebuilt code again: " + r.remaining());
            assertFalse(m[0].print().contains(Long.toString(A)));
        }
    }

    @Test
    void theSameKeyReadAsAnotherTypeConvertsBitForBit() {
        String ir = """
                define i64 @f() {
                  %a = ptrtoint ptr addrspace(1) inttoptr (i64 $A to ptr addrspace(1)) to i64
                  ret i64 %a
                }
                define i1 @g(ptr %v) {
                  %c = icmp eq ptr %v, inttoptr (i64 $A to ptr)
                  ret i1 %c
                }
                """;
        try (Context ctx = Context.create()) {
            Module[] m = new Module[1];
            ExtractionResult r = extract(ir, m, ctx);
            assertTrue(r.portable(), r.remaining()::toString);
            assertEquals(1, r.table().slots().size(), "one slot per key, whatever the types");
            String text = m[0].print();
            assertTrue(text.contains("ptrtoint ptr addrspace(1)"), text);
            assertTrue(text.contains("inttoptr i64"), text);
        }
    }

    @Test
    void aSlotWhoseKeyThisSessionLacksIsAnError() {
        String ir = "define ptr @f() {\n  %p = inttoptr i64 $A to ptr\n  ret ptr %p\n}\n";
        try (Context ctx = Context.create()) {
            Module[] m = new Module[1];
            extract(ir, m, ctx);
            UnresolvedRuntimeValue e = assertThrows(UnresolvedRuntimeValue.class,
                    () -> new RuntimeGlobalExtraction(RuntimeValues.empty()).extract(m[0]));
            assertTrue(e.getMessage().contains("Symbol:a"), e.getMessage());
        }
    }

    @Test
    void sourcesDecideWhetherTheCodeIsSearched() {
        String ir = "define ptr @f() {\n  ret ptr inttoptr (i64 $A to ptr)\n}\n".replace("$A", Long.toString(A));
        ModuleSource text = ModuleSource.ofText("t.ll", ir);
        try (Context ctx = Context.create()) {
            Module fromText = ctx.parse(text.bytes(), "t");
            byte[] bitcode = fromText.bitcode();
            ExtractionResult r = new RuntimeGlobalExtraction(VALUES).extract(fromText, List.of(text));
            assertEquals(1, r.table().slots().size(), "text that says inttoptr is searched");

            Module fromBitcode = ctx.parse(bitcode, "b");
            ExtractionResult rb = new RuntimeGlobalExtraction(VALUES)
                    .extract(fromBitcode, List.of(new ModuleSource("b.bc", bitcode)));
            assertEquals(1, rb.table().slots().size(), "bitcode is always searched");

            // The extracted module, as text, no longer says inttoptr: its slots are still taken over.
            ModuleSource extracted = ModuleSource.ofText("x.ll", fromText.print());
            Module again = ctx.parse(extracted.bytes(), "x");
            ExtractionResult ra = new RuntimeGlobalExtraction(VALUES).extract(again, List.of(extracted));
            assertEquals(r.table(), ra.table());
            assertTrue(ra.portable());
        }
    }

    @Test
    void slotNamesDependOnTheKeyAloneAndAreAlwaysPortable() {
        assertEquals(SlotNames.forKey("Symbol:x"), SlotNames.forKey("Symbol:x"));
        assertNotEquals(SlotNames.forKey("Symbol:x"), SlotNames.forKey("Symbol.x"), "same readable part, other hash");
        assertTrue(SlotNames.forKey("Symbol:x").startsWith("gpuc_rt_Symbol_x_"));
        assertTrue(SlotNames.isPortable(SlotNames.forKey("ü∂ #+. " + "x".repeat(200))));
        assertEquals(SlotNames.forKey("k") + "_2", SlotNames.forKey("k", n -> n.equals(SlotNames.forKey("k"))));
    }
}
