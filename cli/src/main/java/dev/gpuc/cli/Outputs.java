package dev.gpuc.cli;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.ArtifactCodec;
import dev.gpuc.api.Json;
import dev.gpuc.api.Payload;
import dev.gpuc.api.UnsupportedFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where {@code compile} writes: the raw payload standard tools read ({@code OUT}), the artifact's
 * other payloads next to it ({@code OUT.cubin} beside a PTX {@code OUT}: OUT's name plus the
 * payload's extension), and a sidecar {@code OUT.gpuc.json} (the artifact header: relocation
 * table, provenance, and each payload's kind, size and SHA-256), written last.
 */
final class Outputs {
    /** Payload kinds that {@code --emit} selects, and the file extension of each payload kind. */
    private static final Map<String, List<String>> EMIT = Map.of(
            "asm", List.of("ptx", "asm"),
            "obj", List.of("object", "cubin", "hsaco", "spirv"),
            "llvm", List.of("llvm"));
    private static final Map<String, String> EXTENSION = Map.of("ptx", ".ptx", "asm", ".s", "object", ".o",
            "cubin", ".cubin", "hsaco", ".hsaco", "spirv", ".spv", "llvm", ".ll");

    private Outputs() {}

    /** {@code -o OUT | --out-dir DIR}. */
    static final class Where {
        @Option(names = "-o", paramLabel = "OUT", description = "Output file (one input only); its sidecar is OUT.gpuc.json.")
        Path file;

        @Option(names = "--out-dir", paramLabel = "DIR", description = "Write each output into DIR, named after its input.")
        Path dir;
    }

    /** Checks an {@code --emit} value. */
    static void kind(String emit) {
        if (emit != null && !EMIT.containsKey(emit)) {
            throw new Failures.Usage("--emit takes asm, obj or llvm, not '" + emit + "'");
        }
    }

    /** Writes the payload {@code emit} selects, the others next to it, and the sidecar; returns the paths written. */
    static List<Path> write(Artifact artifact, Path input, Where where, String emit) {
        Payload selected = select(artifact, emit);
        Path out;
        if (where != null && where.file != null) {
            out = where.file;
        } else {
            String stem = input.getFileName().toString().replaceFirst("\\.(ll|bc)$", "");
            String name = stem + extension(selected.kind());
            out = where != null && where.dir != null ? where.dir.resolve(name) : Path.of(name);
        }
        List<Path> written = new ArrayList<>();
        try {
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.write(out, selected.bytes());
            written.add(out);
            // An artifact's payload kinds are distinct (one per kind: ptx and cubin, say).
            for (Payload p : artifact.payloads()) {
                if (!p.kind().equals(selected.kind())) {
                    written.add(Files.write(beside(out, p.kind()), p.bytes()));
                }
            }
            written.add(Files.writeString(StoredArtifacts.sidecarOf(out), Json.write(ArtifactCodec.header(artifact)) + "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        return written;
    }

    /** Where a payload of this kind was written beside {@code out}, which holds another one. */
    static Path beside(Path out, String kind) {
        return out.resolveSibling(out.getFileName() + extension(kind));
    }

    private static String extension(String kind) {
        return EXTENSION.getOrDefault(kind, "." + kind);
    }

    private static Payload select(Artifact artifact, String emit) {
        if (emit == null) {
            return artifact.primary();
        }
        Optional<Payload> p = EMIT.get(emit).stream().map(artifact::payload).flatMap(Optional::stream).findFirst();
        return p.orElseThrow(() -> new UnsupportedFeature("--emit " + emit + ": backend '"
                + artifact.provenance().backend() + "' produced " + artifact.payloads().stream().map(Payload::kind).toList()
                + ", none of " + EMIT.get(emit)));
    }
}
