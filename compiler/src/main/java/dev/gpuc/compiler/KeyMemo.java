package dev.gpuc.compiler;

import dev.gpuc.api.CompileJob;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.RuntimeValues;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers, per job, the cache key its start computed and the runtime-value questions that
 * start asked, so a repeated job whose values give the same answers skips parsing and
 * extraction and looks its key up directly.
 *
 * <p>Why that is sound: the key is a function of the job's inputs (everything hashed into the
 * {@linkplain #memoKey memo key}: sources, libraries, target, options, backend identity) and of
 * the answers its runtime values gave during the start. Same inputs and same answers to the same
 * questions mean the same extracted module, hence the same key. Only cacheable compilations are
 * remembered (never a bypass: BAKE with runtime globals, non-portable modules), so a memo hit
 * only ever serves what the normal path would serve from the tiers. In memory only: a new
 * compiler starts empty.
 */
final class KeyMemo {
    static final int DEFAULT_CAPACITY = 4096;
    private static final String DOMAIN = "gpuc-key-memo/1";

    /** What a start found: its key, and the questions it asked with their answers. */
    record Entry(CacheKey key, List<RecordingRuntimeValues.Query> queries) {}

    private final Map<String, Entry> entries;

    KeyMemo(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void remember(String memoKey, Entry entry) {
        entries.put(memoKey, entry);
    }

    synchronized void forget(String memoKey) {
        entries.remove(memoKey);
    }

    synchronized int size() {
        return entries.size();
    }

    /**
     * The remembered key, if {@code values} answer every remembered question as before. Values
     * that throw are taken as different: the normal path then asks them for real.
     */
    Optional<CacheKey> key(String memoKey, RuntimeValues values) {
        Entry e;
        synchronized (this) {
            e = entries.get(memoKey);
        }
        if (e == null) {
            return Optional.empty();
        }
        try {
            for (RecordingRuntimeValues.Query q : e.queries()) {
                if (!q.sameAnswer(values)) {
                    return Optional.empty();
                }
            }
        } catch (RuntimeException thrown) {
            return Optional.empty();
        }
        return Optional.of(e.key());
    }

    /**
     * SHA-256 over every input of the job that shapes the extracted module or the key, except its
     * runtime values (replayed instead), each field length-prefixed: the source (name and the
     * SHA-256 of its bytes), the libraries in order, the target, every option, whether it runs
     * isolated, and the backend's id and version.
     */
    static String memoKey(CompileJob job, boolean isolated, String backendId, String backendVersion) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        text(md, DOMAIN);
        source(md, job.source());
        number(md, job.libraries().size());
        for (ModuleSource lib : job.libraries()) {
            source(md, lib);
        }
        text(md, job.target().backend());
        text(md, job.target().describe());
        number(md, job.optLevel());
        number(md, job.entryPoints().size());
        job.entryPoints().forEach(name -> text(md, name));
        number(md, job.kernel() ? 1 : 0);
        text(md, job.debugInfo().toString());
        number(md, job.validate() ? 1 : 0);
        text(md, job.relocation().map(Enum::name).orElse(""));
        number(md, job.allowedExternals().size());
        job.allowedExternals().forEach(name -> text(md, name));
        number(md, isolated ? 1 : 0);
        text(md, backendId);
        text(md, backendVersion);
        return HexFormat.of().formatHex(md.digest());
    }

    /** The source's own digest stands for its bytes: a source hashes itself once, however often it is compiled. */
    private static void source(MessageDigest md, ModuleSource s) {
        text(md, s.name());
        bytes(md, s.digest());
    }

    private static void text(MessageDigest md, String s) {
        bytes(md, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void number(MessageDigest md, long n) {
        md.update(ByteBuffer.allocate(8).putLong(n).array());
    }

    private static void bytes(MessageDigest md, byte[] b) {
        number(md, b.length);
        md.update(b);
    }
}
