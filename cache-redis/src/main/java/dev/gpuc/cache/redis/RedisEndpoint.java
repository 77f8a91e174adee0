package dev.gpuc.cache.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where the remote cache lives and how to log in: the part of a {@code redis://} or
 * {@code rediss://} URL before its query. The password never appears in {@link #toString()},
 * in {@link #redacted()}, or in the message of a parse error.
 *
 * @param tls      whether the connection is TLS ({@code rediss://})
 * @param user     the ACL user, or null for the default user
 * @param password the password, or null when the server needs none
 */
public record RedisEndpoint(boolean tls, String host, int port, int database, String user, String password) {
    public static final int DEFAULT_PORT = 6379;

    public RedisEndpoint {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("redis host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("redis port must be 1..65535, got " + port);
        }
        if (database < 0) {
            throw new IllegalArgumentException("redis database must be >= 0, got " + database);
        }
        if (user != null && user.isEmpty()) {
            user = null;
        }
        if (password != null && password.isEmpty()) {
            password = null;
        }
    }

    /**
     * Parses {@code redis[s]://[[user]:password@]host[:port][/database]}; a query, if any, is
     * ignored here ({@link RedisCacheConfig#fromUrl} reads it). User and password may be
     * percent-encoded.
     *
     * @throws IllegalArgumentException naming the redacted URL and what is wrong
     */
    public static RedisEndpoint parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // URISyntaxException's message quotes the input, password included.
            throw new IllegalArgumentException("not a redis URL: " + redact(url) + " (" + e.getReason()
                    + " at index " + e.getIndex() + ")");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("redis") || scheme.equalsIgnoreCase("rediss"))) {
            throw new IllegalArgumentException("remote cache URL must start with redis:// or rediss://, got "
                    + redact(url));
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("remote cache URL has no host: " + redact(url));
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                // redis-cli and Jedis read a lone user-info as the password (requirepass has no user).
                password = decode(userInfo, url);
            } else {
                user = decode(userInfo.substring(0, colon), url);
                password = decode(userInfo.substring(colon + 1), url);
            }
        }
        int database = 0;
        String path = uri.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("redis database must be a number, got '" + path.substring(1)
                        + "' in " + redact(url));
            }
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new RedisEndpoint(scheme.equalsIgnoreCase("rediss"), host, uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(),
                database, user, password);
    }

    /** The same endpoint with another password (credentials from the environment). */
    public RedisEndpoint withPassword(String newPassword) {
        return new RedisEndpoint(tls, host, port, database, user, newPassword);
    }

    /** The URL with the password replaced by {@code ***}: safe for logs and messages. */
    public String redacted() {
        StringBuilder b = new StringBuilder(tls ? "rediss://" : "redis://");
        if (user != null || password != null) {
            if (user != null) {
                b.append(user);
            }
            if (password != null) {
                b.append(":***");
            }
            b.append('@');
        }
        b.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host).append(':').append(port).append('/').append(database);
        return b.toString();
    }

    @Override
    public String toString() {
        return redacted();
    }

    /**
     * Best effort for text that may not even parse: everything between the scheme and the last
     * {@code @} is taken for credentials and dropped (a password may hold {@code /}, {@code ?}
     * or {@code #}, so the authority's end cannot be trusted; dropping too much is harmless).
     */
    static String redact(String url) {
        int scheme = url.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int at = url.lastIndexOf('@');
        return at < start ? url : url.substring(0, start) + "***@" + url.substring(at + 1);
    }

    private static String decode(String s, String url) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // URLDecoder's message quotes the offending text.
            throw new IllegalArgumentException("bad percent-encoding in the credentials of " + redact(url));
        }
    }
}
