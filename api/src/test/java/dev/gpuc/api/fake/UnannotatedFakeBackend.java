package dev.gpuc.api.fake;

/** Without {@code @BackendId}: discovery has to instantiate it to learn its id. */
public final class UnannotatedFakeBackend extends FakeBackendBase {
    public UnannotatedFakeBackend() {
        super("fake-plain");
    }
}
