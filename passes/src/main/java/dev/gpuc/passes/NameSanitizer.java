package dev.gpuc.passes;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.gpuc.ir.Module;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Renames symbols for backends with restricted names. NVPTX aborts the process on a visible
 * symbol holding {@code #} or {@code +}, and ptxas rejects {@code .}, so PTX sanitises every
 * global value to {@code [A-Za-z_][A-Za-z0-9_]*}: each other character becomes {@code _}, a
 * leading digit gets a {@code _} in front, and a name that then collides with another gets
 * {@code _1}, {@code _2}, … in module order (globals before functions), so the result is
 * deterministic. LLVM intrinsics ({@code llvm.*}) and unnamed values are left alone.
 */
public final class NameSanitizer {
    private static final Pattern LEGAL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private NameSanitizer() {}

    public static boolean isLegal(String name) {
        return LEGAL.matcher(name).matches();
    }

    /** The legal form of one name, before collision handling; what {@code symbolFor} can use. */
    public static String sanitizedName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9_]", "_");
        return s.isEmpty() || Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }

    /** Renames every global value with an illegal name; returns old name → new name, in order. */
    public static Map<String, String> sanitize(Module module) {
        LLVMModuleRef m = module.unwrap();
        List<LLVMValueRef> symbols = new ArrayList<>(Refs.globals(m));
        symbols.addAll(Refs.functions(m));
        for (LLVMValueRef a = LLVMGetFirstGlobalAlias(m); !Refs.isNull(a); a = LLVMGetNextGlobalAlias(a)) {
            symbols.add(a);
        }
        Map<String, String> renames = new LinkedHashMap<>();
        for (LLVMValueRef v : symbols) {
            String name = Refs.name(v);
            if (name.isEmpty() || name.startsWith("llvm.") || isLegal(name)) {
                continue;
            }
            String base = sanitizedName(name);
            String candidate = base;
            for (int n = 1; Refs.symbolExists(m, candidate); n++) {
                candidate = base + "_" + n;
            }
            Refs.setName(v, candidate);
            renames.put(name, candidate);
        }
        return Collections.unmodifiableMap(renames);
    }
}
