package dev.gpuc.cache.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance: machines with separate disk caches share one Redis; the second gets
 * a remote hit, generates no code, and runs the kernel correctly with its own runtime values.
 */
class FleetTest {
    /** Session A emitted the corpus file. */
    static final long A_X = FleetNode.CORPUS_X;
    static final long A_NOTHING = FleetNode.CORPUS_NOTHING;
    /** Session B: the same runtime objects, elsewhere, baked into the IR it emits. */
    static final long B_X = 0x5612_3456_7000L;
    static final long B_NOTHING = 0x5612_3456_8000L;

    @TempDir
    Path tmp;

    @Test
    void aSecondMachineGetsARemoteHitAndRebindsIt() throws Exception {
        assumeTrue(RedisServer.executable().isPresent(), RedisServer.MISSING);
        try (RedisServer server = RedisServer.start()) {
            Map<String, String> a = node(server.url(), tmp.resolve("disk-a"), A_X, A_NOTHING);
            assertEquals("miss", a.get("symbols.cache"), a.toString());
            assertEquals("IMPORT", a.get("symbols.strategy"), "the CPU backend's portable default");
            assertEquals("true", a.get("symbols.codegen"));
            assertEquals(hex(A_X), a.get("symbols.address_of_x"));
            assertEquals("1", a.get("symbols.is_x(x)"));
            assertEquals("0", a.get("symbols.is_x(nothing)"));
            assertEquals("miss", a.get("saxpy.cache"));
            assertEquals("[12.0, 24.0, 36.0, 48.0, 60.0]", a.get("saxpy.y"));

            Map<String, String> b = node(server.url(), tmp.resolve("disk-b"), B_X, B_NOTHING);
            for (String kernel : List.of("symbols", "saxpy")) {
                assertEquals("hit", b.get(kernel + ".cache"), b.toString());
                assertEquals("found in " + server.url(), b.get(kernel + ".reason"));
                assertEquals("false", b.get(kernel + ".codegen"), "no code generation on a remote hit");
                List<String> stages = List.of(b.get(kernel + ".stages").split(","));
                assertFalse(stages.contains("optimize") || stages.contains("emit"), stages.toString());
                assertEquals("", b.get(kernel + ".warnings"));
            }
            assertEquals(hex(B_X), b.get("symbols.address_of_x"), "slots bound to this session's values");
            assertEquals("1", b.get("symbols.is_x(x)"));
            assertEquals("0", b.get("symbols.is_x(nothing)"));
            assertEquals("1", b.get("symbols.is_nothing(nothing)"));
            assertEquals("[12.0, 24.0, 36.0, 48.0, 60.0]", b.get("saxpy.y"));
            assertTrue(b.get("tier").contains(server.url() + " hits=2 misses=0 writes=0"), b.get("tier"));
            assertTrue(b.get("tier").contains("disk:" + tmp.resolve("disk-b") + " hits=0 misses=2 writes=2"),
                    "the remote hits filled the disk tier: " + b.get("tier"));

            // The disk tier B filled serves B's next run, with Redis gone.
            server.stop();
            Map<String, String> again = node(server.url(), tmp.resolve("disk-b"), B_X, B_NOTHING);
            assertEquals("hit", again.get("symbols.cache"), again.toString());
            assertEquals("found in disk:" + tmp.resolve("disk-b"), again.get("symbols.reason"));
            assertEquals(hex(B_X), again.get("symbols.address_of_x"));
        }
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** Runs one {@link FleetNode} process and returns what it printed. */
    private Map<String, String> node(String url, Path disk, long x, long nothing) throws IOException,
            InterruptedException {
        Path out = Files.createTempFile(tmp, "node", ".out");
        Path err = Files.createTempFile(tmp, "node", ".err");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss4m", "-cp", System.getProperty("java.class.path"), FleetNode.class.getName(),
                url, disk.toString(), System.getProperty("gpuc.corpus"), hex(x), hex(nothing)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove(RedisCacheConfig.URL_VARIABLE);
        pb.environment().remove(RedisCacheConfig.PASSWORD_VARIABLE);
        Process p = pb.start();
        try {
            // a guard against a hung child, not a timing assertion
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "node did not finish");
        } finally {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), Files.readString(out) + Files.readString(err));
        return FleetNode.parse(Files.readAllLines(out));
    }
}
