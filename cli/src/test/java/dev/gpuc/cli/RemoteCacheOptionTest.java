package dev.gpuc.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --remote-cache}: the Redis tier joins after the disk tier and fails open. (The tier
 * itself, against a real redis-server, is tested in cache-redis.)
 */
class RemoteCacheOptionTest {
    @TempDir
    Path tmp;

    @Test
    void anUnreachableRemoteCacheCostsNothingButAWarning() throws IOException {
        String url = "redis://127.0.0.1:" + closedPort() + "/0";
        Cli.Result r = Cli.run("compile", Cli.corpus("kernels/saxpy.cpu.ll"), "--target", "cpu", "--out-dir", tmp,
                "--cache-dir", tmp.resolve("cache"), "--remote-cache", url, "--json");
        Map<?, ?> result = CompileCommandTest.single(r);
        assertEquals("miss", result.get("cache"));
        String reason = (String) result.get("cacheReason");
        assertTrue(reason.startsWith("not in memory, disk:" + tmp.resolve("cache").toAbsolutePath() + ", " + url), reason);

        Cli.Result stats = Cli.run("cache", "stats", "--cache-dir", tmp.resolve("cache"), "--remote-cache", url);
        assertEquals(0, stats.exit(), stats.toString());
        assertTrue(stats.out().contains("cache    " + url + "\nentries  unknown (unreachable)"), stats.out());
    }

    @Test
    void usageErrors() {
        Path saxpy = Cli.corpus("kernels/saxpy.cpu.ll");
        CompileCommandTest.assertUsage(Cli.run("compile", saxpy, "--target", "cpu", "--no-cache", "--remote-cache",
                "redis://127.0.0.1:1/0"), "contradict");
        CompileCommandTest.assertUsage(Cli.run("compile", saxpy, "--target", "cpu", "--out-dir", tmp, "--cache-dir",
                tmp.resolve("c"), "--remote-cache", "http://example.org/"), "bad remote cache URL");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort(); // closed when this returns: connections are refused
        }
    }
}
