package dev.gpuc.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One compilation request: a module, a target, options, and the front end's runtime values.
 * Immutable; build with {@link #builder(ModuleSource, Target)}.
 *
 * @param entryPoints functions to keep as entry points; empty means the module's kernels, else
 *                    every externally visible definition
 * @param kernel      whether entry points are kernels (launched by a runtime) rather than
 *                    plain functions
 * @param allowedExternals names of external functions the front end's runtime provides, in
 *                    addition to what the backend allows (a trailing {@code *} is a prefix match)
 */
public record CompileJob(ModuleSource source, Target target, int optLevel, List<String> entryPoints,
                         boolean kernel, DebugInfo debugInfo, boolean validate, List<ModuleSource> libraries,
                         RuntimeValues runtimeValues, RelocationStrategy requestedStrategy,
                         Set<String> allowedExternals) {
    public CompileJob {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        if (optLevel < 0 || optLevel > 3) {
            throw new IllegalArgumentException("opt level must be 0..3, got " + optLevel);
        }
        entryPoints = List.copyOf(entryPoints);
        Objects.requireNonNull(debugInfo, "debugInfo");
        libraries = List.copyOf(libraries);
        Objects.requireNonNull(runtimeValues, "runtimeValues");
        allowedExternals = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(allowedExternals));
    }

    /** The strategy the caller asked for, if any; otherwise the backend's preferred one is used. */
    public Optional<RelocationStrategy> relocation() {
        return Optional.ofNullable(requestedStrategy);
    }

    public static Builder builder(ModuleSource source, Target target) {
        return new Builder(source, target);
    }

    public Builder toBuilder() {
        Builder b = new Builder(source, target);
        b.optLevel = optLevel;
        b.entryPoints.addAll(entryPoints);
        b.kernel = kernel;
        b.debugInfo = debugInfo;
        b.validate = validate;
        b.libraries.addAll(libraries);
        b.runtimeValues = runtimeValues;
        b.relocation = requestedStrategy;
        b.allowedExternals.addAll(allowedExternals);
        return b;
    }

    public static final class Builder {
        private ModuleSource source;
        private Target target;
        private int optLevel = 2;
        private final List<String> entryPoints = new ArrayList<>();
        private boolean kernel = true;
        private DebugInfo debugInfo = DebugInfo.NONE;
        private boolean validate = true;
        private final List<ModuleSource> libraries = new ArrayList<>();
        private RuntimeValues runtimeValues = RuntimeValues.empty();
        private RelocationStrategy relocation;
        private final Set<String> allowedExternals = new TreeSet<>();

        private Builder(ModuleSource source, Target target) {
            this.source = source;
            this.target = target;
        }

        public Builder source(ModuleSource s) {
            this.source = s;
            return this;
        }

        public Builder target(Target t) {
            this.target = t;
            return this;
        }

        public Builder optLevel(int level) {
            this.optLevel = level;
            return this;
        }

        public Builder entryPoint(String name) {
            entryPoints.add(name);
            return this;
        }

        public Builder entryPoints(List<String> names) {
            entryPoints.addAll(names);
            return this;
        }

        public Builder kernel(boolean k) {
            this.kernel = k;
            return this;
        }

        public Builder debugInfo(DebugInfo d) {
            this.debugInfo = d;
            return this;
        }

        public Builder validate(boolean v) {
            this.validate = v;
            return this;
        }

        public Builder library(ModuleSource lib) {
            libraries.add(lib);
            return this;
        }

        public Builder runtimeValues(RuntimeValues values) {
            this.runtimeValues = values;
            return this;
        }

        /** Asks for a strategy; null means the backend's preferred one. */
        public Builder relocation(RelocationStrategy strategy) {
            this.relocation = strategy;
            return this;
        }

        public Builder allowExternal(String name) {
            allowedExternals.add(name);
            return this;
        }

        public CompileJob build() {
            return new CompileJob(source, target, optLevel, entryPoints, kernel, debugInfo, validate, libraries,
                    runtimeValues, relocation, allowedExternals);
        }
    }
}
