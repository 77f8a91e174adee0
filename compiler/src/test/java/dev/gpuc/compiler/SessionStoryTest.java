package dev.gpuc.compiler;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.Json;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The story the cache exists for, across two real JVMs that share only a cache directory: a
 * JIT emits a kernel with its session's host addresses; gpuc compiles it; a later session
 * emits the same kernel with other addresses and must get the right answers.
 */
class SessionStoryTest {
    /** Session A's and session B's addresses of :x and nothing (B's :x far above 4 GiB, as on x86-64 Linux). */
    static final long A_X = 0x7f8a_e79a_b4c8L;
    static final long A_NOTHING = 0x7f8a_e722_5010L;
    static final long B_X = 0x5581_0000_3000L;
    static final long B_NOTHING = 0x10_0000L;

    @TempDir
    Path cache;

    @ParameterizedTest
    @ValueSource(strings = {"PATCH", "IMPORT"})
    void aLaterSessionHitsTheCacheAndComputesWithItsOwnAddresses(String strategy) throws Exception {
        Map<?, ?> first = session(strategy, A_X, A_NOTHING);
        assertEquals("miss", first.get("cache"), first.toString());
        assertEquals(true, first.get("codegen"));
        assertSessionResults(first, A_X);

        Map<?, ?> second = session(strategy, B_X, B_NOTHING);
        assertEquals("hit", second.get("cache"), second.toString());
        assertEquals(false, second.get("codegen"), "no code generation in the second session");
        assertEquals(first.get("key"), second.get("key"), "same address-free module, same key");
        assertEquals(strategy, second.get("strategy"));
        assertSessionResults(second, B_X);
    }

    @Test
    void underBakeALaterSessionRecompiles() throws Exception {
        Map<?, ?> first = session("BAKE", A_X, A_NOTHING);
        assertEquals("bypass", first.get("cache"), first.toString());
        assertTrue(((String) first.get("reason")).contains("BAKE"), first.toString());
        assertSessionResults(first, A_X);

        Map<?, ?> second = session("BAKE", B_X, B_NOTHING);
        assertNotEquals("hit", second.get("cache"));
        assertEquals(true, second.get("codegen"), "recompiled for the new addresses");
        assertNotEquals(first.get("key"), second.get("key"), "baked addresses are part of a BAKE key");
        assertSessionResults(second, B_X);
    }

    @Test
    void aSessionThatCannotResolveAKeyGetsUnresolvedRuntimeValue() throws Exception {
        Map<?, ?> first = session("PATCH", A_X, A_NOTHING);
        ChildJvm.Exit second = ChildJvm.run(SessionMain.class, cache.toString(), "PATCH", Long.toString(B_X),
                Long.toString(B_NOTHING), "load-key", (String) first.get("key"));
        assertEquals(1, second.code(), second.stderr());
        Map<?, ?> report = (Map<?, ?>) Json.parse(second.stdout());
        assertEquals("unresolved-runtime-value", report.get("error"));
        assertTrue(((String) report.get("message")).contains("Core.nothing"), report.toString());
    }

    private Map<?, ?> session(String strategy, long x, long nothing) throws Exception {
        ChildJvm.Exit exit = ChildJvm.run(SessionMain.class, cache.toString(), strategy, Long.toString(x),
                Long.toString(nothing), "compile");
        assertEquals(0, exit.code(), exit.stdout() + exit.stderr());
        return (Map<?, ?>) Json.parse(exit.stdout());
    }

    private static void assertSessionResults(Map<?, ?> r, long x) {
        assertEquals(1L, r.get("is_x(x)"), r.toString());
        assertEquals(0L, r.get("is_x(nothing)"), r.toString());
        assertEquals(1L, r.get("is_nothing(nothing)"), r.toString());
        assertEquals(0L, r.get("is_nothing(x)"), r.toString());
        assertEquals(x, r.get("address_of_x"), r.toString());
    }
}
