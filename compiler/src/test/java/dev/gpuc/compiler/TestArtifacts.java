package dev.gpuc.compiler;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.ArtifactCodec;
import dev.gpuc.api.EntryPoint;
import dev.gpuc.api.Payload;
import dev.gpuc.api.Provenance;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RelocationTable;
import dev.gpuc.api.Slot;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Small hand-made artifacts for tests of the cache tiers, which never look inside payloads. */
final class TestArtifacts {
    private TestArtifacts() {}

    static Artifact artifact(String payload) {
        return new Artifact(List.of(new Payload("object", payload.getBytes(StandardCharsets.UTF_8))),
                List.of(new EntryPoint("f", "f", false)),
                new RelocationTable(List.of(new Slot("jl_sym_x", "Symbol:x", 0x7f00_0000_1000L, 8, 0))),
                RelocationStrategy.PATCH, true, new Provenance("test", "20.1.7", "cpu", "test", "cpu:test"));
    }

    static byte[] encoded(String payload) {
        return ArtifactCodec.encode(artifact(payload));
    }

    /** A 64-hex-digit key made from a small number. */
    static String key(int n) {
        return String.format("%064x", n);
    }
}
