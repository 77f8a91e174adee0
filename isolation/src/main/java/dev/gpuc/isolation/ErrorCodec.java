package dev.gpuc.isolation;

import dev.gpuc.api.BackendCrash;
import dev.gpuc.api.BackendFailure;
import dev.gpuc.api.BackendUnavailable;
import dev.gpuc.api.CacheCorruption;
import dev.gpuc.api.GpucException;
import dev.gpuc.api.InvalidInputIr;
import dev.gpuc.api.InvalidIrForTarget;
import dev.gpuc.api.UnresolvedRuntimeValue;
import dev.gpuc.api.UnsupportedFeature;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link GpucException} as an ERROR body: its {@link GpucException#kind()}, its message, then
 * the fields of that kind, so the host throws the same type with the same fields and message.
 * The worker's stack trace stays in the worker; causes do not travel.
 */
final class ErrorCodec {
    private ErrorCodec() {}

    static byte[] encode(GpucException e) {
        return encode(new WireWriter(), e).toByteArray();
    }

    static WireWriter encode(WireWriter w, GpucException e) {
        w.str(e.kind()).str(String.valueOf(e.getMessage()));
        if (e instanceof InvalidInputIr x) {
            w.str(x.source()).i32(x.line().orElse(0)).i32(x.column().orElse(0)).optStr(x.missingEntryPoint().orElse(null));
        } else if (e instanceof InvalidIrForTarget x) {
            w.str(x.target()).i32(x.problems().size());
            x.problems().forEach(p -> w.str(p.reason()).str(p.function()).str(p.instruction()).str(p.detail()));
        } else if (e instanceof BackendUnavailable x) {
            w.str(x.backend()).bool(x.installed());
        } else if (e instanceof BackendFailure x) {
            w.str(x.backend());
        } else if (e instanceof BackendCrash x) {
            w.str(x.crashCause()).str(x.lastOutput());
        } else if (e instanceof UnresolvedRuntimeValue x) {
            w.str(x.key());
        } else if (e instanceof CacheCorruption x) {
            w.str(x.where());
        }
        // UnsupportedFeature has no fields beyond its message.
        return w;
    }

    static GpucException decode(byte[] body) {
        return decode(new WireReader(body));
    }

    static GpucException decode(WireReader r) {
        String kind = r.str();
        String message = r.str();
        GpucException e = switch (kind) {
            case "invalid-ir" -> new InvalidInputIr(r.str(), r.i32(), r.i32(), message, null, r.optStr());
            case "invalid-ir-for-target" -> new InvalidIrForTarget(r.str(), problems(r));
            case "unsupported" -> new UnsupportedFeature(message);
            case "backend-unavailable" -> new BackendUnavailable(r.str(), r.bool(), message);
            case "backend" -> new BackendFailure(r.str(), message);
            case "backend-crash" -> new BackendCrash(r.str(), r.str());
            case "unresolved-runtime-value" -> new UnresolvedRuntimeValue(r.str(), message);
            case "cache-corruption" -> cacheCorruption(r.str(), message);
            default -> throw new ProtocolException("unknown error kind " + kind);
        };
        r.end();
        return e;
    }

    private static List<InvalidIrForTarget.Problem> problems(WireReader r) {
        int n = r.count();
        List<InvalidIrForTarget.Problem> problems = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            problems.add(new InvalidIrForTarget.Problem(r.str(), r.str(), r.str(), r.str()));
        }
        return problems;
    }

    /** CacheCorruption prefixes its message with where; the message sent already has it. */
    private static CacheCorruption cacheCorruption(String where, String message) {
        String prefix = where + ": ";
        return new CacheCorruption(where, message.startsWith(prefix) ? message.substring(prefix.length()) : message);
    }
}
