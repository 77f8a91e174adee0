package dev.gpuc.compiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes a directory read-only for this process until closed: by its mode for ordinary users;
 * for root, whom modes do not stop, by the immutable attribute ({@code chattr +i}). Skips the
 * test when neither works here.
 */
final class ReadOnlyDirectory implements AutoCloseable {
    private final Path dir;
    private final Set<PosixFilePermission> mode;
    private final boolean immutable;

    private ReadOnlyDirectory(Path dir, Set<PosixFilePermission> mode, boolean immutable) {
        this.dir = dir;
        this.mode = mode;
        this.immutable = immutable;
    }

    static ReadOnlyDirectory of(Path dir) throws IOException, InterruptedException {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        if (!Files.isWritable(dir)) {
            return new ReadOnlyDirectory(dir, mode, false);
        }
        Files.setPosixFilePermissions(dir, mode);
        boolean immutable = chattr("+i", dir);
        if (immutable && !canCreateIn(dir)) {
            return new ReadOnlyDirectory(dir, mode, true);
        }
        if (immutable) {
            chattr("-i", dir);
        }
        return Assumptions.abort("cannot make a directory read-only here (running as root, and chattr +i does not work)");
    }

    private static boolean canCreateIn(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, "probe", ""));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean chattr(String flag, Path dir) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder("chattr", flag, dir.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false; // no chattr on this machine
        }
    }

    @Override
    public void close() throws IOException {
        if (immutable) {
            try {
                chattr("-i", dir);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while making " + dir + " writable again", e);
            }
        } else {
            Files.setPosixFilePermissions(dir, mode);
        }
    }
}
