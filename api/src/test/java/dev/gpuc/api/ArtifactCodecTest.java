package dev.gpuc.api;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ArtifactCodecTest {
    static final Artifact ARTIFACT = new Artifact(
            List.of(new Payload("ptx", ".version 8.0\n.target sm_80\n".getBytes(StandardCharsets.UTF_8)),
                    new Payload("cubin", new byte[] {0x7f, 'E', 'L', 'F', 0, (byte) 0xff})),
            List.of(new EntryPoint("vadd", "vadd", true), new EntryPoint("helper \u00e9", "helper_", false)),
            new RelocationTable(List.of(new Slot("gpuc_Symbol_x", "Symbol:x", 0x7f8ae79ab4cbL, 8, 1),
                    new Slot("gpuc_nothing", "Core.nothing", 0, 8, 1),
                    new Slot("gpuc_high", "high", 0xffff_ffff_ffff_fff0L, 8, 1))),
            RelocationStrategy.PATCH, true,
            new Provenance("0.1.0", "20.1.7", "ptx", "0.1.0+ptxas-13.0", "ptx:nvptx64-nvidia-cuda;arch=sm_80"));

    static final byte[] ENCODED = ArtifactCodec.encode(ARTIFACT);

    @Test
    void roundTripGivesAnEqualArtifact() {
        assertEquals(ARTIFACT, ArtifactCodec.decode(ENCODED, "test"));
    }

    @Test
    void encodingIsDeterministic() {
        assertArrayEquals(ENCODED, ArtifactCodec.encode(ARTIFACT));
        assertArrayEquals(ENCODED, ArtifactCodec.encode(ArtifactCodec.decode(ENCODED, "test")));
    }

    @Test
    void everyTruncationIsCorruption() {
        for (int length = 0; length < ENCODED.length; length++) {
            assertCorrupt(Arrays.copyOf(ENCODED, length), null);
        }
    }

    @Test
    void everyFlippedByteIsCorruption() {
        for (int i = 0; i < ENCODED.length; i++) {
            byte[] b = ENCODED.clone();
            b[i] ^= 0x20;
            assertCorrupt(b, null);
        }
    }

    @Test
    void aFutureFormatVersionSaysSo() {
        byte[] b = ENCODED.clone();
        ByteBuffer.wrap(b).putInt(8, ArtifactCodec.FORMAT_VERSION + 1);
        assertCorrupt(resign(Arrays.copyOf(b, b.length - 32)), "artifact format version 2, this gpuc reads 1");
    }

    @Test
    void garbageIsCorruption() {
        Random random = new Random(7);
        for (int n : new int[] {0, 1, 39, 40, 41, 100, 4096}) {
            byte[] b = new byte[n];
            random.nextBytes(b);
            assertCorrupt(b, "not a gpuc artifact");
            if (n >= 8) {
                System.arraycopy("GPUCART\0".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 8);
                assertCorrupt(b, null);
            }
        }
    }

    /** Headers a hostile writer could sign: each must be refused as corruption, nothing else. */
    static Stream<String> hostileHeaders() {
        String good = Json.write(ArtifactCodec.header(ARTIFACT));
        return Stream.of(
                "[]", "null", "\"text\"", "{}", "{",
                "[".repeat(1_000_000),
                edit(good, "\"0x7f8ae79ab4cb\"", "\"x\""),
                edit(good, "\"0x7f8ae79ab4cb\"", "\"0x\""),
                edit(good, "\"0x7f8ae79ab4cb\"", "\"0x10000000000000000\""),
                edit(good, "\"0x7f8ae79ab4cb\"", "7"),
                edit(good, "\"size\": 27", "\"size\": 2147483648000"),
                edit(good, "\"size\": 27", "\"size\": -1"),
                edit(good, "\"size\": 27", "\"size\": 1.5"),
                edit(good, "\"size\": 27", "\"size\": 26"),
                edit(good, "\"strategy\": \"PATCH\"", "\"strategy\": \"MAGIC\""),
                edit(good, "\"kernel\": true", "\"kernel\": \"yes\""),
                edit(good, "\"name\": \"gpuc_Symbol_x\"", "\"name\": \"bad name#\""),
                edit(good, "\"formatVersion\": 1", "\"formatVersion\": 2"),
                edit(good, "\"format\": \"gpuc-artifact\"", "\"format\": \"other\""),
                edit(edit(good, "\"provenance\": {", "\"provenance\": [{"), "},\n  \"entryPoints\"", "}],\n  \"entryPoints\""),
                edit(good, "\"sha256\": \"", "\"sha256\": \"0000").replaceFirst("0000[0-9a-f]{4}", "0000"),
                edit(good, "\"payloads\": [", "\"payloads\": [null, "),
                good + " trailing");
    }

    /** {@code text} with {@code from} replaced; fails when {@code from} is absent, so no case is silently valid. */
    private static String edit(String text, String from, String to) {
        assertTrue(text.contains(from), () -> "header has no " + from);
        return text.replace(from, to);
    }

    @ParameterizedTest
    @MethodSource("hostileHeaders")
    void aSignedButHostileHeaderIsCorruption(String header) {
        assertCorrupt(withHeader(header, ARTIFACT.payloads()), null);
    }

    @Test
    void randomlyMutatedSignedHeadersAreCorruptionOrValid() {
        String good = Json.write(ArtifactCodec.header(ARTIFACT));
        Random random = new Random(2024);
        String alphabet = "{}[]\",:0123456789-+.eE \\ux";
        for (int round = 0; round < 2_000; round++) {
            StringBuilder h = new StringBuilder(good);
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                h.setCharAt(random.nextInt(h.length()), alphabet.charAt(random.nextInt(alphabet.length())));
            }
            byte[] bytes = withHeader(h.toString(), ARTIFACT.payloads());
            try {
                ArtifactCodec.decode(bytes, "fuzz");
            } catch (CacheCorruption expected) {
                assertTrue(expected.getMessage().startsWith("fuzz: "));
            }
        }
    }

    @Test
    void theHeaderIsReadableMetadata() {
        java.util.Map<?, ?> h = ArtifactCodec.parseHeader(Json.write(ArtifactCodec.header(ARTIFACT)));
        assertEquals("PATCH", h.get("strategy"));
        assertThrows(IllegalArgumentException.class, () -> ArtifactCodec.parseHeader("{\"format\": \"x\"}"));
    }

    @Test
    void aSidecarAndItsPayloadFilesRebuildTheArtifact() {
        java.util.Map<?, ?> sidecar = ArtifactCodec.parseHeader(Json.write(ArtifactCodec.header(ARTIFACT)));
        assertEquals(ARTIFACT, ArtifactCodec.fromSidecar(sidecar, ARTIFACT.payloads(), "k.ptx.gpuc.json"));
    }

    @Test
    void aSidecarRefusesPayloadsItDoesNotDescribe() {
        java.util.Map<?, ?> sidecar = ArtifactCodec.parseHeader(Json.write(ArtifactCodec.header(ARTIFACT)));
        Payload ptx = ARTIFACT.payloads().get(0);
        Payload cubin = ARTIFACT.payloads().get(1);
        byte[] edited = ptx.bytes();
        edited[0] ^= 1;
        for (List<Payload> wrong : List.of(List.of(ptx), List.of(cubin, ptx), List.of(new Payload("ptx", edited), cubin),
                List.of(ptx, new Payload("hsaco", cubin.bytes())), List.of(ptx, cubin, cubin))) {
            CacheCorruption e = assertThrows(CacheCorruption.class,
                    () -> ArtifactCodec.fromSidecar(sidecar, wrong, "k.ptx.gpuc.json"), wrong::toString);
            assertEquals("k.ptx.gpuc.json", e.where());
        }
        String future = Json.write(ArtifactCodec.header(ARTIFACT)).replace("\"formatVersion\": 1", "\"formatVersion\": 2");
        CacheCorruption e = assertThrows(CacheCorruption.class,
                () -> ArtifactCodec.fromSidecar(ArtifactCodec.parseHeader(future), ARTIFACT.payloads(), "s"));
        assertTrue(e.getMessage().contains("not a version 1 gpuc artifact header"), e.getMessage());
    }

    private static void assertCorrupt(byte[] bytes, String expectedText) {
        CacheCorruption e = assertThrows(CacheCorruption.class, () -> ArtifactCodec.decode(bytes, "cache/ab12"));
        assertEquals("cache/ab12", e.where());
        assertEquals("cache-corruption", e.kind());
        assertTrue(e.getMessage().startsWith("cache/ab12: ") && e.getMessage().length() > 20, e.getMessage());
        if (expectedText != null) {
            assertTrue(e.getMessage().contains(expectedText), e.getMessage());
        }
    }

    /** An artifact with the given header text, correctly framed and checksummed. */
    private static byte[] withHeader(String header, List<Payload> payloads) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Arrays.copyOf(ENCODED, 8));
        out.writeBytes(ByteBuffer.allocate(8).putInt(ArtifactCodec.FORMAT_VERSION).putInt(h.length).array());
        out.writeBytes(h);
        payloads.forEach(p -> out.writeBytes(p.bytes()));
        return resign(out.toByteArray());
    }

    private static byte[] resign(byte[] body) {
        byte[] out = Arrays.copyOf(body, body.length + 32);
        System.arraycopy(ArtifactCodec.sha256(body, 0, body.length), 0, out, body.length, 32);
        return out;
    }
}
