package dev.gpuc.cli;

import dev.gpuc.cache.redis.RedisCacheConfig;
import dev.gpuc.cache.redis.RedisCacheStore;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --remote-cache URL}: a Redis tier shared by a fleet, after the memory and disk tiers. */
final class RemoteCache {
    @Option(names = "--remote-cache", paramLabel = "URL", description = "A shared Redis tier after the disk cache: "
            + "redis[s]://[[user]:password@]host[:port][/db] (default: $" + RedisCacheConfig.URL_VARIABLE
            + "; the password may come from $" + RedisCacheConfig.PASSWORD_VARIABLE + ").")
    String url;

    /**
     * The remote tier: the one {@code --remote-cache} names, else the environment's (for
     * compilations only: {@code gpuc cache} never acts on a fleet's cache unless told to). The
     * caller closes it.
     */
    Optional<RedisCacheStore> open(boolean cacheOff, boolean fromEnvironment) {
        try {
            if (url != null) {
                if (cacheOff) {
                    throw new Failures.Usage("--remote-cache and --no-cache contradict each other");
                }
                return Optional.of(RedisCacheStore.fromUrl(url));
            }
            return cacheOff || !fromEnvironment ? Optional.empty() : RedisCacheStore.fromEnvironment();
        } catch (IllegalArgumentException e) {
            throw new Failures.Usage("bad remote cache URL: " + e.getMessage());
        }
    }
}
