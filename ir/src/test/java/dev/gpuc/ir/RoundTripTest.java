package dev.gpuc.ir;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {
    static Stream<Path> modules() {
        return ParseTest.wellFormed();
    }

    /**
     * Text → bitcode → text prints the same. One LLVM rule shows: the bitcode reader gives an
     * AMDGPU or SPIR-V module that had no data layout its target's default, so the data layout
     * line is compared only where the source had one.
     */
    @ParameterizedTest
    @MethodSource("modules")
    void textToBitcodeAndBackPrintsTheSame(Path file) {
        try (Context ctx = Context.create(); Module text = ctx.parse(file)) {
            byte[] bitcode = text.bitcode();
            assertEquals("BC", new String(bitcode, 0, 2, java.nio.charset.StandardCharsets.US_ASCII));
            try (Module fromBitcode = ctx.parse(bitcode, file.toString());
                 Module reparsed = ctx.parseText(fromBitcode.print(), file.toString());
                 Module again = ctx.parse(reparsed.bitcode(), file.toString())) {
                if (text.dataLayout().isEmpty()) {
                    assertEquals(withoutDataLayout(text.print()), withoutDataLayout(fromBitcode.print()));
                } else {
                    assertEquals(text.print(), fromBitcode.print());
                }
                assertEquals(fromBitcode.print(), reparsed.print());
                assertEquals(fromBitcode.print(), again.print());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("modules")
    void bitcodeIsDeterministicForTheSameInput(Path file) {
        try (Context ctx = Context.create(); Module a = ctx.parse(file); Module b = ctx.parse(file)) {
            byte[] bitcode = a.bitcode();
            assertArrayEquals(bitcode, b.bitcode());
            try (Module c = ctx.parse(bitcode, "c"); Module d = ctx.parse(bitcode, "d")) {
                assertArrayEquals(c.bitcode(), d.bitcode());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("modules")
    void bitcodeCrossesContexts(Path file) {
        byte[] bitcode;
        String printed;
        try (Context a = Context.create(); Module m = a.parse(file)) {
            bitcode = m.bitcode();
            printed = m.print();
        }
        try (Context b = Context.create(); Module m = b.parse(bitcode, file.toString());
             Module text = b.parseText(printed, file.toString())) {
            assertEquals(withoutDataLayout(printed), withoutDataLayout(m.print()));
            assertEquals(text.print(), printed);
        }
    }

    @ParameterizedTest
    @MethodSource("modules")
    void copyIsDeepAndEqual(Path file) {
        try (Context ctx = Context.create(); Module m = ctx.parse(file); Module copy = m.copy()) {
            assertEquals(m.print(), copy.print());
            copy.functions().get(0).setName("renamed_in_copy");
            assertFalse(m.print().contains("renamed_in_copy"));
        }
    }

    private static String withoutDataLayout(String ir) {
        return ir.replaceAll("(?m)^target datalayout = .*\\n", "");
    }
}
