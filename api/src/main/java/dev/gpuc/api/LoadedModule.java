package dev.gpuc.api;

import java.util.List;

/** A loaded artifact; closing it unloads it. Backends return richer subtypes (callables, kernels). */
public interface LoadedModule extends AutoCloseable {
    Artifact artifact();

    /** The values each slot was bound to. */
    List<Binding> bindings();

    @Override
    void close();
}
