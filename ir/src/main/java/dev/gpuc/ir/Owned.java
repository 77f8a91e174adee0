package dev.gpuc.ir;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A native LLVM object that gpuc owns: released exactly once, and unusable afterwards.
 *
 * <p>Using a closed handle throws {@link IllegalStateException} instead of touching freed
 * native memory. Handles are not thread-safe; confine each one (and its {@link Context}) to
 * one thread at a time. {@link #close()} alone may be called from several threads at once:
 * exactly one of the calls releases.
 */
public abstract class Owned implements AutoCloseable {
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Throws if this handle was closed. */
    public final void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException(getClass().getSimpleName() + " is closed");
        }
    }

    public final boolean isClosed() {
        return closed.get();
    }

    @Override
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            release();
        }
    }

    /** Frees the native object; called at most once. */
    protected abstract void release();
}
