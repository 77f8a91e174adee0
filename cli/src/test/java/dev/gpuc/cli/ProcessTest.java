package dev.gpuc.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gpuc as its own process: the demo's two sessions, exit codes, and crashes contained by --isolate. */
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
        Cli.Result crashed = Cli.run("compile", input, "--target", CrashingBackend.ID, "--isolate", "--no-cache",
                "--out-dir", tmp.resolve("out"), "--json");
        assertEquals(1, crashed.exit(), crashed.toString());
        assertEquals(1, crashed.errLines().size(), crashed.toString());
        assertTrue(crashed.errLines().get(0).startsWith("error[backend-crash]: " + input
                + ": backend crashed: SIGSEGV in native code: in "), crashed.toString());
        Map<?, ?> result = (Map<?, ?>) ((List<?>) Json.parse(crashed.out())).get(0);
        assertEquals("backend-crash", ((Map<?, ?>) result.get("error")).get("kind"));

        Cli.Result fine = Cli.run("compile", Cli.corpus("kernels/saxpy.cpu.ll"), Cli.corpus("malformed/empty.ll"),
                "--target", "cpu", "--isolate", "--out-dir", tmp.resolve("out"), "--cache-dir", tmp.resolve("cache"), "--json");
        assertEquals(1, fine.exit(), fine.toString());
        List<?> results = (List<?>) Json.parse(fine.out());
        assertEquals(true, ((Map<?, ?>) results.get(0)).get("ok"));
        assertEquals("miss", ((Map<?, ?>) results.get(0)).get("cache"));
        assertEquals("invalid-ir", ((Map<?, ?>) ((Map<?, ?>) results.get(1)).get("error")).get("kind"));
        assertTrue(Files.exists(tmp.resolve("out/saxpy.cpu.o")));
        assertEquals(1, fine.errLines().size(), fine.toString());
    }
}
