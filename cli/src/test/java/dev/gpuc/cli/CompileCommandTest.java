package dev.gpuc.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.ArtifactCodec;
import dev.gpuc.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CompileCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheRawObjectAndASidecarWithTheRelocationTable() throws IOException {
        Path out = tmp.resolve("sc.o");
        Cli.Result r = Cli.run("compile", Cli.corpus("runtime-globals/symbol-compare.ll"), "--target", "cpu", "-o", out,
                "--runtime-values", Cli.corpus("runtime-globals/runtime-values.json"), "--relocation", "patch",
                "--no-cache");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", r.out(), "quiet on success");
        assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, Arrays.copyOf(Files.readAllBytes(out), 4));
        Map<?, ?> sidecar = ArtifactCodec.parseHeader(Files.readString(tmp.resolve("sc.o.gpuc.json")));
        assertEquals("PATCH", sidecar.get("strategy"));
        List<?> slots = (List<?>) sidecar.get("relocations");
        assertEquals(List.of("Core.nothing", "Symbol:x"), slots.stream().map(s -> ((Map<?, ?>) s).get("key")).sorted().toList());
        Map<?, ?> payload = (Map<?, ?>) ((List<?>) sidecar.get("payloads")).get(0);
        assertEquals(Files.size(out), payload.get("size"));
    }

    @Test
    void jsonSaysMissThenHitWithTheReasonStrategyAndTimings() {
        Path cache = tmp.resolve("cache");
        Object[] args = {"compile", Cli.corpus("kernels/saxpy.cpu.ll"), "--target", "cpu", "--out-dir", tmp.resolve("out"),
                "--cache-dir", cache, "--json", "-O1"};
        Map<?, ?> first = single(Cli.run(args));
        assertEquals("miss", first.get("cache"));
        assertEquals(true, first.get("codegen"));
        assertTrue(((String) first.get("cacheReason")).startsWith("not in memory, disk:"), first.toString());
        assertEquals("IMPORT", first.get("strategy"), "the CPU backend's preferred strategy");
        List<?> stages = ((List<?>) first.get("timings")).stream().map(t -> ((Map<?, ?>) t).get("stage")).toList();
        assertTrue(stages.containsAll(List.of("parse", "extract", "optimize", "emit", "cache-store")), stages.toString());
        assertEquals(List.of(tmp.resolve("out/saxpy.cpu.o").toString(), tmp.resolve("out/saxpy.cpu.o.gpuc.json").toString()),
                first.get("outputs"));

        Map<?, ?> second = single(Cli.run(args));
        assertEquals("hit", second.get("cache"));
        assertEquals("found in disk:" + cache.toAbsolutePath(), second.get("cacheReason"));
        assertEquals(false, second.get("codegen"));
        assertEquals(first.get("key"), second.get("key"));
    }

    @Test
    void bakeWithRuntimeGlobalsBypassesTheCacheAndSaysWhy() {
        Map<?, ?> r = single(Cli.run("compile", Cli.corpus("runtime-globals/symbol-compare.ll"), "--target", "cpu",
                "--out-dir", tmp, "--runtime-values", Cli.corpus("runtime-globals/runtime-values.json"),
                "--relocation", "bake", "--cache-dir", tmp.resolve("cache"), "--json"));
        assertEquals("bypass", r.get("cache"));
        assertTrue(((String) r.get("cacheReason")).contains("BAKE"), r.toString());
    }

    @Test
    void severalInputsGoToTheOutputDirectoryAndFailuresAreReportedPerInput() {
        Cli.Result r = Cli.run("compile", Cli.corpus("kernels/saxpy.cpu.ll"), Cli.corpus("malformed/syntax-error.ll"),
                Cli.corpus("runtime-globals/symbol-compare.ll"), "--target", "cpu", "--out-dir", tmp, "--no-cache", "-j", "2",
                "--time-report");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(Files.exists(tmp.resolve("saxpy.cpu.o")));
        assertTrue(Files.exists(tmp.resolve("symbol-compare.o")));
        List<String> errors = r.errLines().stream().filter(l -> l.startsWith("error[")).toList();
        assertEquals(1, errors.size(), r.toString());
        assertTrue(errors.get(0).startsWith("error[invalid-ir]: " + Cli.corpus("malformed/syntax-error.ll")), errors.get(0));
        assertTrue(r.err().contains("time report for " + Cli.corpus("kernels/saxpy.cpu.ll")), r.err());
    }

    static Stream<Path> malformed() throws IOException {
        try (Stream<Path> files = Files.list(Cli.corpus("malformed"))) {
            return files.sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void everyMalformedInputIsOneErrorLineAndExitCode1(Path input) {
        Cli.Result r = Cli.run("compile", input, "--target", "cpu", "--out-dir", tmp, "--no-cache");
        assertEquals(1, r.exit(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        String line = r.errLines().get(0);
        assertTrue(line.matches("error\\[[a-z-]+\\]: .+"), line);
        assertTrue(line.contains(input.toString()), "names the input: " + line);
        assertFalse(line.contains("Exception"), line);
        try (Stream<Path> written = Files.list(tmp)) {
            assertEquals(0, written.count(), "no partial output");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aSyntaxErrorNamesTheLineAndColumn() {
        Cli.Result r = Cli.run("compile", Cli.corpus("malformed/syntax-error.ll"), "--target", "cpu", "--no-cache",
                "--out-dir", tmp);
        assertTrue(r.errLines().get(0).startsWith("error[invalid-ir]: " + Cli.corpus("malformed/syntax-error.ll") + ":1:"),
                r.errLines().get(0));
    }

    @Test
    void usageErrorsExitWith2() {
        Path saxpy = Cli.corpus("kernels/saxpy.cpu.ll");
        assertUsage(Cli.run("compile", saxpy, "--target", "quantum", "--no-cache"), "unknown target 'quantum'");
        assertUsage(Cli.run("compile", saxpy, "--target", "cpu", "--entry", "nope", "--no-cache", "--out-dir", tmp),
                "entry point @nope not found");
        assertUsage(Cli.run("compile", saxpy, "--target", "cpu", "--entry", "nope", "--isolate", "--no-cache", "--out-dir",
                tmp), "entry point @nope not found");
        assertUsage(Cli.run("compile", saxpy, saxpy, "--target", "cpu", "-o", tmp.resolve("x.o"), "--no-cache"), "-o names one output");
        assertUsage(Cli.run("compile", saxpy, "--target", "cpu", "-O5", "--no-cache"), "-O takes 0, 1, 2 or 3");
        assertUsage(Cli.run("compile", saxpy, "--target", "cpu", "--relocation", "sideways", "--no-cache"), "--relocation");
        assertUsage(Cli.run("compile", saxpy, "--target", "cpu", "--emit", "pdf", "--no-cache"), "--emit");
        assertUsage(Cli.run("compile", tmp.resolve("missing.ll"), "--target", "cpu", "--no-cache"), "does not exist");
        assertUsage(Cli.run("compile", saxpy, "--target", "cpu", "--cache-dir", tmp, "--no-cache"), "mutually exclusive");
        assertUsage(Cli.run("compile", saxpy), "--target");
        assertUsage(Cli.run("compile", saxpy, "--target", "cpu", "--isolation", "sometimes", "--no-cache"), "--isolation takes");
        assertUsage(Cli.run("compile", saxpy, "--target", "cpu", "--isolate", "--isolation", "auto", "--no-cache"),
                "--isolate contradicts --isolation auto");
        assertUsage(Cli.run("compile", saxpy, "--target", "cpu", "--isolation", "in-process", "--untrusted-backend", "cpu",
                "--no-cache"), "--untrusted-backend contradicts");
        assertUsage(Cli.run("frobnicate"), "frobnicate");
    }

    @Test
    void everyCommandTakesHelpAsItsUsageErrorsSay() {
        for (String command : List.of("compile", "run", "inspect", "backends", "demo")) {
            Cli.Result r = Cli.run(command, "--help");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.out().startsWith("Usage: gpuc " + command), r.toString());
        }
        assertTrue(Cli.run("compile", "--help").out().contains("--untrusted-backend=ID"));
        assertEquals(0, Cli.run("cache", "stats", "--help").exit());
    }

    @Test
    void aTargetWithoutTheRequestedOutputKindIsACompilationError() {
        Cli.Result r = Cli.run("compile", Cli.corpus("kernels/saxpy.cpu.ll"), "--target", "cpu", "--emit", "llvm",
                "--no-cache", "--out-dir", tmp);
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.errLines().get(0).startsWith("error[unsupported]: "), r.toString());
    }

    @Test
    void anInsecureCacheDirectoryIsRefused() throws IOException {
        Path shared = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Cli.Result r = Cli.run("compile", Cli.corpus("kernels/saxpy.cpu.ll"), "--target", "cpu", "--cache-dir", shared,
                "--out-dir", tmp);
        assertUsage(r, "refusing cache directory " + shared);
        assertTrue(r.err().contains("writable by all users"), r.err());
    }

    static void assertUsage(Cli.Result r, String expected) {
        assertEquals(2, r.exit(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        assertTrue(r.errLines().get(0).startsWith("error[usage]: "), r.toString());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in " + r);
    }

    static Map<?, ?> single(Cli.Result r) {
        assertEquals(0, r.exit(), r.toString());
        List<?> results = (List<?>) Json.parse(r.out());
        assertEquals(1, results.size());
        return (Map<?, ?>) results.get(0);
    }
}
