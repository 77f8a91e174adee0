package dev.gpuc.bench;

import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.RuntimeValues;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A generated module shaped like a JIT front end's output, at any size: {@code functions} entry
 * points, each a chain of {@code units} blocks that load a value and a tag pointer, compare the
 * tag with the host address of a runtime object (the {@code x === :sym} pattern), and store a
 * result. Half of the addresses are written inline ({@code inttoptr} in the instruction), half
 * come from a private constant global initialised with one, as Julia emits both. The number of
 * distinct runtime objects grows with the module (one per two units), so extraction has
 * proportionally more to find.
 *
 * @param instructions the exact number of IR instructions in the module
 * @param addresses    distinct runtime addresses, each known to {@link #values()}
 */
public record GeneratedKernel(String name, String ir, int instructions, int addresses, RuntimeValues values) {
    /**
     * Instructions in one unit: add, gep+load of the value, gep+load of the tag, the runtime
     * object (a load from its global, or an fadd beside the inline address), compare, fmul,
     * select, gep+store, br.
     */
    static final int UNIT_INSTRUCTIONS = 12;
    /** Per function: the entry's branch and the return. */
    static final int FUNCTION_INSTRUCTIONS = 2;
    /** Units per function: a helper-sized function, so compile time stays linear in the module. */
    static final int UNITS_PER_FUNCTION = 9;
    private static final long ADDRESS_BASE = 0x7f3a_1000_0000L;

    public ModuleSource source() {
        return ModuleSource.ofText(name + ".ll", ir);
    }

    /**
     * A module of about {@code instructions} instructions (at least one function).
     *
     * @param addressSpace 0 for the host, 1 for GPU global memory (arguments, tags and globals)
     * @param seed         varies constants and names, so that modules of the same size differ
     */
    public static GeneratedKernel ofSize(int instructions, int addressSpace, int seed) {
        int perFunction = UNITS_PER_FUNCTION * UNIT_INSTRUCTIONS + FUNCTION_INSTRUCTIONS;
        int functions = Math.max(1, Math.round((float) instructions / perFunction));
        return generate("gen" + instructions + "_s" + seed, functions, UNITS_PER_FUNCTION, addressSpace, seed);
    }

    static GeneratedKernel generate(String name, int functions, int units, int addressSpace, int seed) {
        int totalUnits = functions * units;
        int distinct = Math.max(1, totalUnits / 2);
        String p = "ptr addrspace(" + addressSpace + ")";
        Map<String, Long> values = new LinkedHashMap<>();
        StringBuilder globals = new StringBuilder();
        StringBuilder code = new StringBuilder();
        for (int k = 0; k < distinct; k++) {
            long address = address(k);
            values.put("Gen:" + seed + ":obj" + k, address);
            if (k % 2 == 1) {
                globals.append("@rt").append(k).append(" = private unnamed_addr addrspace(").append(addressSpace)
                        .append(") constant ").append(p).append(" inttoptr (i64 ").append(address).append(" to ")
                        .append(p).append("), align 8\n");
            }
        }
        int unit = 0;
        for (int f = 0; f < functions; f++) {
            code.append("\ndefine void @").append(name).append("_f").append(f).append('(').append(p).append(" %a, ")
                .append(p).append(" %b, ").append(p).append(" %tags, i64 %n) {\nentry:\n  br label %u0\n");
            for (int u = 0; u < units; u++, unit++) {
                int k = unit % distinct;
                String next = u + 1 < units ? "u" + (u + 1) : "done";
                String tag = "%tag" + u;
                code.append('u').append(u).append(":\n")
                    .append("  %i").append(u).append(" = add i64 %n, ").append(u * 7 + f).append('\n')
                    .append("  %pa").append(u).append(" = getelementptr float, ").append(p).append(" %a, i64 %i").append(u).append('\n')
                    .append("  %x").append(u).append(" = load float, ").append(p).append(" %pa").append(u).append(", align 4\n")
                    .append("  %pt").append(u).append(" = getelementptr ").append(p).append(", ").append(p).append(" %tags, i64 %i").append(u).append('\n')
                    .append("  ").append(tag).append(" = load ").append(p).append(", ").append(p).append(" %pt").append(u).append(", align 8\n");
                if (k % 2 == 1) {
                    code.append("  %rt").append(u).append(" = load ").append(p).append(", ").append(p).append(" @rt").append(k)
                        .append(", align 8\n")
                        .append("  %is").append(u).append(" = icmp eq ").append(p).append(' ').append(tag).append(", %rt").append(u).append('\n');
                } else {
                    // The inline form has no load, so the unit gets another arithmetic step to keep its size.
                    code.append("  %x2_").append(u).append(" = fadd float %x").append(u).append(", 0.5\n")
                        .append("  %is").append(u).append(" = icmp eq ").append(p).append(' ').append(tag).append(", inttoptr (i64 ")
                        .append(address(k)).append(" to ").append(p).append(")\n");
                }
                code.append("  %y").append(u).append(" = fmul float %x").append(u).append(", ").append(constant(seed, unit)).append('\n')
                    .append("  %z").append(u).append(" = select i1 %is").append(u).append(", float %y").append(u).append(", float %x").append(u).append('\n')
                    .append("  %pb").append(u).append(" = getelementptr float, ").append(p).append(" %b, i64 %i").append(u).append('\n')
                    .append("  store float %z").append(u).append(", ").append(p).append(" %pb").append(u).append(", align 4\n")
                    .append("  br label %").append(next).append('\n');
            }
            code.append("done:\n  ret void\n}\n");
        }
        String ir = "; generated by gpuc-bench: " + functions + " functions x " + units + " units, " + distinct
                + " runtime addresses\n" + globals + code;
        int instructions = totalUnits * UNIT_INSTRUCTIONS + functions * FUNCTION_INSTRUCTIONS;
        return new GeneratedKernel(name, ir, instructions, distinct, RuntimeValues.of(values));
    }

    private static long address(int k) {
        return ADDRESS_BASE + 0x40L * k;
    }

    /** A float literal LLVM reads exactly (a multiple of 1/8), different per seed and unit. */
    private static String constant(int seed, int unit) {
        return Double.toString(1.0 + ((seed * 31 + unit) % 64) / 8.0);
    }
}
