package dev.gpuc.cli;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.ArtifactCodec;
import dev.gpuc.api.CacheCorruption;
import dev.gpuc.compiler.CacheEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Artifacts as gpuc writes them to files: an {@link ArtifactCodec} file, a disk cache entry, or
 * a payload written by {@code compile -o OUT} with its sidecar {@code OUT.gpuc.json}.
 */
final class StoredArtifacts {
    private static final byte[] ARTIFACT_MAGIC = "GPUCART\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENTRY_MAGIC = "GPUCENT\0".getBytes(StandardCharsets.US_ASCII);

    private StoredArtifacts() {}

    /**
     * The artifact {@code file} holds, or empty when it is none of the three forms (LLVM IR, say).
     *
     * @throws CacheCorruption when it is one of them but damaged
     */
    static Optional<Artifact> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String where = file.toString();
        if (startsWith(bytes, ARTIFACT_MAGIC)) {
            return Optional.of(ArtifactCodec.decode(bytes, where));
        }
        if (startsWith(bytes, ENTRY_MAGIC)) {
            try {
                return Optional.of(ArtifactCodec.decode(CacheEntry.decode(file.getFileName().toString(), bytes), where));
            } catch (CacheEntry.Invalid e) {
                throw new CacheCorruption(where, e.getMessage());
            }
        }
        Path sidecar = sidecarOf(file);
        if (Files.isRegularFile(sidecar)) {
            return Optional.of(withSidecar(Files.readString(sidecar).strip(), bytes, where));
        }
        return Optional.empty();
    }

    static Path sidecarOf(Path file) {
        return file.resolveSibling(file.getFileName() + Outputs.SIDECAR);
    }

    /**
     * The artifact a sidecar describes, around its primary payload: reassembled in the
     * documented {@link ArtifactCodec} layout (the sidecar is that layout's header) and decoded,
     * after checking the payload against the size and SHA-256 the sidecar records.
     */
    private static Artifact withSidecar(String sidecar, byte[] payload, String where) {
        Map<?, ?> header;
        try {
            header = ArtifactCodec.parseHeader(sidecar);
        } catch (IllegalArgumentException e) {
            throw new CacheCorruption(where + Outputs.SIDECAR, "not a gpuc sidecar: " + e.getMessage());
        }
        List<?> payloads = (List<?>) header.get("payloads");
        if (payloads == null || payloads.size() != 1) {
            throw new CacheCorruption(where, "the sidecar lists " + (payloads == null ? 0 : payloads.size())
                    + " payloads; only single-payload artifacts can be rebuilt from an -o output");
        }
        Map<?, ?> p = (Map<?, ?>) payloads.get(0);
        String sha = HexFormat.of().formatHex(ArtifactCodec.sha256(payload, 0, payload.length));
        if (!Long.valueOf(payload.length).equals(p.get("size")) || !sha.equals(p.get("sha256"))) {
            throw new CacheCorruption(where, "does not match its sidecar (size or SHA-256 differs): changed since gpuc wrote it");
        }
        byte[] h = sidecar.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ARTIFACT_MAGIC);
        out.writeBytes(ByteBuffer.allocate(8).putInt(ArtifactCodec.FORMAT_VERSION).putInt(h.length).array());
        out.writeBytes(h);
        out.writeBytes(payload);
        byte[] body = out.toByteArray();
        out.writeBytes(ArtifactCodec.sha256(body, 0, body.length));
        return ArtifactCodec.decode(out.toByteArray(), where);
    }

    private static boolean startsWith(byte[] bytes, byte[] magic) {
        return bytes.length >= magic.length && Arrays.equals(bytes, 0, magic.length, magic, 0, magic.length);
    }
}
