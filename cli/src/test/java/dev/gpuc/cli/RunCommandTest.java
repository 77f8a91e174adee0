package dev.gpuc.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gpuc run}: the result alone on the last line, bound to the session's runtime values,
 * whether the code was compiled now, found in the cache, or written earlier with {@code -o}.
 */
class RunCommandTest {
    /** The addresses in corpus/runtime-globals/runtime-values.json (session A). */
    static final long A_X = 0x7f8ae79ab4cbL;
    static final long A_NOTHING = 0x7f8ae7225010L;
    /** Session B: the same keys elsewhere. */
    static final long B_X = 0x5581_2000_0040L;
    static final long B_NOTHING = 0x5581_2000_0080L;

    @TempDir
    Path tmp;

    @Test
    void printsTheResultAloneOnTheLastLineInDecimal() {
        Cli.Result r = run(Cli.corpus("runtime-globals/symbol-compare.ll"), "address_of_x",
                Cli.corpus("runtime-globals/runtime-values.json"));
        assertEquals(0, r.exit(), r.toString());
        assertEquals(Long.toString(A_X), r.out().strip());
        Cli.Result isX = Cli.run("run", Cli.corpus("runtime-globals/symbol-compare.ll"), "--function", "is_x",
                "--arg", "ptr:0x" + Long.toHexString(A_X), "--runtime-values", Cli.corpus("runtime-globals/runtime-values.json"),
                "--cache-dir", tmp.resolve("cache"));
        assertEquals("1", isX.lastLine(), isX.toString());
    }

    @Test
    void aLaterSessionHitsTheCacheAndUsesItsOwnAddresses() throws IOException {
        Path cache = tmp.resolve("cache");
        Map<?, ?> first = json(Cli.run("run", Cli.corpus("runtime-globals/symbol-compare.ll"), "--function", "address_of_x",
                "--runtime-values", Cli.corpus("runtime-globals/runtime-values.json"), "--relocation", "patch",
                "--cache-dir", cache, "--json"));
        assertEquals("miss", first.get("cache"));
        assertEquals(Long.toString(A_X), first.get("result"));

        Map<?, ?> second = json(Cli.run("run", sessionB(), "--function", "address_of_x", "--runtime-values",
                valuesB(true), "--relocation", "patch", "--cache-dir", cache, "--json"));
        assertEquals("hit", second.get("cache"), second.toString());
        assertEquals(false, second.get("codegen"));
        assertEquals(first.get("key"), second.get("key"));
        assertEquals(Long.toString(B_X), second.get("result"));
    }

    @Test
    void anArtifactWrittenWithDashOIsRunInALaterSessionWithItsValues() throws IOException {
        Path out = compiledSymbolCompare("import");
        Cli.Result r = run(out, "address_of_x", valuesB(true));
        assertEquals(0, r.exit(), r.toString());
        assertEquals(Long.toString(B_X), r.lastLine());
        Cli.Result nothing = Cli.run("run", out, "--function", "is_nothing", "--arg", "ptr:" + B_NOTHING,
                "--runtime-values", valuesB(true));
        assertEquals("1", nothing.lastLine(), nothing.toString());
    }

    @Test
    void aKeyMissingFromTheSessionIsAnUnresolvedRuntimeValue() throws IOException {
        Path out = compiledSymbolCompare("patch");
        Cli.Result r = run(out, "address_of_x", valuesB(false));
        assertEquals(1, r.exit(), r.toString());
        assertEquals("", r.out());
        assertEquals(1, r.errLines().size(), r.toString());
        assertTrue(r.errLines().get(0).startsWith("error[unresolved-runtime-value]: "), r.toString());
        assertTrue(r.err().contains("Core.nothing"), r.toString());
    }

    @Test
    void aBakedArtifactRefusesOtherAddresses() throws IOException {
        Path out = compiledSymbolCompare("bake");
        Cli.Result r = run(out, "address_of_x", valuesB(true));
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.errLines().get(0).startsWith("error[unresolved-runtime-value]: "), r.toString());
    }

    @Test
    void anAlteredArtifactIsRefused() throws IOException {
        Path out = tmp.resolve("sc.o");
        Cli.run("compile", Cli.corpus("kernels/saxpy.cpu.ll"), "--target", "cpu", "-o", out, "--no-cache");
        byte[] bytes = Files.readAllBytes(out);
        bytes[bytes.length / 2] ^= 1;
        Files.write(out, bytes);
        Cli.Result r = Cli.run("run", out, "--function", "saxpy", "--arg", "f32:1", "--arg", "ptr:0", "--arg", "ptr:0",
                "--arg", "i64:0");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.errLines().get(0).startsWith("error[cache-corruption]: "), r.toString());
    }

    @Test
    void floatingPointArgumentsAndVoidResults() {
        Cli.Result r = Cli.run("run", Cli.corpus("kernels/saxpy.cpu.ll"), "--function", "saxpy", "--arg", "f32:2.5",
                "--arg", "ptr:0", "--arg", "ptr:0", "--arg", "i64:0", "--no-cache");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("void", r.lastLine());
    }

    @Test
    void usageErrors() {
        Path sc = Cli.corpus("runtime-globals/symbol-compare.ll");
        CompileCommandTest.assertUsage(Cli.run("run", sc, "--function", "nope", "--no-cache"), "entry point @nope not found");
        CompileCommandTest.assertUsage(Cli.run("run", sc, "--function", "is_x", "--arg", "ptr", "--no-cache"), "--arg takes");
        CompileCommandTest.assertUsage(Cli.run("run", sc, "--function", "is_x", "--arg", "i64:0x", "--no-cache"), "not a valid i64");
        CompileCommandTest.assertUsage(Cli.run("run", sc, "--function", "is_x", "--no-cache"), "takes 1 argument");
        CompileCommandTest.assertUsage(Cli.run("run", sc, "--function", "is_x", "--relocation", "table", "--no-cache"), "TABLE");
        CompileCommandTest.assertUsage(Cli.run("run", sc, "--function", "is_x", "--runtime-values", Cli.corpus("kernels/saxpy.cpu.ll")),
                "bad runtime-values file");
    }

    /** symbol-compare compiled in session A with {@code -o}, for later sessions to run. */
    private Path compiledSymbolCompare(String relocation) {
        Path out = tmp.resolve("sc-" + relocation + ".o");
        Cli.Result r = Cli.run("compile", Cli.corpus("runtime-globals/symbol-compare.ll"), "--target", "cpu", "-o", out,
                "--runtime-values", Cli.corpus("runtime-globals/runtime-values.json"), "--relocation", relocation,
                "--no-cache");
        assertEquals(0, r.exit(), r.toString());
        return out;
    }

    private Cli.Result run(Path input, String function, Path values) {
        return Cli.run("run", input, "--function", function, "--runtime-values", values, "--cache-dir", tmp.resolve("cache"));
    }

    /** symbol-compare as a front end of session B emits it: B's addresses baked in. */
    private Path sessionB() throws IOException {
        String text = Files.readString(Cli.corpus("runtime-globals/symbol-compare.ll"))
                .replace(Long.toString(A_X), Long.toString(B_X)).replace(Long.toString(A_NOTHING), Long.toString(B_NOTHING));
        return Files.writeString(tmp.resolve("symbol-compare-b.ll"), text);
    }

    private Path valuesB(boolean withNothing) throws IOException {
        String values = "{\"values\": [{\"key\": \"Symbol:x\", \"address\": \"0x" + Long.toHexString(B_X) + "\"}"
                + (withNothing ? ", {\"key\": \"Core.nothing\", \"address\": \"0x" + Long.toHexString(B_NOTHING) + "\"}" : "")
                + "]}";
        return Files.writeString(tmp.resolve(withNothing ? "values-b.json" : "values-b-partial.json"), values);
    }

    private static Map<?, ?> json(Cli.Result r) {
        assertEquals(0, r.exit(), r.toString());
        return (Map<?, ?>) Json.parse(r.out());
    }
}
