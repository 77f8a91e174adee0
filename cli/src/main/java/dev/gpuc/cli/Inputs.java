package dev.gpuc.cli;

import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RuntimeValueMap;
import dev.gpuc.api.RuntimeValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Reading what the user named on the command line; a file that cannot be read is a usage error. */
final class Inputs {
    private Inputs() {}

    static ModuleSource source(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new Failures.Usage("input " + path + " does not exist or is not a file");
        }
        try {
            return ModuleSource.of(path);
        } catch (IOException e) {
            throw new Failures.Usage("cannot read input " + path + ": " + e.getMessage());
        }
    }

    static RuntimeValues runtimeValues(Path file) {
        if (file == null) {
            return RuntimeValues.empty();
        }
        if (!Files.isRegularFile(file)) {
            throw new Failures.Usage("runtime-values file " + file + " does not exist");
        }
        try {
            return RuntimeValueMap.read(file);
        } catch (IOException | IllegalArgumentException e) {
            throw new Failures.Usage("bad runtime-values file: " + e.getMessage());
        }
    }

    /** {@code auto} (null: the backend's preferred strategy) or a strategy's name. */
    static RelocationStrategy relocation(String name) {
        if (name == null || name.equalsIgnoreCase("auto")) {
            return null;
        }
        try {
            return RelocationStrategy.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Failures.Usage("--relocation must be auto, bake, patch, import or table, not '" + name + "'");
        }
    }
}
