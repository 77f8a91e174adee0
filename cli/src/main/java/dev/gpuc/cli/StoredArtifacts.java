package dev.gpuc.cli;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.ArtifactCodec;
import dev.gpuc.api.CacheCorruption;
import dev.gpuc.api.Payload;
import dev.gpuc.compiler.CacheEntry;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Artifacts as gpuc writes them to files: an {@link ArtifactCodec} file, a disk cache entry, or
 * the payloads written by {@code compile -o OUT} with their sidecar {@code OUT.gpuc.json}.
 */
final class StoredArtifacts {
    private static final byte[] ARTIFACT_MAGIC = "GPUCART\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENTRY_MAGIC = "GPUCENT\0".getBytes(StandardCharsets.US_ASCII);
    private static final String SIDECAR = ".gpuc.json";

    private StoredArtifacts() {}

    static Path sidecarOf(Path file) {
        return file.resolveSibling(file.getFileName() + SIDECAR);
    }

    /**
     * The artifact {@code file} holds, or empty when it is none of the three forms (LLVM IR, say).
     *
     * @throws CacheCorruption when it is one of them but damaged or incomplete
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
            return Optional.of(withSidecar(file, bytes, sidecar));
        }
        return Optional.empty();
    }

    /**
     * The metadata of whatever {@code file} is: an artifact, a cache entry or a payload written
     * with {@code -o} (rebuilt and verified, with every payload its sidecar lists), or a sidecar
     * itself; empty for anything else.
     */
    static Optional<Map<?, ?>> header(Path file) throws IOException {
        Optional<Artifact> stored = read(file);
        if (stored.isPresent()) {
            return Optional.of(ArtifactCodec.header(stored.get()));
        }
        try {
            return Optional.of(ArtifactCodec.parseHeader(Files.readString(file)));
        } catch (IllegalArgumentException | MalformedInputException e) {
            return Optional.empty();
        }
    }

    /**
     * The artifact a sidecar describes. {@code file} holds one of its payloads (the one that
     * matches it); the others are where {@code compile} wrote them, {@link Outputs#beside} it.
     * {@link ArtifactCodec#fromSidecar} checks each against the sidecar.
     */
    private static Artifact withSidecar(Path file, byte[] bytes, Path sidecar) throws IOException {
        Map<?, ?> header;
        try {
            header = ArtifactCodec.parseHeader(Files.readString(sidecar));
        } catch (IllegalArgumentException e) {
            throw new CacheCorruption(sidecar.toString(), "not a gpuc sidecar: " + e.getMessage());
        }
        String sha = HexFormat.of().formatHex(ArtifactCodec.sha256(bytes, 0, bytes.length));
        List<Map<?, ?>> listed = listedPayloads(header, sidecar);
        if (listed.stream().noneMatch(p -> sha.equals(p.get("sha256")))) {
            throw new CacheCorruption(file.toString(),
                    "does not match its sidecar (size or SHA-256 differs): changed since gpuc wrote it");
        }
        List<Payload> payloads = new ArrayList<>();
        for (Map<?, ?> p : listed) {
            String kind = String.valueOf(p.get("kind"));
            if (sha.equals(p.get("sha256"))) {
                payloads.add(new Payload(kind, bytes));
                continue;
            }
            Path other = Outputs.beside(file, kind);
            if (!Files.isRegularFile(other)) {
                throw new CacheCorruption(other.toString(), "missing: " + sidecar.getFileName() + " lists a " + kind
                        + " payload, which gpuc wrote there");
            }
            payloads.add(new Payload(kind, Files.readAllBytes(other)));
        }
        return ArtifactCodec.fromSidecar(header, payloads, sidecar.toString());
    }

    private static List<Map<?, ?>> listedPayloads(Map<?, ?> header, Path sidecar) {
        if (header.get("payloads") instanceof List<?> list && list.stream().allMatch(p -> p instanceof Map<?, ?>)) {
            return list.stream().<Map<?, ?>>map(p -> (Map<?, ?>) p).toList();
        }
        throw new CacheCorruption(sidecar.toString(), "not a gpuc sidecar: no payload list");
    }

    private static boolean startsWith(byte[] bytes, byte[] magic) {
        return bytes.length >= magic.length && Arrays.equals(bytes, 0, magic.length, magic, 0, magic.length);
    }
}
