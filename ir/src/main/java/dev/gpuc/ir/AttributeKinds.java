package dev.gpuc.ir;

import static org.bytedeco.llvm.global.LLVM.*;

import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.javacpp.BytePointer;

/** LLVM's numbers for enum attributes ({@code noinline}, {@code byval}, …), fixed for the process, so looked up once. */
public final class AttributeKinds {
    private AttributeKinds() {}

    private static final ConcurrentHashMap<String, Integer> KINDS = new ConcurrentHashMap<>();

    /** @throws IllegalArgumentException for a name LLVM does not know (kind 0 would reach its assertions) */
    public static int of(String name) {
        int kind = KINDS.computeIfAbsent(name, n -> {
            BytePointer p = CStrings.of(n);
            return LLVMGetEnumAttributeKindForName(p, p.limit());
        });
        if (kind == 0) {
            throw new IllegalArgumentException("unknown attribute: " + name);
        }
        return kind;
    }
}
