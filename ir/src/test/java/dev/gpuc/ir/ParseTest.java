package dev.gpuc.ir;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ParseTest {
    static List<Path> malformed() {
        List<Path> files = Corpus.files("malformed", "");
        assertTrue(files.size() >= 7, "corpus/malformed holds " + files);
        return files;
    }

    static Stream<Path> wellFormed() {
        return Stream.concat(Corpus.files("kernels", ".ll").stream(), Corpus.files("runtime-globals", ".ll").stream());
    }

    /** Parse, then verify: every malformed input fails with a typed error that names it and says why. */
    @ParameterizedTest
    @MethodSource("malformed")
    void everyMalformedInputIsATypedError(Path file) {
        LlvmException e = assertThrows(LlvmException.class, () -> {
            try (Context ctx = Context.create(); Module m = ctx.parse(file)) {
                m.verify();
            }
        });
        assertTrue(e instanceof ParseException || e instanceof VerificationException, e::toString);
        assertTrue(e.getMessage().startsWith(file.toString()), e::getMessage);
        String why = e.getMessage().substring(file.toString().length()).replaceAll("^[:0-9 ]+", "");
        assertTrue(why.length() >= 10, () -> "message says too little: " + e.getMessage());
    }

    @Test
    void syntaxErrorCarriesLineAndColumn() {
        ParseException e = parseFails("syntax-error.ll");
        assertEquals(1, e.line().orElseThrow());
        assertEquals(23, e.column().orElseThrow());
        assertTrue(e.getMessage().endsWith("syntax-error.ll:1:23: expected ')' at end of argument list"), e.getMessage());
    }

    @Test
    void typeMismatchCarriesLineAndColumn() {
        ParseException e = parseFails("type-mismatch.ll");
        assertEquals(3, e.line().orElseThrow());
        assertEquals(7, e.column().orElseThrow());
        assertTrue(e.getMessage().contains("doesn't match function result type 'i32'"), e.getMessage());
    }

    @Test
    void blockWithoutTerminatorIsRejectedByTheParser() {
        // LLVM's parser, not its verifier, rejects a block without terminator: line 7 is the '}'.
        ParseException e = parseFails("fails-verifier.ll");
        assertEquals(7, e.line().orElseThrow());
        assertTrue(e.getMessage().contains("expected instruction opcode"), e.getMessage());
    }

    @Test
    void emptyInputSaysSo() {
        ParseException e = parseFails("empty.ll");
        assertTrue(e.line().isEmpty());
        assertTrue(e.getMessage().contains("empty input"), e.getMessage());
    }

    @Test
    void badBitcodeIsNamedAsBitcode() {
        for (String name : List.of("bitcode-header-only.bc", "truncated.bc")) {
            ParseException e = parseFails(name);
            assertTrue(e.line().isEmpty(), "bitcode has no lines");
            assertTrue(e.getMessage().contains(": invalid bitcode: "), e.getMessage());
        }
    }

    @Test
    void binaryGarbageIsNamedAsBinary() {
        ParseException e = parseFails("random-bytes.bin");
        assertTrue(e.getMessage().contains("binary data, neither LLVM IR text nor bitcode"), e.getMessage());
    }

    @Test
    void sourceNamesWithColonsDoNotConfuseTheLocation() {
        try (Context ctx = Context.create()) {
            ParseException e = assertThrows(ParseException.class,
                    () -> ctx.parseText("\n\ndefine void @k(ptr %p {\n", "job 7:12:3: error: x.ll"));
            assertEquals("job 7:12:3: error: x.ll", e.source());
            assertEquals(3, e.line().orElseThrow());
            assertEquals(23, e.column().orElseThrow());
        }
    }

    @Test
    void nonAsciiSourceNamesSurviveIntoErrorsAndModules() {
        // LLVM's text is UTF-8 whatever the JVM's default charset is (ASCII under a POSIX locale).
        try (Context ctx = Context.create()) {
            ParseException e = assertThrows(ParseException.class, () -> ctx.parseText("\n@x = global i32 %y\n", "caf\u00e9.ll"));
            assertEquals("caf\u00e9.ll", e.source());
            assertEquals(2, e.line().orElseThrow());
            try (Module m = ctx.parseText("@x = global i32 1\n", "caf\u00e9.ll"); Module n = ctx.createModule("\u00fcber")) {
                assertEquals("caf\u00e9.ll", m.name());
                assertEquals("\u00fcber", n.name());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("wellFormed")
    void corpusKernelsParseAndVerify(Path file) throws Exception {
        try (Context ctx = Context.create(); Module m = ctx.parse(file)) {
            m.verify();
            assertFalse(m.functions().isEmpty(), "no functions in " + file);
            try (Module fromStream = ctx.parse(new ByteArrayInputStream(Files.readAllBytes(file)), file.toString())) {
                assertEquals(m.print(), fromStream.print());
            }
        }
    }

    @Test
    void unreadableFileIsAnIoError() {
        try (Context ctx = Context.create()) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ctx.parse(Path.of("/no/such/file.ll")));
            assertTrue(e.getMessage().contains("/no/such/file.ll"));
        }
    }

    @Test
    void textWithNonAsciiNamesParses() {
        try (Context ctx = Context.create();
             Module m = ctx.parse("@\"caf\u00e9\" = global i32 1\n".getBytes(StandardCharsets.UTF_8), "utf8.ll")) {
            assertEquals("caf\u00e9", m.globals().get(0).name());
        }
    }

    private static ParseException parseFails(String name) {
        Path file = Corpus.dir("malformed").resolve(name);
        try (Context ctx = Context.create()) {
            return assertThrows(ParseException.class, () -> ctx.parse(file));
        }
    }
}
