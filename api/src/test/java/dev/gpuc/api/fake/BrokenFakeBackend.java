package dev.gpuc.api.fake;

import dev.gpuc.api.Availability;
import dev.gpuc.api.BackendId;

/** Its availability check fails the way a backend with a missing native library does. */
@BackendId("fake-broken")
public final class BrokenFakeBackend extends FakeBackendBase {
    public BrokenFakeBackend() {
        super("fake-broken");
    }

    @Override
    public Availability availability() {
        throw new UnsatisfiedLinkError("no libfakedriver in java.library.path");
    }
}
