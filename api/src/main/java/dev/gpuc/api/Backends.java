package dev.gpuc.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Finds backends through {@link ServiceLoader}, lazily: providers are filtered by their
 * {@link BackendId} annotation before any is instantiated, so asking for {@code cpu} never loads
 * the CUDA bindings. Each provider is instantiated at most once per {@code Backends} (the
 * service loader's provider stream would make a new instance on every lookup).
 */
public final class Backends {
    private final ServiceLoader<Backend> loader;
    private final Map<Class<? extends Backend>, Backend> instances = new HashMap<>();

    private Backends(ClassLoader classLoader) {
        this.loader = ServiceLoader.load(Backend.class, classLoader);
    }

    /** Discovery through the thread's context class loader (falling back to this class's). */
    public static Backends discover() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return new Backends(cl != null ? cl : Backends.class.getClassLoader());
    }

    public static Backends discover(ClassLoader classLoader) {
        return new Backends(classLoader);
    }

    /** The ids of every installed backend, sorted; instantiates only providers without {@link BackendId}. */
    public synchronized List<String> ids() {
        TreeSet<String> ids = new TreeSet<>();
        for (ServiceLoader.Provider<Backend> p : providers()) {
            ids.add(idOf(p));
        }
        return List.copyOf(ids);
    }

    /**
     * The highest-priority backend with this id, and whether it can run here. A backend whose
     * availability check throws (a missing native library, say) is unavailable, with the
     * exception as the reason.
     */
    public synchronized BackendLookup lookup(String id) {
        List<Backend> candidates = new ArrayList<>();
        for (ServiceLoader.Provider<Backend> p : providers()) {
            if (idOf(p).equals(id)) {
                candidates.add(instance(p));
            }
        }
        if (candidates.isEmpty()) {
            return new BackendLookup.NotInstalled(id, ids());
        }
        Backend best = candidates.stream().max(Comparator.comparingInt(Backend::priority)).orElseThrow();
        Availability a;
        try {
            a = best.availability();
        } catch (RuntimeException | LinkageError e) {
            a = Availability.no("availability check failed: " + e);
        }
        return a.available() ? new BackendLookup.Found(best) : new BackendLookup.Unavailable(best, a.reason());
    }

    /** Every installed backend, instantiated, one per id (the highest priority), sorted by id. */
    public synchronized List<Backend> all() {
        List<Backend> out = new ArrayList<>();
        for (String id : ids()) {
            BackendLookup l = lookup(id);
            if (l instanceof BackendLookup.Found f) {
                out.add(f.backend());
            } else if (l instanceof BackendLookup.Unavailable u) {
                out.add(u.backend());
            }
        }
        return out;
    }

    private Iterable<ServiceLoader.Provider<Backend>> providers() {
        return loader.stream()::iterator;
    }

    private Backend instance(ServiceLoader.Provider<Backend> provider) {
        return instances.computeIfAbsent(provider.type(), t -> provider.get());
    }

    private String idOf(ServiceLoader.Provider<Backend> provider) {
        BackendId annotation = provider.type().getAnnotation(BackendId.class);
        return annotation != null ? annotation.value() : instance(provider).id();
    }
}
