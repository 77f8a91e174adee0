package dev.gpuc.isolation;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.EntryPoint;
import dev.gpuc.api.Payload;
import dev.gpuc.api.Provenance;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RelocationTable;
import dev.gpuc.api.Slot;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link Artifact} as protocol fields, for RESULT. Not {@code ArtifactCodec}: its JSON header
 * and two SHA-256 passes (written by the worker, checked by the host) cost more than a small
 * kernel's round trips, and guard against nothing a pipe does: the frame's length already
 * catches a truncated reply, and the records' constructors check what they are given. The host
 * rebuilds the artifact from the same fields, so {@code ArtifactCodec.encode} of it gives the
 * bytes an in-process compilation would.
 *
 * <pre>
 * payloads (i32 n; str kind, bytes), entry points (i32 n; str name, str symbol, bool kernel),
 * slots (see {@link #slots(WireWriter, List)}), str strategy, bool portable,
 * provenance (str gpuc, str llvm, str backend, str backend version, str target)
 * </pre>
 */
final class ArtifactWire {
    private ArtifactWire() {}

    static WireWriter encode(WireWriter w, Artifact a) {
        w.i32(a.payloads().size());
        a.payloads().forEach(p -> w.str(p.kind()).bytes(p.bytes()));
        w.i32(a.entryPoints().size());
        a.entryPoints().forEach(e -> w.str(e.name()).str(e.symbol()).bool(e.kernel()));
        slots(w, a.relocations().slots()).str(a.strategy().name()).bool(a.portable());
        Provenance p = a.provenance();
        return w.str(p.gpucVersion()).str(p.llvmVersion()).str(p.backend()).str(p.backendVersion()).str(p.target());
    }

    /** Fields the artifact's records refuse throw their exception: the host takes it as a broken reply. */
    static Artifact decode(WireReader r) {
        int n = r.count();
        List<Payload> payloads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            payloads.add(new Payload(r.str(), r.bytes()));
        }
        n = r.count();
        List<EntryPoint> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            entries.add(new EntryPoint(r.str(), r.str(), r.bool()));
        }
        RelocationTable table = new RelocationTable(slots(r));
        RelocationStrategy strategy = strategy(r.str());
        boolean portable = r.bool();
        Provenance provenance = new Provenance(r.str(), r.str(), r.str(), r.str(), r.str());
        return new Artifact(payloads, entries, table, strategy, portable, provenance);
    }

    /** Relocation slots: i32 n; str name, str key, i64 compile-time value, i32 size, i32 address space. */
    static WireWriter slots(WireWriter w, List<Slot> slots) {
        w.i32(slots.size());
        slots.forEach(s -> w.str(s.name()).str(s.key()).i64(s.compileTimeValue()).i32(s.size()).i32(s.addressSpace()));
        return w;
    }

    static List<Slot> slots(WireReader r) {
        int n = r.count();
        List<Slot> slots = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            slots.add(new Slot(r.str(), r.str(), r.i64(), r.i32(), r.i32()));
        }
        return slots;
    }

    static RelocationStrategy strategy(String name) {
        try {
            return RelocationStrategy.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("unknown relocation strategy: " + name);
        }
    }
}
