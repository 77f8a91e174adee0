package dev.gpuc.cache.redis;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;

/**
 * How to reach and use the remote tier. Build one with {@link #builder(RedisEndpoint)}, or from
 * a URL whose query may set the options:
 * {@code redis://host:6379/0?prefix=gpuc:&ttl=7d&connectTimeout=200ms&readTimeout=250ms}.
 *
 * @param keyPrefix        prepended to every key, so several caches (or other data) can share
 *                         one database
 * @param ttl              how long an entry lives after it was last written; Redis' own expiry
 *                         (and its {@code maxmemory} eviction) bounds what the tier holds
 * @param connectTimeout   how long to wait for a TCP (and TLS) connection
 * @param readTimeout      how long to wait for a reply; a slower server counts as down
 * @param retryInitial     how long to stay off the server after it fails, doubled after every
 *                         failed retry
 * @param retryMax         the longest wait between retries
 * @param sslSocketFactory for {@code rediss://}: the factory that makes TLS sockets (a custom
 *                         trust store); null means the JVM's default
 */
public record RedisCacheConfig(RedisEndpoint endpoint, String keyPrefix, Duration ttl, Duration connectTimeout,
                               Duration readTimeout, Duration retryInitial, Duration retryMax,
                               SSLSocketFactory sslSocketFactory) {
    /** The variable that names the remote cache when neither the API nor the CLI does. */
    public static final String URL_VARIABLE = "GPUC_REMOTE_CACHE";
    /** The variable that supplies the password when the URL has none. */
    public static final String PASSWORD_VARIABLE = "GPUC_REDIS_PASSWORD";

    public static final String DEFAULT_PREFIX = "gpuc:";
    public static final Duration DEFAULT_TTL = Duration.ofDays(7);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofMillis(200);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMillis(250);
    public static final Duration DEFAULT_RETRY_INITIAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RETRY_MAX = Duration.ofMinutes(2);

    public RedisCacheConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        requireAtLeast("ttl", ttl, Duration.ofSeconds(1)); // Redis expires in whole seconds
        requireAtLeast("connectTimeout", connectTimeout, Duration.ofMillis(1));
        requireAtLeast("readTimeout", readTimeout, Duration.ofMillis(1));
        requireAtLeast("retryInitial", retryInitial, Duration.ofMillis(1));
        requireAtLeast("retryMax", retryMax, retryInitial);
        if (sslSocketFactory != null && !endpoint.tls()) {
            throw new IllegalArgumentException("an SSL socket factory needs a rediss:// endpoint, not " + endpoint);
        }
    }

    public static Builder builder(RedisEndpoint endpoint) {
        return new Builder(endpoint);
    }

    /** The configuration a URL describes, credentials and options included; nothing from the environment. */
    public static RedisCacheConfig fromUrl(String url) {
        return fromUrl(url, Map.of());
    }

    /**
     * The configuration a URL describes; when the URL carries no password, {@code env}'s
     * {@value #PASSWORD_VARIABLE} supplies it (so the password stays out of command lines).
     *
     * @throws IllegalArgumentException for a malformed URL or option, with the URL redacted
     */
    public static RedisCacheConfig fromUrl(String url, Map<String, String> env) {
        RedisEndpoint endpoint = RedisEndpoint.parse(url);
        String envPassword = env.get(PASSWORD_VARIABLE);
        if (endpoint.password() == null && envPassword != null && !envPassword.isEmpty()) {
            endpoint = endpoint.withPassword(envPassword);
        }
        Builder b = builder(endpoint);
        String query = URI.create(url).getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                switch (name) {
                    case "prefix" -> b.keyPrefix(value);
                    case "ttl" -> b.ttl(Durations.parse(name, value));
                    case "connectTimeout" -> b.connectTimeout(Durations.parse(name, value));
                    case "readTimeout" -> b.readTimeout(Durations.parse(name, value));
                    default -> throw new IllegalArgumentException("unknown option '" + name + "' in "
                            + endpoint.redacted() + " (known: prefix, ttl, connectTimeout, readTimeout)");
                }
            }
        }
        return b.build();
    }

    /** The configuration {@value #URL_VARIABLE} names, if it is set and not blank. */
    public static Optional<RedisCacheConfig> fromEnvironment(Map<String, String> env) {
        String url = env.get(URL_VARIABLE);
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(fromUrl(url.strip(), env));
    }

    private static void requireAtLeast(String name, Duration d, Duration min) {
        Objects.requireNonNull(d, name);
        if (d.compareTo(min) < 0) {
            throw new IllegalArgumentException(name + " must be at least " + Durations.format(min) + ", got "
                    + Durations.format(d));
        }
    }

    public static final class Builder {
        private final RedisEndpoint endpoint;
        private String keyPrefix = DEFAULT_PREFIX;
        private Duration ttl = DEFAULT_TTL;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration retryInitial = DEFAULT_RETRY_INITIAL;
        private Duration retryMax = DEFAULT_RETRY_MAX;
        private SSLSocketFactory sslSocketFactory;

        private Builder(RedisEndpoint endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        }

        public Builder keyPrefix(String prefix) {
            this.keyPrefix = prefix;
            return this;
        }

        public Builder ttl(Duration d) {
            this.ttl = d;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public Builder readTimeout(Duration d) {
            this.readTimeout = d;
            return this;
        }

        /** The first wait after a failure and the cap the doubling stops at. */
        public Builder retry(Duration initial, Duration max) {
            this.retryInitial = initial;
            this.retryMax = max;
            return this;
        }

        public Builder sslSocketFactory(SSLSocketFactory factory) {
            this.sslSocketFactory = factory;
            return this;
        }

        public RedisCacheConfig build() {
            return new RedisCacheConfig(endpoint, keyPrefix, ttl, connectTimeout, readTimeout, retryInitial, retryMax,
                    sslSocketFactory);
        }
    }
}
