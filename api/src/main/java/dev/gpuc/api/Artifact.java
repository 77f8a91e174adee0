package dev.gpuc.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a compilation: payloads, entry points, the relocation table and the strategy
 * its slots were shaped for. Immutable; encoded by {@link ArtifactCodec}.
 *
 * @param portable false when the module still held host addresses that no runtime value
 *                 accounts for: such an artifact is valid only in the compiling session
 */
public record Artifact(List<Payload> payloads, List<EntryPoint> entryPoints, RelocationTable relocations,
                       RelocationStrategy strategy, boolean portable, Provenance provenance) {
    public Artifact {
        payloads = List.copyOf(payloads);
        if (payloads.isEmpty()) {
            throw new IllegalArgumentException("an artifact needs at least one payload");
        }
        entryPoints = List.copyOf(entryPoints);
        Objects.requireNonNull(relocations, "relocations");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(provenance, "provenance");
    }

    /** The main payload: what {@code -o} writes. */
    public Payload primary() {
        return payloads.get(0);
    }

    public Optional<Payload> payload(String kind) {
        return payloads.stream().filter(p -> p.kind().equals(kind)).findFirst();
    }

    public Optional<EntryPoint> entryPoint(String name) {
        return entryPoints.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** Whether this artifact may be stored for use by later sessions (DESIGN.md's rule). */
    public boolean isPersistable() {
        return portable && (strategy.isPortable() || relocations.isEmpty());
    }
}
