package dev.gpuc.api;

import java.util.List;

/**
 * The answer to "give me backend X": found and usable, found but unavailable here (and why),
 * or not installed at all. These are different problems for a user, so they are different answers.
 */
public sealed interface BackendLookup {
    record Found(Backend backend) implements BackendLookup {}

    record Unavailable(Backend backend, String reason) implements BackendLookup {}

    record NotInstalled(String id, List<String> installed) implements BackendLookup {}

    /** The usable backend, or a {@link BackendUnavailable} that says which problem it is. */
    default Backend orThrow() {
        if (this instanceof Found f) {
            return f.backend();
        }
        if (this instanceof Unavailable u) {
            throw new BackendUnavailable(u.backend().id(), true,
                    "backend '" + u.backend().id() + "' is installed but unavailable on this machine: " + u.reason());
        }
        NotInstalled n = (NotInstalled) this;
        throw new BackendUnavailable(n.id(), false, "no backend '" + n.id() + "' on the class path (installed: "
                + (n.installed().isEmpty() ? "none" : String.join(", ", n.installed())) + ")");
    }
}
