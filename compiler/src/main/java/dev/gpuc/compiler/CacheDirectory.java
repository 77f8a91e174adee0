package dev.gpuc.compiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/** Where the disk cache lives and whether it is safe to use. */
public final class CacheDirectory {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private CacheDirectory() {}

    /**
     * The default cache directory: {@code $GPUC_CACHE_DIR}, else {@code $XDG_CACHE_HOME/gpuc}
     * (when absolute, as the XDG spec requires), else {@code ~/.cache/gpuc}.
     */
    public static Path defaultDirectory() {
        return defaultDirectory(System.getenv(), System.getProperty("user.home"));
    }

    static Path defaultDirectory(Map<String, String> env, String home) {
        String explicit = env.get("GPUC_CACHE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "gpuc");
        }
        return Path.of(home, ".cache", "gpuc");
    }

    /**
     * Creates {@code dir} owner-only if it does not exist; refuses an existing one that is not
     * a directory, belongs to another user, or is writable by group or others.
     *
     * @throws InsecureCacheDirectory when the directory must not be used
     * @throws IOException when it cannot be created
     */
    static void secure(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class);
        if (!a.isDirectory()) {
            throw new InsecureCacheDirectory(dir, "it is not a directory");
        }
        String me = System.getProperty("user.name");
        if (!a.owner().getName().equals(me)) {
            throw new InsecureCacheDirectory(dir, "it belongs to " + a.owner().getName() + ", not " + me);
        }
        Set<PosixFilePermission> p = a.permissions();
        if (p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new InsecureCacheDirectory(dir, "it is writable by " + (p.contains(PosixFilePermission.OTHERS_WRITE)
                    ? "all users" : "its group") + " (mode " + PosixFilePermissions.toString(p) + ")");
        }
    }

    /** Creates a subdirectory owner-only (no-op when present). */
    static void createPrivate(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
    }
}
