package dev.gpuc.api;

/** Loads artifacts into a runtime (a JIT, a GPU driver) and binds their runtime globals. */
public interface Loader {
    /** Whether the runtime this loader needs is present (a driver, a device), and if not, why. */
    Availability availability();

    /**
     * Loads an artifact, binding every slot to the value {@code values} gives for its key.
     *
     * @throws UnresolvedRuntimeValue when a key cannot be resolved, or a BAKE artifact was
     *                                compiled for other addresses
     */
    LoadedModule load(Artifact artifact, RuntimeValues values);
}
