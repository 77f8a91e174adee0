package dev.gpuc.cache.redis;

import dev.gpuc.cache.redis.Backoff.Permit;
import java.lang.System.Logger.Level;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import javax.net.ssl.SSLParameters;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The fail-open connection to the server. Every call either returns the server's answer or
 * nothing: an unreachable, slow or misconfigured server makes the tier skip, never fails the
 * caller. The first failure of an outage is logged once, as a warning; calls are then skipped
 * until {@link Backoff} lets a probe through, and the recovery is logged once.
 */
final class RedisLink implements AutoCloseable {
    private final RedisCacheConfig config;
    private final UnifiedJedis client;
    private final Backoff backoff;
    private final System.Logger log;
    /** Operations the server currently answers with an error (a refused write): reported once. */
    private final Set<String> refusing = ConcurrentHashMap.newKeySet();
    private final LongAdder failures = new LongAdder();
    private final LongAdder skipped = new LongAdder();

    RedisLink(RedisCacheConfig config, InstantSource clock, System.Logger log) {
        this.config = config;
        this.backoff = new Backoff(clock, config.retryInitial(), config.retryMax());
        this.log = log;
        this.client = RedisClient.builder()
                .hostAndPort(new HostAndPort(config.endpoint().host(), config.endpoint().port()))
                .clientConfig(clientConfig(config))
                .poolConfig(poolConfig(config))
                .build();
    }

    /**
     * Runs {@code op} against the server unless the circuit is open.
     *
     * @param what names the operation in log messages ("read", "write", ...)
     * @param op   must not return null
     * @return the op's result; empty when the server was skipped, failed, or answered with an error
     */
    <T> Optional<T> call(String what, Function<UnifiedJedis, T> op) {
        Permit permit = backoff.allow();
        if (permit == Permit.DENIED) {
            skipped.increment();
            return Optional.empty();
        }
        try {
            T result = op.apply(client);
            reachable(permit);
            if (refusing.remove(what)) {
                log.log(Level.INFO, "remote cache {0} accepts {1}s again", config.endpoint().redacted(), what);
            }
            return Optional.of(result);
        } catch (JedisDataException e) {
            if (e instanceof JedisAccessControlException && !String.valueOf(e.getMessage()).startsWith("NOPERM")) {
                unreachable(permit, "refused the credentials", e);
            } else {
                // The server is up and said no to this operation (out of memory, read-only
                // replica, an ACL user that may read but not write): the others may still work,
                // so the circuit stays closed.
                reachable(permit);
                failures.increment();
                if (refusing.add(what)) {
                    log.log(Level.WARNING, "remote cache {0} refuses {1}s ({2}); continuing without them",
                            config.endpoint().redacted(), what, scrub(e.getMessage()));
                }
            }
        } catch (RuntimeException e) {
            unreachable(permit, "is unreachable", e);
        }
        return Optional.empty();
    }

    /** Number of calls that failed (unreachable, timed out, refused). */
    long failures() {
        return failures.sum();
    }

    /** Number of calls not made because the circuit was open. */
    long skipped() {
        return skipped.sum();
    }

    boolean isDown() {
        return backoff.isOpen();
    }

    private void reachable(Permit permit) {
        if (backoff.succeeded(permit) == Backoff.Transition.RECOVERED) {
            log.log(Level.INFO, "remote cache {0} is reachable again", config.endpoint().redacted());
        }
    }

    private void unreachable(Permit permit, String what, RuntimeException e) {
        failures.increment();
        Backoff.Transition t = backoff.failed(permit);
        if (t == Backoff.Transition.OUTAGE_STARTED) {
            log.log(Level.WARNING, "remote cache {0} {1} ({2}); using the local cache tiers, retrying in {3}",
                    config.endpoint().redacted(), what, scrub(describe(e)), Durations.format(backoff.currentWait()));
        } else {
            log.log(Level.DEBUG, "remote cache {0} still down ({1}); next retry in {2}",
                    config.endpoint().redacted(), scrub(describe(e)), Durations.format(backoff.currentWait()));
        }
    }

    /** The exception and its root cause, which says what really happened (refused, timed out). */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        return root == e ? text : text + "; caused by " + root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** Defence in depth: no server or library message may carry the password into a log. */
    private String scrub(String message) {
        String password = config.endpoint().password();
        return message == null || password == null ? String.valueOf(message) : message.replace(password, "***");
    }

    private static DefaultJedisClientConfig clientConfig(RedisCacheConfig config) {
        RedisEndpoint e = config.endpoint();
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(Math.toIntExact(config.connectTimeout().toMillis()))
                .socketTimeoutMillis(Math.toIntExact(config.readTimeout().toMillis()))
                .database(e.database())
                .user(e.user())
                .password(e.password())
                .clientName("gpuc")
                // CLIENT SETINFO costs a round trip per connection and Redis < 7.2 rejects it.
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
        if (e.tls()) {
            SSLParameters p = new SSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
            b.ssl(true).sslParameters(p);
            if (config.sslSocketFactory() != null) {
                b.sslSocketFactory(config.sslSocketFactory());
            }
        }
        return b.build();
    }

    private static ConnectionPoolConfig poolConfig(RedisCacheConfig config) {
        ConnectionPoolConfig p = new ConnectionPoolConfig();
        int size = Math.max(8, Runtime.getRuntime().availableProcessors());
        p.setMaxTotal(size);
        p.setMaxIdle(size);
        p.setMinIdle(0);
        // A compilation never queues behind the pool for longer than one slow server round trip.
        p.setMaxWait(config.connectTimeout().plus(config.readTimeout()));
        p.setBlockWhenExhausted(true);
        // No evictor thread and no PING per borrow: the circuit breaker handles dead servers.
        p.setTestOnBorrow(false);
        p.setTestWhileIdle(false);
        p.setTimeBetweenEvictionRuns(java.time.Duration.ofMillis(-1));
        p.setJmxEnabled(false);
        return p;
    }

    @Override
    public void close() {
        client.close();
    }
}
