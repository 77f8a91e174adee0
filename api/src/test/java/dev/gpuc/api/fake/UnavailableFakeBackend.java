package dev.gpuc.api.fake;

import dev.gpuc.api.Availability;
import dev.gpuc.api.BackendId;

/** Installed, but says it cannot run here. */
@BackendId("fake-unavailable")
public final class UnavailableFakeBackend extends FakeBackendBase {
    public static final String REASON = "no fake accelerator on this machine";

    public UnavailableFakeBackend() {
        super("fake-unavailable");
    }

    @Override
    public Availability availability() {
        return Availability.no(REASON);
    }
}
