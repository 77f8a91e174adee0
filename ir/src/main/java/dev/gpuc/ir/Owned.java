package dev.gpuc.ir;

/**
 * A native LLVM object that gpuc owns: released exactly once, and unusable afterwards.
 *
 * <p>Using a closed handle throws {@link IllegalStateException} instead of touching freed
 * native memory. Handles are not thread-safe; confine each one (and its {@link Context}) to
 * one thread at a time.
 */
public abstract class Owned implements AutoCloseable {
    private boolean closed;

    /** Throws if this handle was closed. */
    public final void checkOpen() {
        if (closed) {
            throw new IllegalStateException(getClass().getSimpleName() + " is closed");
        }
    }

    public final boolean isClosed() {
        return closed;
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        release();
    }

    /** Frees the native object; called at most once. */
    protected abstract void release();
}
