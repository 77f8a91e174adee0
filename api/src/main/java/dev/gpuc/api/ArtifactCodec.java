package dev.gpuc.api;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documented on-disk form of an {@link Artifact} (no Java serialisation).
 *
 * <pre>
 * bytes 0..7   magic "GPUCART\0"
 * u32 (BE)     format version ({@link #FORMAT_VERSION})
 * u32 (BE)     header length H
 * H bytes      header: UTF-8 JSON (see {@link #header(Artifact)}): strategy, portable, provenance,
 *              entry points, relocation slots (addresses as "0x…" strings), payload kinds and sizes
 * ...          payload bytes, in header order
 * 32 bytes     SHA-256 of everything above
 * </pre>
 *
 * Encoding is deterministic: the same artifact gives the same bytes.
 */
public final class ArtifactCodec {
    public static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = "GPUCART\0".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST = 32;

    private ArtifactCodec() {}

    public static byte[] encode(Artifact artifact) {
        byte[] header = Json.write(header(artifact)).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        out.writeBytes(ByteBuffer.allocate(8).putInt(FORMAT_VERSION).putInt(header.length).array());
        out.writeBytes(header);
        for (Payload p : artifact.payloads()) {
            out.writeBytes(p.bytes());
        }
        byte[] body = out.toByteArray();
        out.writeBytes(sha256(body, 0, body.length));
        return out.toByteArray();
    }

    /**
     * Decodes and verifies an artifact.
     *
     * @param where names the bytes' origin in errors (a file, a cache key)
     * @throws CacheCorruption when the bytes are not a complete, unaltered artifact of this format
     */
    public static Artifact decode(byte[] bytes, String where) {
        if (bytes.length < MAGIC.length + 8 + DIGEST || !java.util.Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new CacheCorruption(where, "not a gpuc artifact (bad magic or too short)");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        buf.position(MAGIC.length);
        int version = buf.getInt();
        if (version != FORMAT_VERSION) {
            throw new CacheCorruption(where, "artifact format version " + version + ", this gpuc reads " + FORMAT_VERSION);
        }
        int body = bytes.length - DIGEST;
        byte[] expected = sha256(bytes, 0, body);
        if (!MessageDigest.isEqual(expected, java.util.Arrays.copyOfRange(bytes, body, bytes.length))) {
            throw new CacheCorruption(where, "checksum mismatch (truncated or altered)");
        }
        int headerLength = buf.getInt();
        if (headerLength < 0 || headerLength > body - buf.position()) {
            throw new CacheCorruption(where, "header length out of range");
        }
        String headerText = new String(bytes, buf.position(), headerLength, StandardCharsets.UTF_8);
        buf.position(buf.position() + headerLength);
        // The checksum only proves the bytes are what some writer wrote: the header is still
        // checked field by field, and anything it makes the constructors refuse is corruption.
        try {
            Map<?, ?> header = (Map<?, ?>) Json.parse(headerText);
            checkFormat(header, where);
            List<Payload> payloads = new ArrayList<>();
            for (Object o : (List<?>) header.get("payloads")) {
                Map<?, ?> p = (Map<?, ?>) o;
                long size = (Long) p.get("size");
                if (size < 0 || size > body - buf.position()) {
                    throw new CacheCorruption(where, "payload size " + size + " out of range");
                }
                byte[] data = new byte[(int) size];
                buf.get(data);
                Payload payload = new Payload((String) p.get("kind"), data);
                checkPayload(p, payload, where);
                payloads.add(payload);
            }
            if (buf.position() != body) {
                throw new CacheCorruption(where, "trailing bytes after payloads");
            }
            return fromHeader(header, payloads);
        } catch (CacheCorruption e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CacheCorruption(where, "malformed header: " + e);
        }
    }

    /**
     * Rebuilds an artifact from its header (a sidecar the CLI wrote, parsed with
     * {@link #parseHeader}) and its payloads, read from wherever they were written, in header
     * order. Each payload must have the kind, size and SHA-256 the header records.
     *
     * @param where names the origin in errors (the sidecar's file)
     * @throws CacheCorruption when the header is not this format's, or a payload is missing,
     *                         extra or differs from what the header records
     */
    public static Artifact fromSidecar(Map<?, ?> header, List<Payload> payloads, String where) {
        try {
            checkFormat(header, where);
            List<?> listed = (List<?>) header.get("payloads");
            if (listed.size() != payloads.size()) {
                throw new CacheCorruption(where, "the header lists " + listed.size() + " payloads, " + payloads.size()
                        + " were given");
            }
            for (int i = 0; i < payloads.size(); i++) {
                checkPayload((Map<?, ?>) listed.get(i), payloads.get(i), where);
            }
            return fromHeader(header, payloads);
        } catch (CacheCorruption e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CacheCorruption(where, "malformed header: " + e);
        }
    }

    private static void checkFormat(Map<?, ?> header, String where) {
        if (!"gpuc-artifact".equals(header.get("format")) || !Long.valueOf(FORMAT_VERSION).equals(header.get("formatVersion"))) {
            throw new CacheCorruption(where, "header is not a version " + FORMAT_VERSION + " gpuc artifact header");
        }
    }

    /** A payload is the one its header entry describes: same kind, size and SHA-256. */
    private static void checkPayload(Map<?, ?> described, Payload payload, String where) {
        byte[] data = payload.bytes();
        if (!payload.kind().equals(described.get("kind")) || !Long.valueOf(data.length).equals(described.get("size"))
                || !HexFormat.of().formatHex(sha256(data, 0, data.length)).equals(described.get("sha256"))) {
            throw new CacheCorruption(where, "payload " + described.get("kind") + " does not match its checksum");
        }
    }

    /** The artifact's metadata as a JSON-ready map (also what the CLI writes as a sidecar). */
    public static Map<String, Object> header(Artifact a) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("format", "gpuc-artifact");
        h.put("formatVersion", (long) FORMAT_VERSION);
        h.put("strategy", a.strategy().name());
        h.put("portable", a.portable());
        Provenance p = a.provenance();
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("gpuc", p.gpucVersion());
        prov.put("llvm", p.llvmVersion());
        prov.put("backend", p.backend());
        prov.put("backendVersion", p.backendVersion());
        prov.put("target", p.target());
        h.put("provenance", prov);
        List<Object> entries = new ArrayList<>();
        for (EntryPoint e : a.entryPoints()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.name());
            m.put("symbol", e.symbol());
            m.put("kernel", e.kernel());
            entries.add(m);
        }
        h.put("entryPoints", entries);
        List<Object> slots = new ArrayList<>();
        for (Slot s : a.relocations().slots()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("key", s.key());
            m.put("compileTimeValue", hex(s.compileTimeValue()));
            m.put("size", (long) s.size());
            m.put("addressSpace", (long) s.addressSpace());
            slots.add(m);
        }
        h.put("relocations", slots);
        List<Object> payloads = new ArrayList<>();
        for (Payload pl : a.payloads()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", pl.kind());
            m.put("size", (long) pl.size());
            m.put("sha256", HexFormat.of().formatHex(sha256(pl.bytes(), 0, pl.size())));
            payloads.add(m);
        }
        h.put("payloads", payloads);
        return h;
    }

    /** Rebuilds an artifact from a header map and payloads in header order. */
    static Artifact fromHeader(Map<?, ?> h, List<Payload> payloads) {
        Map<?, ?> prov = (Map<?, ?>) h.get("provenance");
        Provenance provenance = new Provenance((String) prov.get("gpuc"), (String) prov.get("llvm"),
                (String) prov.get("backend"), (String) prov.get("backendVersion"), (String) prov.get("target"));
        List<EntryPoint> entries = new ArrayList<>();
        for (Object o : (List<?>) h.get("entryPoints")) {
            Map<?, ?> e = (Map<?, ?>) o;
            entries.add(new EntryPoint((String) e.get("name"), (String) e.get("symbol"), (Boolean) e.get("kernel")));
        }
        List<Slot> slots = new ArrayList<>();
        for (Object o : (List<?>) h.get("relocations")) {
            Map<?, ?> s = (Map<?, ?>) o;
            slots.add(new Slot((String) s.get("name"), (String) s.get("key"), parseHex((String) s.get("compileTimeValue")),
                    Math.toIntExact((Long) s.get("size")), Math.toIntExact((Long) s.get("addressSpace"))));
        }
        return new Artifact(payloads, entries, new RelocationTable(slots),
                RelocationStrategy.valueOf((String) h.get("strategy")), (Boolean) h.get("portable"), provenance);
    }

    /** Reads the metadata part of a sidecar or header JSON, without payloads. */
    public static Map<?, ?> parseHeader(String json) {
        Object o = Json.parse(json);
        if (!(o instanceof Map<?, ?> m) || !"gpuc-artifact".equals(m.get("format"))) {
            throw new IllegalArgumentException("not gpuc artifact metadata");
        }
        return m;
    }

    public static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    /** Reads what {@link #hex(long)} writes: {@code 0x} and 1 to 16 lowercase hex digits. */
    static long parseHex(String s) {
        if (s == null || !s.matches("0x[0-9a-f]{1,16}")) {
            throw new IllegalArgumentException("not a 0x-hex 64-bit value: " + s);
        }
        return Long.parseUnsignedLong(s.substring(2), 16);
    }

    public static byte[] sha256(byte[] data, int offset, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, offset, length);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
