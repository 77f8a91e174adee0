package dev.gpuc.passes;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.gpuc.ir.CStrings;
import dev.gpuc.ir.PointerArrays;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.llvm.LLVM.LLVMContextRef;
import org.bytedeco.llvm.LLVM.LLVMMetadataRef;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * The module's own record of its slots: named metadata {@code !gpuc.runtime_globals}, one
 * {@code !{!"<slot>", !"<key>"}} per slot in table order. It makes extraction idempotent (a
 * second run finds the slots and their keys) and travels with the module through bitcode.
 */
final class SlotMetadata {
    static final String NAME = "gpuc.runtime_globals";

    private SlotMetadata() {}

    record Entry(String slot, String key) {}

    static List<Entry> read(LLVMModuleRef m) {
        int n = LLVMGetNamedMetadataNumOperands(m, CStrings.of(NAME));
        List<Entry> out = new ArrayList<>(n);
        if (n == 0) {
            return out;
        }
        PointerPointer<LLVMValueRef> array = PointerArrays.scratch(n);
        LLVMGetNamedMetadataOperands(m, NAME, array);
        List<LLVMValueRef> nodes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            nodes.add(array.get(LLVMValueRef.class, i));
        }
        for (LLVMValueRef node : nodes) {
            if (LLVMGetMDNodeNumOperands(node) != 2) {
                continue;
            }
            PointerPointer<LLVMValueRef> ops = PointerArrays.scratch(2);
            LLVMGetMDNodeOperands(node, ops);
            String slot = string(ops.get(LLVMValueRef.class, 0));
            String key = string(ops.get(LLVMValueRef.class, 1));
            if (slot != null && key != null) {
                out.add(new Entry(slot, key));
            }
        }
        return out;
    }

    static void append(LLVMModuleRef m, Entry entry) {
        LLVMContextRef ctx = LLVMGetModuleContext(m);
        LLVMMetadataRef slot = mdString(ctx, entry.slot());
        LLVMMetadataRef key = mdString(ctx, entry.key());
        LLVMMetadataRef node = LLVMMDNodeInContext2(ctx, PointerArrays.of(slot, key), 2);
        LLVMAddNamedMetadataOperand(m, CStrings.of(NAME), LLVMMetadataAsValue(ctx, node));
    }

    private static LLVMMetadataRef mdString(LLVMContextRef ctx, String s) {
        BytePointer p = CStrings.of(s);
        return LLVMMDStringInContext2(ctx, p, p.limit());
    }

    private static String string(LLVMValueRef v) {
        if (Refs.isNull(v) || !Refs.is(LLVMIsAMDString(v))) {
            return null;
        }
        int[] len = new int[1];
        BytePointer p = LLVMGetMDString(v, len);
        if (Refs.isNull(p)) {
            return null;
        }
        byte[] bytes = new byte[len[0]];
        p.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
