package dev.gpuc.passes;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.gpuc.api.RuntimeValues;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Finds literal addresses ({@code inttoptr (i64 C to T)}) inside constants. Constants are DAGs
 * shared across the module, so results are memoised per constant: the walk stays linear in the
 * number of distinct constants. Each address is put to the front end once per run, however
 * often it occurs: the questions asked are what the compiler's key memo replays.
 *
 * <p>Kinds are told apart by {@code LLVMGetValueKind}, which returns a number: the
 * {@code LLVMIsA*} probes return a Java object for every constant they accept, and walks over
 * every operand of a module pay for each one.
 */
final class AddressConstants {
    private static final long[] NONE = new long[0];

    /** What a constant holds: its distinct non-null literal addresses, and whether it is one itself. */
    private record Inside(long[] addresses, boolean literal, long address) {
        static final Inside NOTHING = new Inside(NONE, false, 0);
    }

    private final RuntimeValues values;
    private final Map<Long, Inside> inside = new HashMap<>();
    /** Answers of {@link RuntimeValues#keyOf}; a null value is "not known". */
    private final Map<Long, String> keys = new HashMap<>();

    AddressConstants(RuntimeValues values) {
        this.values = values;
    }

    /**
     * Whether a value of this kind can hold an address inside: constant expressions and the
     * constant aggregates that have operands. Plain data (integers, floats, data arrays, null,
     * undef, zero), globals, block addresses, instructions and arguments cannot.
     */
    static boolean mayHoldAddress(int valueKind) {
        return switch (valueKind) {
            case LLVMConstantExprValueKind, LLVMConstantArrayValueKind, LLVMConstantStructValueKind,
                 LLVMConstantVectorValueKind, LLVMConstantPtrAuthValueKind -> true;
            default -> false;
        };
    }

    static boolean mayHoldAddress(LLVMValueRef v) {
        return !Refs.isNull(v) && mayHoldAddress(LLVMGetValueKind(v));
    }

    /** The address of an {@code inttoptr} constant expression of an integer literal, if {@code v} is one. */
    static OptionalLong literalAddress(LLVMValueRef v) {
        if (Refs.isNull(v) || LLVMGetValueKind(v) != LLVMConstantExprValueKind || LLVMGetConstOpcode(v) != LLVMIntToPtr) {
            return OptionalLong.empty();
        }
        return integerLiteral(LLVMGetOperand(v, 0));
    }

    /** The value of an integer constant of at most 64 bits. */
    static OptionalLong integerLiteral(LLVMValueRef v) {
        if (Refs.isNull(v) || LLVMGetValueKind(v) != LLVMConstantIntValueKind || LLVMGetIntTypeWidth(LLVMTypeOf(v)) > 64) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(LLVMConstIntGetZExtValue(v));
    }

    /** The key of a literal address the front end knows, or null. */
    String knownKey(LLVMValueRef v) {
        Inside in = inside(v);
        return in.literal() ? keyOf(in.address()) : null;
    }

    /** The address {@code v} is a literal of; {@link #knownKey} must have found one. */
    long literalOf(LLVMValueRef v) {
        return inside(v).address();
    }

    /** The front end's key for an address, or null; asked once per address. */
    String keyOf(long address) {
        if (keys.containsKey(address)) {
            return keys.get(address);
        }
        String key = values.keyOf(address).orElse(null);
        keys.put(address, key);
        return key;
    }

    /** Whether a constant holds a literal address the front end knows, at any depth. */
    boolean containsKnown(LLVMValueRef c) {
        return anyKnown(addressesIn(c));
    }

    boolean anyKnown(long[] addresses) {
        for (long a : addresses) {
            if (keyOf(a) != null) {
                return true;
            }
        }
        return false;
    }

    boolean allKnown(long[] addresses) {
        for (long a : addresses) {
            if (keyOf(a) == null) {
                return false;
            }
        }
        return true;
    }

    /** Every distinct non-null literal address inside a constant (globals are not looked into); do not modify. */
    long[] addressesIn(LLVMValueRef c) {
        return inside(c).addresses();
    }

    private Inside inside(LLVMValueRef c) {
        return mayHoldAddress(c) ? walk(c) : Inside.NOTHING;
    }

    private Inside walk(LLVMValueRef c) {
        Inside cached = inside.get(c.address());
        if (cached != null) {
            return cached;
        }
        Inside out;
        OptionalLong literal = literalAddress(c);
        if (literal.isPresent()) {
            long a = literal.getAsLong();
            out = new Inside(a == 0 ? NONE : new long[] {a}, true, a);
        } else {
            Set<Long> found = null;
            int n = LLVMGetNumOperands(c);
            for (int i = 0; i < n; i++) {
                long[] inner = addressesIn(LLVMGetOperand(c, i));
                if (inner.length > 0) {
                    found = found == null ? new LinkedHashSet<>() : found;
                    for (long a : inner) {
                        found.add(a);
                    }
                }
            }
            out = found == null ? Inside.NOTHING : new Inside(found.stream().mapToLong(Long::longValue).toArray(), false, 0);
        }
        inside.put(c.address(), out);
        return out;
    }
}
