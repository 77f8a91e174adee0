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

    /**
     * The metadata of whatever {@code file} is: an artifact or cache entry (decoded and
     * verified), a payload written with {@code -o} (its sidecar, checked against it), or a
     * sidecar itself; empty for anything else.
     */
    static Optional<Map<?, ?>> header(Path file) throws IOException {
        Path sidecar = sidecarOf(file);
        if (Files.isRegularFile(sidecar)) {
            Map<?, ?> header = parseSidecar(Files.readString(sidecar), file.toString());
            checkWritten(header, Files.readAllBytes(file), file.toString());
            return Optional.of(header);
        }
        Optional<Artifact> stored = read(file);
        if (stored.isPresent()) {
            return Optional.of(ArtifactCodec.header(stored.get()));
        }
        try {
            return Optional.of(ArtifactCodec.parseHeader(Files.readString(file)));
        } catch (IllegalArgumentException | java.nio.charset.MalformedInputException e) {
            return Optional.empty();
        }
    }

    private static Map<?, ?> parseSidecar(String text, String where) {
        try {
            return ArtifactCodec.parseHeader(text);
        } catch (IllegalArgumentException e) {
            throw new CacheCorruption(where + Outputs.SIDECAR, "not a gpuc sidecar: " + e.getMessage());
        }
    }

    static Path sidecarOf(Path file) {
        return file.resolveSibling(file.getFileName() + Outputs.SIDECAR);
    }

    /** A payload written with {@code -o} is one of the payloads its sidecar lists, byte for byte. */
    private static void checkWritten(Map<?, ?> header, byte[] payload, String where) {
        String sha = HexFormat.of().formatHex(ArtifactCodec.sha256(payload, 0, payload.length));
        List<?> payloads = (List<?>) header.get("payloads");
        boolean listed = payloads != null && payloads.stream().map(o -> (Map<?, ?>) o)
                .anyMatch(p -> Long.valueOf(payload.length).equals(p.get("size")) && sha.equals(p.get("sha256")));
        if (!listed) {
            throw new CacheCorruption(where, "does not match its sidecar (size or SHA-256 differs): changed since gpuc wrote it");
        }
    }

    /**
     * The artifact a sidecar describes, around its primary payload: reassembled in the
     * documented {@link ArtifactCodec} layout (the sidecar is that layout's header) and decoded,
     * after checking the payload against the size and SHA-256 the sidecar records.
     */
    private static Artifact withSidecar(String sidecar, byte[] payload, String where) {
        Map<?, ?> header = parseSidecar(sidecar, where);
        checkWritten(header, payload, where);
        List<?> payloads = (List<?>) header.get("payloads");
        if (payloads.size() != 1) {
            throw new Failures.BadInput("not-an-artifact", where + ": the artifact had " + payloads.size()
                    + " payloads and -o wrote only one of them; it cannot be rebuilt from this file");
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
