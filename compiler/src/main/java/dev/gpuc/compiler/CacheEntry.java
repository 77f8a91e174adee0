package dev.gpuc.compiler;

import dev.gpuc.api.ArtifactCodec;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The envelope of one stored cache entry, on disk and in any other tier that keeps bytes
 * outside the process (a remote tier stores exactly these bytes). The artifact inside carries
 * its own checksum; the envelope adds what a cache needs: its own format version, the key the
 * entry was stored under (an entry renamed or copied to another key is caught), and a checksum
 * over the whole entry.
 *
 * <pre>
 * bytes 0..7   magic "GPUCENT\0"
 * u32 (BE)     entry format version ({@link #FORMAT_VERSION})
 * u16 (BE)     key length K, then K bytes of key (ASCII hex)
 * u64 (BE)     data length N, then N bytes of data ({@link ArtifactCodec} encoding)
 * 32 bytes     SHA-256 of every byte above
 * </pre>
 */
public final class CacheEntry {
    public static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = "GPUCENT\0".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST = 32;

    private CacheEntry() {}

    public static byte[] encode(String key, byte[] data) {
        byte[] k = key.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + 2 + k.length + 8 + data.length + DIGEST);
        b.put(MAGIC).putInt(FORMAT_VERSION).putShort((short) k.length).put(k).putLong(data.length).put(data);
        b.put(ArtifactCodec.sha256(b.array(), 0, b.position()));
        return b.array();
    }

    /** Thrown for an entry that must not be loaded; the message says why. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /** The data of a complete, unaltered entry of this format stored under {@code key}. */
    public static byte[] decode(String key, byte[] file) throws Invalid {
        if (file.length < MAGIC.length + 4 || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new Invalid("not a gpuc cache entry (bad magic or too short)");
        }
        ByteBuffer b = ByteBuffer.wrap(file);
        b.position(MAGIC.length);
        int version = b.getInt();
        if (version != FORMAT_VERSION) {
            throw new Invalid("entry format version " + version + ", this gpuc reads " + FORMAT_VERSION);
        }
        int body = file.length - DIGEST;
        if (body < b.position() || !MessageDigest.isEqual(ArtifactCodec.sha256(file, 0, body),
                Arrays.copyOfRange(file, body, file.length))) {
            throw new Invalid("checksum mismatch (truncated or altered)");
        }
        try {
            byte[] k = new byte[Short.toUnsignedInt(b.getShort())];
            b.get(k);
            String stored = new String(k, StandardCharsets.US_ASCII);
            if (!stored.equals(key)) {
                throw new Invalid("entry holds key " + stored + ", not " + key);
            }
            long length = b.getLong();
            if (length != body - b.position()) {
                throw new Invalid("data length " + length + " does not match the entry size");
            }
            return Arrays.copyOfRange(file, b.position(), body);
        } catch (BufferUnderflowException e) {
            throw new Invalid("header runs past the end of the entry");
        }
    }
}
