package dev.gpuc.compiler;

import dev.gpuc.api.ArtifactCodec;
import dev.gpuc.api.CacheCorruption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The on-disk tier, shared by every process of the user.
 *
 * <p>Layout: {@code entries/<k[0..2]>/<key>} holds one {@link CacheEntry} per key;
 * {@code locks/<key>.lock} is the file a compiling process locks so that others wait for its
 * result instead of compiling the same key. An entry is written to a temporary file in its
 * final directory and renamed into place, so a reader sees the old entry, the new one or none,
 * never a torn one. A damaged or foreign entry is a miss: it is removed and logged, never loaded.
 * The total size is bounded; when a write takes it over the bound, the least recently used
 * entries (by modification time, which a hit refreshes) go first.
 */
public final class DiskCacheStore implements CacheStore {
    public static final long DEFAULT_MAX_BYTES = 1L << 30;
    private static final System.Logger LOG = System.getLogger("dev.gpuc.compiler.cache");
    private static final KeyedMutex<Path> IN_JVM = new KeyedMutex<>();
    private static final String TEMP_SUFFIX = ".tmp";
    /** A temporary file this old belongs to a process that died mid-write. */
    private static final Duration STALE_TEMP = Duration.ofHours(1);

    private final Path root;
    private final Path entries;
    private final Path locks;
    private final long maxBytes;
    /** Why this tier cannot be used at all (the directory could not be created), or null. */
    private final String unusable;
    /** This process's estimate of the stored bytes; a scan corrects it before evicting. */
    private final AtomicLong estimate = new AtomicLong(-1);
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong evictions = new AtomicLong();
    private final AtomicLong corrupt = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();
    private final AtomicLong readFailures = new AtomicLong();

    private DiskCacheStore(Path root, long maxBytes, String unusable) {
        this.root = root;
        this.entries = root.resolve("entries");
        this.locks = root.resolve("locks");
        this.maxBytes = maxBytes;
        this.unusable = unusable;
    }

    /**
     * Opens (creating owner-only where needed) the cache in {@code root}. A directory that
     * cannot be created gives a tier that stores nothing and says why on every write.
     *
     * @throws InsecureCacheDirectory when the directory is writable by other users
     */
    public static DiskCacheStore open(Path root, long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("disk cache size must be positive, got " + maxBytes);
        }
        Path dir = root.toAbsolutePath().normalize();
        try {
            CacheDirectory.secure(dir);
            return new DiskCacheStore(dir, maxBytes, null);
        } catch (IOException e) {
            String why = "cannot create cache directory " + dir + ": " + describe(e);
            LOG.log(Level.WARNING, why + "; caching on disk is off");
            return new DiskCacheStore(dir, maxBytes, why);
        }
    }

    public static DiskCacheStore open(Path root) {
        return open(root, DEFAULT_MAX_BYTES);
    }

    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return "disk:" + root;
    }

    Path entryPath(String key) {
        return entries.resolve(key.substring(0, 2)).resolve(key);
    }

    @Override
    public Optional<byte[]> get(String key) {
        Path path = entryPath(key);
        byte[] file;
        try {
            file = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            misses.incrementAndGet();
            return Optional.empty();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot read cache entry " + path + ": " + describe(e) + "; treating it as a miss");
            readFailures.incrementAndGet();
            misses.incrementAndGet();
            return Optional.empty();
        }
        try {
            byte[] data = CacheEntry.decode(key, file);
            touch(path);
            hits.incrementAndGet();
            return Optional.of(data);
        } catch (CacheEntry.Invalid e) {
            misses.incrementAndGet();
            throw discard(path, e.getMessage());
        }
    }

    /**
     * Removes a damaged entry and returns the error that reports it.
     */
    CacheCorruption discard(Path path, String problem) {
        corrupt.incrementAndGet();
        deleteQuietly(path);
        LOG.log(Level.WARNING, "removed damaged cache entry " + path + ": " + problem);
        return new CacheCorruption(path.toString(), problem + "; entry removed");
    }

    /** Marks a hit for LRU; a read-only cache simply keeps its old order. */
    private static void touch(Path path) {
        try {
            Files.setLastModifiedTime(path, FileTime.from(Instant.now()));
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot refresh " + path + ": " + e);
        }
    }

    @Override
    public void put(String key, byte[] data) throws IOException {
        if (unusable != null) {
            writeFailures.incrementAndGet();
            throw new IOException(unusable);
        }
        Path path = entryPath(key);
        byte[] file = CacheEntry.encode(key, data);
        Path temp = null;
        try {
            CacheDirectory.createPrivate(path.getParent());
            temp = Files.createTempFile(path.getParent(), "." + key + ".", TEMP_SUFFIX,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(temp, file);
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
        } catch (IOException e) {
            writeFailures.incrementAndGet();
            throw new IOException("cannot store cache entry " + path + ": " + describe(e), e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
        writes.incrementAndGet();
        long total = estimate.get() < 0 ? scanBytes() : estimate.addAndGet(file.length);
        if (total > maxBytes) {
            evict();
        }
    }

    @Override
    public void remove(String key) {
        deleteQuietly(entryPath(key));
    }

    /** One stored entry, as a scan sees it. */
    private record Stored(Path path, long size, FileTime used) {}

    private List<Stored> scan() {
        List<Stored> out = new ArrayList<>();
        if (!Files.isDirectory(entries)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(entries, 2)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                try {
                    if (!Files.isRegularFile(p)) {
                        continue;
                    }
                    if (p.getFileName().toString().endsWith(TEMP_SUFFIX)) {
                        if (Files.getLastModifiedTime(p).toInstant().isBefore(Instant.now().minus(STALE_TEMP))) {
                            deleteQuietly(p);
                        }
                        continue;
                    }
                    out.add(new Stored(p, Files.size(p), Files.getLastModifiedTime(p)));
                } catch (IOException e) {
                    // removed by another process while we looked: not stored any more
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.DEBUG, "cannot scan " + entries + ": " + e);
        }
        return out;
    }

    private long scanBytes() {
        long total = scan().stream().mapToLong(Stored::size).sum();
        estimate.set(total);
        return total;
    }

    /** Brings the cache down to 90 % of its bound, least recently used first. */
    private synchronized void evict() {
        List<Stored> stored = scan();
        long total = stored.stream().mapToLong(Stored::size).sum();
        if (total > maxBytes) {
            stored.sort(Comparator.comparing(Stored::used));
            long target = maxBytes / 10 * 9;
            for (Stored s : stored) {
                if (total <= target) {
                    break;
                }
                deleteQuietly(s.path());
                // the lock file only ever guards an entry that does not exist yet
                deleteQuietly(locks.resolve(s.path().getFileName() + ".lock"));
                total -= s.size();
                evictions.incrementAndGet();
            }
        }
        estimate.set(total);
    }

    @Override
    public CacheStats stats() {
        List<Stored> stored = scan();
        return new CacheStats(describe(), stored.size(), stored.stream().mapToLong(Stored::size).sum(), maxBytes,
                hits.get(), misses.get(), writes.get(), evictions.get(), corrupt.get(), writeFailures.get(),
                readFailures.get() + writeFailures.get());
    }

    @Override
    public VerifyReport verify() {
        List<String> removed = new ArrayList<>();
        List<Stored> stored = scan();
        for (Stored s : stored) {
            String key = s.path().getFileName().toString();
            try {
                ArtifactCodec.decode(CacheEntry.decode(key, Files.readAllBytes(s.path())), s.path().toString());
            } catch (CacheEntry.Invalid e) {
                removed.add(discard(s.path(), e.getMessage()).getMessage());
            } catch (CacheCorruption e) {
                removed.add(discard(s.path(), "artifact inside: " + e.getMessage()).getMessage());
            } catch (IOException e) {
                // vanished under us (another process evicted it): nothing to verify
            }
        }
        return new VerifyReport(describe(), stored.size(), stored.size() - removed.size(), removed);
    }

    @Override
    public void clear() throws IOException {
        for (Path dir : List.of(entries, locks)) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        estimate.set(0);
    }

    /**
     * Excludes other threads of this JVM, then other processes (an OS file lock on
     * {@code locks/<key>.lock}). Where the lock file cannot be created (read-only cache), the
     * lease excludes only this JVM: the worst outcome is a duplicate compilation.
     */
    @Override
    public Lease lease(String key) {
        Path lockFile = locks.resolve(key + ".lock");
        Runnable releaseJvm = IN_JVM.acquire(lockFile);
        FileChannel channel = null;
        try {
            CacheDirectory.createPrivate(locks);
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = waitForLock(channel);
            FileChannel held = channel;
            return () -> {
                try (held) {
                    lock.release();
                } catch (IOException e) {
                    LOG.log(Level.DEBUG, "releasing " + lockFile + ": " + e);
                } finally {
                    releaseJvm.run();
                }
            };
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing a channel we could not lock: nothing left to release
                }
            }
            LOG.log(Level.DEBUG, "cannot lock " + lockFile + " (" + e + "); not coordinating with other processes");
            return releaseJvm::run;
        }
    }

    /**
     * Polls for the lock instead of blocking in {@code fcntl(F_SETLKW)}: the kernel's deadlock
     * detection for POSIX locks works per process, so two processes whose threads wait for each
     * other's (different) keys get a false EDEADLK. Polling never waits in the kernel.
     */
    private static FileLock waitForLock(FileChannel channel) throws IOException, InterruptedException {
        long pauseMillis = 1;
        FileLock lock;
        while ((lock = channel.tryLock()) == null) {
            Thread.sleep(pauseMillis);
            pauseMillis = Math.min(2 * pauseMillis, 50);
        }
        return lock;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot delete " + p + ": " + e);
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return m == null ? kind : kind + " (" + m + ")";
    }
}
