package dev.gpuc.passes;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.gpuc.api.RuntimeValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Finds literal addresses ({@code inttoptr (i64 C to T)}) inside constants. Constants are DAGs
 * shared across the module, so results are memoised per constant: the walk stays linear in the
 * number of distinct constants.
 */
final class AddressConstants {
    private final RuntimeValues values;
    private final Map<Long, List<Long>> addressesInside = new HashMap<>();

    AddressConstants(RuntimeValues values) {
        this.values = values;
    }

    /** The address of an {@code inttoptr} constant expression of an integer literal, if {@code v} is one. */
    static OptionalLong literalAddress(LLVMValueRef v) {
        if (!Refs.is(LLVMIsAConstantExpr(v)) || LLVMGetConstOpcode(v) != LLVMIntToPtr) {
            return OptionalLong.empty();
        }
        return integerLiteral(LLVMGetOperand(v, 0));
    }

    /** The value of an integer constant of at most 64 bits. */
    static OptionalLong integerLiteral(LLVMValueRef v) {
        if (!Refs.is(LLVMIsAConstantInt(v)) || LLVMGetIntTypeWidth(LLVMTypeOf(v)) > 64) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(LLVMConstIntGetZExtValue(v));
    }

    /** The key of a literal address the front end knows, or null. */
    String knownKey(LLVMValueRef v) {
        OptionalLong a = literalAddress(v);
        return a.isPresent() ? values.keyOf(a.getAsLong()).orElse(null) : null;
    }

    String keyOf(long address) {
        return values.keyOf(address).orElse(null);
    }

    /** Whether a constant holds a literal address the front end knows, at any depth. */
    boolean containsKnown(LLVMValueRef c) {
        for (long a : addressesIn(c)) {
            if (values.keyOf(a).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** Every non-null literal address inside a constant (globals are not looked into). */
    List<Long> addressesIn(LLVMValueRef c) {
        if (!isWalkable(c)) {
            return List.of();
        }
        List<Long> cached = addressesInside.get(c.address());
        if (cached != null) {
            return cached;
        }
        Set<Long> found = new LinkedHashSet<>();
        OptionalLong literal = literalAddress(c);
        if (literal.isPresent()) {
            if (literal.getAsLong() != 0) {
                found.add(literal.getAsLong());
            }
        } else {
            int n = LLVMGetNumOperands(c);
            for (int i = 0; i < n; i++) {
                found.addAll(addressesIn(LLVMGetOperand(c, i)));
            }
        }
        List<Long> out = List.copyOf(new ArrayList<>(found));
        addressesInside.put(c.address(), out);
        return out;
    }

    /** Constants with operands worth looking into: not globals, block addresses or metadata. */
    static boolean isWalkable(LLVMValueRef v) {
        return !Refs.isNull(v) && Refs.is(LLVMIsAConstant(v)) && !Refs.is(LLVMIsAGlobalValue(v))
                && !Refs.is(LLVMIsABlockAddress(v));
    }
}
