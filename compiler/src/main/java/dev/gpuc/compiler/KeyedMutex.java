package dev.gpuc.compiler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mutual exclusion per key within this JVM, holding no memory for keys nobody holds. File locks
 * exclude other processes but not other threads of the same JVM (a second {@code lock()} on the
 * same file throws), so the disk tier takes this first.
 */
final class KeyedMutex<K> {
    private final ConcurrentHashMap<K, CompletableFuture<Void>> held = new ConcurrentHashMap<>();

    /** Blocks until {@code key} is free, then holds it until the returned handle runs. */
    Runnable acquire(K key) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        while (true) {
            CompletableFuture<Void> other = held.putIfAbsent(key, mine);
            if (other == null) {
                return () -> {
                    held.remove(key, mine);
                    mine.complete(null);
                };
            }
            other.join();
        }
    }
}
