package dev.gpuc.api.fake;

import dev.gpuc.api.BackendId;

/** The default-priority provider of id {@code fake}. */
@BackendId("fake")
public final class FakeBackend extends FakeBackendBase {
    public FakeBackend() {
        super("fake");
    }
}
