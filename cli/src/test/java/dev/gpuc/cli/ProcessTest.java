package dev.gpuc.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.Json;
import dev.gpuc.isolation.CrashTestBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gpuc as its own process: the demo's two sessions, exit codes, crashes contained in worker processes, logging. */
class ProcessTest {
    @TempDir
    Path tmp;

    @Test
    void theDemoHitsTheCacheInAFreshProcessAndComputesWithItsOwnAddresses() {
        Cli.Result r = Cli.run("demo");
        assertEquals(0, r.exit(), r.toString());
        String out = r.out();
        assertTrue(out.contains("session 1 (pid"), out);
        assertTrue(out.contains("session 2 (pid"), out);
        assertTrue(out.matches("(?s).*session 1 .*compile: cache miss .*code generated.*session 2 .*compile: cache hit "
                + "\\(found in disk:.*no code generated.*"), out);
        assertEquals(2, out.split("is_x\\(:x\\) = 1, is_x\\(nothing\\) = 0, is_nothing\\(nothing\\) = 1").length - 1, out);
        assertFalse(out.contains("WRONG"), out);
        List<String> keys = out.lines().filter(l -> l.strip().startsWith("key:")).toList();
        assertEquals(2, keys.size(), out);
        assertEquals(keys.get(0), keys.get(1), "one address-free module, one key");
    }

    @Test
    void aRealProcessExitsWithTheDocumentedCodes() {
        Cli.Result ok = Cli.process("compile", Cli.corpus("kernels/saxpy.cpu.ll"), "--target", "cpu", "--out-dir", tmp,
                "--no-cache");
        assertEquals(0, ok.exit(), ok.toString());
        Cli.Result bad = Cli.process("compile", Cli.corpus("malformed/type-mismatch.ll"), "--target", "cpu", "--no-cache",
                "--out-dir", tmp);
        assertEquals(1, bad.exit(), bad.toString());
        assertTrue(bad.err().strip().matches("error\\[invalid-ir\\]: [^\\n]+"), bad.toString());
        Cli.Result usage = Cli.process("compile");
        assertEquals(2, usage.exit(), usage.toString());
        Cli.Result version = Cli.process("--version");
        assertEquals(0, version.exit());
        assertTrue(version.out().startsWith("gpuc "), version.out());
    }

    @Test
    void isolateTurnsACrashIntoOneErrorLineAndCompilesTheRest() throws Exception {
        Path input = Files.writeString(tmp.resolve("k.ll"), "define i32 @k() {\n  ret i32 1\n}\n");
        Path saxpy = Cli.corpus("kernels/saxpy.cpu.ll");
        Cli.Result crashed = Cli.run("compile", input, "--target", CrashTestBackend.ID, "--arch", "segv", "--isolate",
                "--no-cache", "--out-dir", tmp.resolve("out"), "--json");
        assertEquals(1, crashed.exit(), crashed.toString());
        assertEquals(1, crashed.errLines().size(), crashed.toString());
        assertTrue(crashed.errLines().get(0).startsWith("error[backend-crash]: " + input
                + ": backend crashed: signal 11 (SIGSEGV) in native code"), crashed.toString());
        Map<?, ?> result = (Map<?, ?>) ((List<?>) Json.parse(crashed.out())).get(0);
        assertEquals("backend-crash", ((Map<?, ?>) result.get("error")).get("kind"));

        Cli.Result fine = Cli.run("compile", saxpy, Cli.corpus("malformed/empty.ll"), "--target", "cpu",
                "--isolation", "isolated", "--out-dir", tmp.resolve("out"), "--cache-dir", tmp.resolve("cache"), "--json");
        assertEquals(1, fine.exit(), fine.toString());
        List<?> results = (List<?>) Json.parse(fine.out());
        Map<?, ?> compiled = (Map<?, ?>) results.get(0);
        assertEquals(true, compiled.get("ok"));
        assertEquals("miss", compiled.get("cache"));
        assertTrue(stages(compiled).contains("worker"), "compiled in a worker: " + compiled);
        assertEquals("invalid-ir", ((Map<?, ?>) ((Map<?, ?>) results.get(1)).get("error")).get("kind"));
        assertTrue(Files.exists(tmp.resolve("out/saxpy.cpu.o")));
        assertEquals(1, fine.errLines().size(), fine.toString());

        Map<?, ?> inProcess = CompileCommandTest.single(Cli.run("compile", saxpy, "--target", "cpu", "--out-dir",
                tmp.resolve("out"), "--cache-dir", tmp.resolve("cache"), "--json"));
        assertEquals("hit", inProcess.get("cache"), "an isolated compilation's entry serves an in-process one");
        assertEquals(compiled.get("key"), inProcess.get("key"));
        assertFalse(stages(inProcess).contains("worker"));
    }

    @Test
    void autoIsolatesOnlyTheUntrustedBackends() throws Exception {
        Path input = Files.writeString(tmp.resolve("k.ll"), "define i32 @k() {\n  ret i32 1\n}\n");
        Cli.Result crashed = Cli.run("compile", input, "--target", CrashTestBackend.ID, "--arch", "segv",
                "--untrusted-backend", CrashTestBackend.ID, "--no-cache", "--out-dir", tmp);
        assertEquals(1, crashed.exit(), crashed.toString());
        assertTrue(crashed.errLines().get(0).startsWith("error[backend-crash]: "), crashed.toString());
        Map<?, ?> trusted = CompileCommandTest.single(Cli.run("compile", Cli.corpus("kernels/saxpy.cpu.ll"), "--target",
                "cpu", "--isolation", "auto", "--untrusted-backend", CrashTestBackend.ID, "--no-cache", "--out-dir", tmp,
                "--json"));
        assertFalse(stages(trusted).contains("worker"), "cpu is trusted: compiled in this process");
    }

    private static List<?> stages(Map<?, ?> result) {
        return ((List<?>) result.get("timings")).stream().map(t -> ((Map<?, ?>) t).get("stage")).toList();
    }

    @Test
    void jedisLogsWithoutSlf4jWarnings() {
        // A remote tier nobody listens on: Jedis is loaded, tries, and logs through SLF4J.
        Cli.Result r = Cli.process("cache", "stats", "--cache-dir", tmp.resolve("cache"), "--remote-cache",
                "redis://127.0.0.1:9/0");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("entries  unknown (unreachable)"), r.toString());
        assertFalse(r.err().contains("SLF4J"), r.err());
    }
}
