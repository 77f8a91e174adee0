package dev.gpuc.cli;

import dev.gpuc.api.Backends;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.cache.redis.RedisCacheStore;
import dev.gpuc.compiler.Compiler;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What the commands that compile share: the session's runtime values, the relocation strategy,
 * the cache tiers, and the compiler made from them.
 */
final class CompilerOptions {
    @Option(names = "--runtime-values", paramLabel = "FILE.json",
            description = "The session's runtime values (key -> address), as its front end wrote them.")
    Path runtimeValues;

    @Option(names = "--relocation", paramLabel = "STRATEGY",
            description = "auto (default: the backend's preferred), bake, patch, import or table.")
    String relocation = "auto";

    @ArgGroup(exclusive = true)
    CacheChoice cache;

    @Mixin
    RemoteCache remote;

    RuntimeValues runtimeValues() {
        return Inputs.runtimeValues(runtimeValues);
    }

    /** The strategy named, or null for {@code auto}. */
    RelocationStrategy relocation() {
        return Inputs.relocation(relocation);
    }

    /**
     * A compiler with these cache tiers (the remote one from {@code --remote-cache} or the
     * environment) and whatever {@code settings} add.
     */
    Session open(Backends backends, Consumer<Compiler.Builder> settings) {
        Optional<RedisCacheStore> remoteTier = remote.open(CacheChoice.off(cache), true);
        try {
            Compiler.Builder b = CacheChoice.builder(cache, remoteTier).backends(backends);
            settings.accept(b);
            return new Session(b.build(), remoteTier);
        } catch (RuntimeException e) {
            remoteTier.ifPresent(RedisCacheStore::close);
            throw e;
        }
    }

    /** A compiler and the remote tier it uses, closed together. */
    record Session(Compiler compiler, Optional<RedisCacheStore> remoteTier) implements AutoCloseable {
        @Override
        public void close() {
            try {
                compiler.close();
            } finally {
                remoteTier.ifPresent(RedisCacheStore::close);
            }
        }
    }
}
