package dev.gpuc.api.fake;

import dev.gpuc.api.BackendId;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts its instantiations, to show discovery does not instantiate providers it does not need. */
@BackendId("fake-counted")
public final class CountingFakeBackend extends FakeBackendBase {
    public static final AtomicInteger INSTANCES = new AtomicInteger();

    public CountingFakeBackend() {
        super("fake-counted");
        INSTANCES.incrementAndGet();
    }
}
