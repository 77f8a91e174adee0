package dev.gpuc.compiler;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.ArtifactCodec;
import dev.gpuc.api.CacheCorruption;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The cache tiers in lookup order, fastest first. A hit in a lower tier fills the tiers above
 * it; a store writes through to every tier. A tier that fails (damaged entry, full disk,
 * unreachable server) costs a warning, never the compilation.
 */
final class TieredCache {
    private static final System.Logger LOG = System.getLogger("dev.gpuc.compiler.cache");

    private final List<CacheStore> tiers;

    TieredCache(List<CacheStore> tiers) {
        this.tiers = List.copyOf(tiers);
    }

    List<CacheStore> tiers() {
        return tiers;
    }

    boolean isEmpty() {
        return tiers.isEmpty();
    }

    /** Where an artifact was found. */
    record Found(Artifact artifact, String tier) {}

    Optional<Found> lookup(CacheKey key, Consumer<String> warnings) {
        for (int i = 0; i < tiers.size(); i++) {
            CacheStore tier = tiers.get(i);
            Optional<Artifact> artifact;
            byte[] bytes = null;
            try {
                if (tier instanceof MemoryCacheStore memory) {
                    artifact = memory.artifact(key.hex());
                } else {
                    Optional<byte[]> got = tier.get(key.hex());
                    if (got.isEmpty()) {
                        continue;
                    }
                    bytes = got.get();
                    artifact = Optional.empty();
                }
            } catch (CacheCorruption e) {
                warnings.accept(tier.describe() + ": " + e.getMessage());
                continue;
            }
            if (bytes != null) {
                try {
                    artifact = Optional.of(ArtifactCodec.decode(bytes, tier.describe() + " entry " + key));
                } catch (CacheCorruption e) {
                    tier.remove(key.hex());
                    String message = e.getMessage() + "; entry removed";
                    LOG.log(Level.WARNING, message);
                    warnings.accept(message);
                    continue;
                }
            }
            if (artifact.isEmpty()) {
                continue;
            }
            if (i > 0) {
                byte[] encoded = bytes != null ? bytes : ArtifactCodec.encode(artifact.get());
                for (CacheStore upper : tiers.subList(0, i)) {
                    put(upper, key, artifact.get(), encoded, warnings);
                }
            }
            return Optional.of(new Found(artifact.get(), tier.describe()));
        }
        return Optional.empty();
    }

    void store(CacheKey key, Artifact artifact, Consumer<String> warnings) {
        byte[] bytes = ArtifactCodec.encode(artifact);
        for (CacheStore tier : tiers) {
            put(tier, key, artifact, bytes, warnings);
        }
    }

    private static void put(CacheStore tier, CacheKey key, Artifact artifact, byte[] bytes, Consumer<String> warnings) {
        if (tier instanceof MemoryCacheStore memory) {
            memory.put(key.hex(), artifact, bytes.length);
            return;
        }
        put(tier, key, bytes, warnings);
    }

    private static void put(CacheStore tier, CacheKey key, byte[] bytes, Consumer<String> warnings) {
        try {
            tier.put(key.hex(), bytes);
        } catch (IOException e) {
            String message = "caching skipped: " + e.getMessage();
            LOG.log(Level.WARNING, message);
            warnings.accept(message);
        }
    }

    /** Holds every tier's lease on {@code key}, taken in tier order (so no two holders deadlock). */
    CacheStore.Lease lease(CacheKey key) {
        List<CacheStore.Lease> held = new ArrayList<>();
        try {
            for (CacheStore tier : tiers) {
                held.add(tier.lease(key.hex()));
            }
        } catch (RuntimeException e) {
            release(held);
            throw e;
        }
        return () -> release(held);
    }

    private static void release(List<CacheStore.Lease> held) {
        for (int i = held.size() - 1; i >= 0; i--) {
            held.get(i).close();
        }
    }
}
