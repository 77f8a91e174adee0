package dev.gpuc.api.fake;

import dev.gpuc.api.BackendId;

/** A second provider of id {@code fake}, with a higher priority: lookups must pick it. */
@BackendId("fake")
public final class PreferredFakeBackend extends FakeBackendBase {
    public PreferredFakeBackend() {
        super("fake");
    }

    @Override
    public int priority() {
        return 10;
    }
}
