package dev.gpuc.compiler;

import dev.gpuc.api.Backend;
import dev.gpuc.api.Gpuc;
import dev.gpuc.ir.Llvm;
import dev.gpuc.passes.StartedCompilation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The cache key of a compilation: SHA-256, in hex, over (each field length-prefixed, in this
 * order) a domain tag, the pipeline's key material (the extracted, address-free module's
 * canonical bitcode, the relocation strategy, the target's canonical description and every job
 * option that changes the output), the pipeline description, the gpuc version, the LLVM
 * version, the backend id and the backend's own version (which includes external tools such
 * as {@code ptxas}). Nothing in it depends on the session: the same job gives the same key in
 * every process. See compiler/README.md.
 */
public record CacheKey(String hex) {
    static final String DOMAIN = "gpuc-cache-key/1";

    public CacheKey {
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 hex digest: " + hex);
        }
    }

    public static CacheKey of(byte[] keyMaterial, String pipeline, Backend backend) {
        return of(keyMaterial, pipeline, Gpuc.version(), Llvm.version(), backend.id(), backend.version());
    }

    /**
     * The key of a started compilation, in this process or in a worker: the backend's id and
     * version are the ones that compilation reports, so the host need not load the backend.
     */
    public static CacheKey of(StartedCompilation c) {
        return of(c.keyMaterial(), c.pipelineDescription(), Gpuc.version(), Llvm.version(), c.backendId(),
                c.backendVersion());
    }

    static CacheKey of(byte[] keyMaterial, String pipeline, String gpucVersion, String llvmVersion,
                       String backendId, String backendVersion) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        field(md, DOMAIN.getBytes(StandardCharsets.UTF_8));
        field(md, keyMaterial);
        for (String s : new String[] {pipeline, gpucVersion, llvmVersion, backendId, backendVersion}) {
            field(md, s.getBytes(StandardCharsets.UTF_8));
        }
        return new CacheKey(HexFormat.of().formatHex(md.digest()));
    }

    private static void field(MessageDigest md, byte[] bytes) {
        md.update(ByteBuffer.allocate(8).putLong(bytes.length).array());
        md.update(bytes);
    }

    @Override
    public String toString() {
        return hex;
    }
}
