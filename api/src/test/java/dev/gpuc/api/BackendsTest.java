package dev.gpuc.api;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.fake.CountingFakeBackend;
import dev.gpuc.api.fake.PreferredFakeBackend;
import dev.gpuc.api.fake.UnannotatedFakeBackend;
import dev.gpuc.api.fake.UnavailableFakeBackend;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fake backends of the test sources are found through the SPI; no gpuc code names them. */
class BackendsTest {
    @Test
    void fakeBackendsAreDiscovered() {
        assertEquals(List.of("fake", "fake-broken", "fake-counted", "fake-plain", "fake-unavailable"),
                Backends.discover().ids());
    }

    @Test
    void theHighestPriorityProviderIsFound() {
        BackendLookup lookup = Backends.discover().lookup("fake");
        BackendLookup.Found found = assertInstanceOf(BackendLookup.Found.class, lookup);
        assertInstanceOf(PreferredFakeBackend.class, found.backend());
        assertSame(found.backend(), lookup.orThrow());
    }

    @Test
    void anUnavailableBackendSaysWhy() {
        BackendLookup lookup = Backends.discover().lookup("fake-unavailable");
        BackendLookup.Unavailable u = assertInstanceOf(BackendLookup.Unavailable.class, lookup);
        assertInstanceOf(UnavailableFakeBackend.class, u.backend());
        assertEquals(UnavailableFakeBackend.REASON, u.reason());
        BackendUnavailable e = assertThrows(BackendUnavailable.class, lookup::orThrow);
        assertTrue(e.installed());
        assertEquals("fake-unavailable", e.backend());
        assertTrue(e.getMessage().contains(UnavailableFakeBackend.REASON), e.getMessage());
    }

    @Test
    void aFailingAvailabilityCheckIsUnavailableNotACrash() {
        BackendLookup.Unavailable u = assertInstanceOf(BackendLookup.Unavailable.class,
                Backends.discover().lookup("fake-broken"));
        assertTrue(u.reason().contains("UnsatisfiedLinkError"), u.reason());
        assertTrue(u.reason().contains("libfakedriver"), u.reason());
    }

    @Test
    void anUnknownIdIsNotInstalledAndListsWhatIs() {
        BackendLookup lookup = Backends.discover().lookup("nosuch");
        BackendLookup.NotInstalled n = assertInstanceOf(BackendLookup.NotInstalled.class, lookup);
        assertEquals("nosuch", n.id());
        assertTrue(n.installed().contains("fake"));
        BackendUnavailable e = assertThrows(BackendUnavailable.class, lookup::orThrow);
        assertFalse(e.installed());
        assertTrue(e.getMessage().contains("no backend 'nosuch'"), e.getMessage());
        assertTrue(e.getMessage().contains("fake-unavailable"), e.getMessage());
    }

    @Test
    void annotatedProvidersAreInstantiatedOnlyWhenTheirIdIsAskedFor() {
        int before = CountingFakeBackend.INSTANCES.get();
        Backends backends = Backends.discover();
        backends.ids();
        backends.lookup("fake");
        backends.lookup("fake-unavailable");
        backends.lookup("nosuch");
        assertEquals(before, CountingFakeBackend.INSTANCES.get(), "looking up other ids instantiated it");
        assertInstanceOf(BackendLookup.Found.class, backends.lookup("fake-counted"));
        assertEquals(before + 1, CountingFakeBackend.INSTANCES.get());
        backends.lookup("fake-counted");
        backends.all();
        assertEquals(before + 1, CountingFakeBackend.INSTANCES.get(), "one instance per provider and Backends");
    }

    @Test
    void unannotatedProvidersAreFoundByTheirId() {
        assertInstanceOf(UnannotatedFakeBackend.class, Backends.discover().lookup("fake-plain").orThrow());
    }

    @Test
    void allGivesOneBackendPerIdSortedById() {
        List<Backend> all = Backends.discover().all();
        assertEquals(List.of("fake", "fake-broken", "fake-counted", "fake-plain", "fake-unavailable"),
                all.stream().map(Backend::id).toList());
        assertInstanceOf(PreferredFakeBackend.class, all.get(0));
    }

    @Test
    void discoveryFollowsTheClassLoaderItIsGiven() {
        ClassLoader empty = new ClassLoader(null) {};
        assertEquals(List.of(), Backends.discover(empty).ids());
        assertInstanceOf(BackendLookup.NotInstalled.class, Backends.discover(empty).lookup("fake"));
    }
}
