package dev.gpuc.cache.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The fail-open behaviour against a real redis-server: down, slow, locked, full. */
class RedisLinkTest {
    private static final byte[] KEY = "gpuc:link-test".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = {1, 2, 3};

    private static RedisServer shared;
    private final ManualClock clock = new ManualClock();
    private final RecordingLogger log = new RecordingLogger();

    @BeforeAll
    static void startServer() throws IOException {
        assumeTrue(RedisServer.executable().isPresent(), RedisServer.MISSING);
        shared = RedisServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (shared != null) {
            shared.close();
        }
    }

    private RedisLink link(String url) {
        return new RedisLink(RedisCacheConfig.fromUrl(url), clock, log);
    }

    private static Optional<Optional<byte[]>> read(RedisLink link) {
        return link.call("read", c -> Optional.ofNullable(c.get(KEY)));
    }

    private static boolean write(RedisLink link) {
        return link.call("write", c -> c.setex(KEY, 60, VALUE)).isPresent();
    }

    @Test
    void answersWhileTheServerIsUp() {
        try (RedisLink link = link(shared.url())) {
            assertTrue(write(link));
            assertArrayEquals(VALUE, read(link).orElseThrow().orElseThrow());
            assertEquals(0, link.failures());
            assertTrue(log.all().isEmpty(), log.all().toString());
        }
    }

    @Test
    void aStoppedServerIsReportedOnceAndRetriedWithBackoff() throws IOException {
        try (RedisServer server = RedisServer.start(); RedisLink link = link(server.url())) {
            assertTrue(write(link));
            server.stop();

            assertTrue(read(link).isEmpty(), "the outage is a miss, not an error");
            List<String> warnings = log.at(Level.WARNING);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).startsWith("remote cache " + server.url() + " is unreachable ("), warnings.get(0));
            assertTrue(warnings.get(0).endsWith("retrying in 1s"), warnings.get(0));

            assertTrue(read(link).isEmpty());
            assertEquals(1, link.skipped(), "within the back-off the server is not asked");
            clock.advance(Duration.ofSeconds(1));
            assertTrue(read(link).isEmpty(), "the probe fails: still down");
            assertEquals(2, link.failures());
            assertEquals(1, log.at(Level.WARNING).size(), "one warning per outage");

            server.restart();
            clock.advance(Duration.ofSeconds(1));
            assertTrue(read(link).isEmpty(), "the wait doubled to 2s after the failed probe");
            clock.advance(Duration.ofSeconds(1));
            assertEquals(Optional.of(Optional.empty()), read(link).map(o -> o.map(b -> "?")),
                    "the probe reaches the restarted (empty) server");
            assertEquals(List.of("remote cache " + server.url() + " is reachable again"), log.at(Level.INFO));
            assertTrue(write(link));

            server.stop();
            assertTrue(read(link).isEmpty());
            assertEquals(2, log.at(Level.WARNING).size(), "a new outage is reported again");
        }
    }

    @Test
    void aWrongPasswordIsAnOutageWhoseWarningHidesThePassword() throws IOException {
        try (RedisServer server = RedisServer.start("--requirepass", "right-pass");
             RedisLink wrong = link(server.url(":hunter2@"));
             RedisLink none = link(server.url());
             RedisLink right = link(server.url(":right-pass@"))) {
            assertFalse(write(wrong));
            assertTrue(read(wrong).isEmpty());
            assertTrue(wrong.isDown());
            String warning = String.join("\n", log.at(Level.WARNING));
            assertEquals(1, log.at(Level.WARNING).size(), warning);
            assertTrue(warning.contains("refused the credentials") && warning.contains("WRONGPASS"), warning);
            assertTrue(warning.contains(":***@127.0.0.1"), warning);
            assertFalse(warning.contains("hunter2"), warning);

            log.clear();
            assertFalse(write(none));
            assertTrue(none.isDown(), "NOAUTH is an outage too: the remote tier is unusable");
            assertEquals(1, log.at(Level.WARNING).size(), log.all().toString());
            assertTrue(log.at(Level.WARNING).get(0).contains("NOAUTH"), log.all().toString());

            assertTrue(write(right));
            assertArrayEquals(VALUE, read(right).orElseThrow().orElseThrow());
        }
    }

    @Test
    void aServerThatDoesNotAnswerTimesOutQuickly() throws IOException {
        // A listening socket nobody accepts from: the kernel completes the handshake and then
        // nothing ever answers, like a wedged server.
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             RedisLink link = new RedisLink(RedisCacheConfig.fromUrl("redis://127.0.0.1:" + blackHole.getLocalPort()
                     + "/0?readTimeout=50ms&connectTimeout=50ms"), clock, log)) {
            assertTrue(read(link).isEmpty());
            List<String> warnings = log.at(Level.WARNING);
            assertEquals(1, warnings.size(), log.all().toString());
            assertTrue(warnings.get(0).contains("is unreachable") && warnings.get(0).contains("timed out"), warnings.get(0));
            assertTrue(read(link).isEmpty());
            assertEquals(1, link.skipped());
        }
    }

    @Test
    void refusedWritesAreReportedOnceAndReadsGoOn() {
        try (RedisLink link = link(shared.url()); Jedis admin = new Jedis("127.0.0.1", shared.port())) {
            assertTrue(write(link));
            admin.configSet("maxmemory-policy", "noeviction");
            admin.configSet("maxmemory", "1");
            try {
                assertFalse(write(link));
                assertFalse(write(link));
                assertArrayEquals(VALUE, read(link).orElseThrow().orElseThrow(), "reads still work");
                assertFalse(link.isDown());
                List<String> warnings = log.at(Level.WARNING);
                assertEquals(1, warnings.size(), log.all().toString());
                assertTrue(warnings.get(0).contains("refuses writes (OOM"), warnings.get(0));
            } finally {
                admin.configSet("maxmemory", "0");
            }
            assertTrue(write(link));
            assertEquals(List.of("remote cache " + shared.url() + " accepts writes again"), log.at(Level.INFO));
        }
    }

    @Test
    void aUserThatMayOnlyReadKeepsReading() {
        try (Jedis admin = new Jedis("127.0.0.1", shared.port())) {
            admin.setex(KEY, 60, VALUE);
            admin.aclSetUser("reader", "reset", "on", ">reader-pass", "~gpuc:*", "+get", "+scan", "+info");
            try (RedisLink link = link(shared.url("reader:reader-pass@"))) {
                assertFalse(write(link));
                assertFalse(write(link));
                assertArrayEquals(VALUE, read(link).orElseThrow().orElseThrow(), "reads still work");
                assertFalse(link.isDown());
                List<String> warnings = log.at(Level.WARNING);
                assertEquals(1, warnings.size(), log.all().toString());
                assertTrue(warnings.get(0).startsWith("remote cache redis://reader:***@127.0.0.1:" + shared.port()
                        + "/0 refuses writes (NOPERM"), warnings.get(0));
            } finally {
                admin.aclDelUser("reader");
            }
        }
    }
}
