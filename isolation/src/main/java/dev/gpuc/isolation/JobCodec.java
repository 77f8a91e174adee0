package dev.gpuc.isolation;

import dev.gpuc.api.Backend;
import dev.gpuc.api.BasicTarget;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.DebugInfo;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.api.Target;
import dev.gpuc.api.UnsupportedFeature;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A {@link CompileJob} as the fields that open a START body. Everything travels but the
 * runtime values: the worker asks the host for each address or key it meets (KEY_QUESTION /
 * ADDRESS_QUESTION), so any {@link RuntimeValues} implementation works, however large or lazy.
 *
 * <p>A target travels as its fields. A {@link BasicTarget} is rebuilt as one; any other type
 * (a backend's own record) is rebuilt through {@link Backend#target(String, String, java.util.Map)}
 * in the worker, which must describe it exactly as the host did, since the description is part
 * of the cache key and the provenance.
 */
final class JobCodec {
    private static final int PLAIN_TARGET = 0;
    private static final int BACKEND_TARGET = 1;

    private JobCodec() {}

    static WireWriter encode(WireWriter w, CompileJob job) {
        source(w, job.source());
        Target t = job.target();
        w.u8(t instanceof BasicTarget ? PLAIN_TARGET : BACKEND_TARGET)
         .str(t.backend()).str(t.triple()).str(t.arch()).str(t.features()).stringMap(t.options()).str(t.describe());
        w.i32(job.optLevel()).strings(job.entryPoints()).bool(job.kernel()).str(job.debugInfo().name())
         .bool(job.validate());
        w.i32(job.libraries().size());
        job.libraries().forEach(lib -> source(w, lib));
        return w.optStr(job.relocation().map(Enum::name).orElse(null)).strings(job.allowedExternals());
    }

    /** The backend id the job's fields name, read before the backend is looked up. */
    static String backendOf(WireReader r) {
        r.str();
        r.bytes();
        r.u8();
        return r.str();
    }

    /**
     * Reads the job's fields; what follows them in the frame is the caller's to read.
     *
     * @param backend the job's backend, already found in the worker
     * @param values  the worker's stand-in for the host's runtime values
     */
    static CompileJob decode(WireReader r, Backend backend, RuntimeValues values) {
        ModuleSource source = source(r);
        Target target = target(r, backend);
        CompileJob.Builder b = CompileJob.builder(source, target)
                .optLevel(r.i32()).entryPoints(r.strings()).kernel(r.bool()).debugInfo(enumValue(DebugInfo.class, r.str()))
                .validate(r.bool());
        int libraries = r.count();
        for (int i = 0; i < libraries; i++) {
            b.library(source(r));
        }
        String strategy = r.optStr();
        b.relocation(strategy == null ? null : enumValue(RelocationStrategy.class, strategy));
        r.strings().forEach(b::allowExternal);
        return b.runtimeValues(values).build();
    }

    private static Target target(WireReader r, Backend backend) {
        int form = r.u8();
        String id = r.str();
        String triple = r.str();
        String arch = r.str();
        String features = r.str();
        TreeMap<String, String> options = new TreeMap<>(r.stringMap());
        String described = r.str();
        if (form == PLAIN_TARGET) {
            return new BasicTarget(id, triple, arch, features, options);
        }
        if (form != BACKEND_TARGET) {
            throw new ProtocolException("unknown target form " + form);
        }
        Target rebuilt = backend.target(arch, features, options);
        if (!rebuilt.describe().equals(described)) {
            throw new UnsupportedFeature("target " + described + " cannot be compiled in a worker process: backend "
                    + id + " rebuilds it from its settings as " + rebuilt.describe());
        }
        return rebuilt;
    }

    private static void source(WireWriter w, ModuleSource s) {
        w.str(s.name()).bytes(s.bytesUnsafe());
    }

    private static ModuleSource source(WireReader r) {
        return new ModuleSource(r.str(), r.bytes());
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("unknown " + type.getSimpleName() + " " + name);
        }
    }
}
