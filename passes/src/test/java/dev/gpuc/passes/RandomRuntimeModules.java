package dev.gpuc.passes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates front-end-like modules with runtime addresses spread over globals and instructions,
 * as two "sessions" would emit them: the same structure and keys, other addresses, and other
 * global names (JIT counters differ between sessions).
 */
final class RandomRuntimeModules {
    /** One session's module text and its key → address map. */
    record Session(String ir, Map<String, Long> values) {}

    private final long seed;
    private final int keys;

    RandomRuntimeModules(long seed, int keys) {
        this.seed = seed;
        this.keys = keys;
    }

    /** The module as session {@code session} (0, 1, …) emits it. */
    Session session(int session) {
        Random shape = new Random(seed);
        Random addresses = new Random(seed * 31 + session + 1);
        Map<String, Long> values = new LinkedHashMap<>();
        Set<Long> used = new HashSet<>();
        for (int k = 0; k < keys; k++) {
            long a;
            do {
                a = 0x7f00_0000_0000L + (addresses.nextLong() & 0xff_ffff_fff0L);
            } while (!used.add(a));
            values.put("Key:" + k + (k % 3 == 0 ? "#weird.name+" + k : ""), a);
        }
        List<Long> addressList = new ArrayList<>(values.values());
        StringBuilder globals = new StringBuilder();
        StringBuilder functions = new StringBuilder();
        int uses = keys + shape.nextInt(2 * keys + 1);
        for (int j = 0; j < uses; j++) {
            long a = addressList.get(j < keys ? j : shape.nextInt(keys));
            String g = "@\"jl#g" + j + "#" + (100 * session + j) + "\"";
            switch (shape.nextInt(11)) {
                case 0 -> functions.append("define i1 @f").append(j).append("(ptr %v) {\n  %c = icmp eq ptr %v, inttoptr (i64 ")
                        .append(a).append(" to ptr)\n  ret i1 %c\n}\n");
                case 1 -> {
                    globals.append(g).append(" = private unnamed_addr constant ptr inttoptr (i64 ").append(a).append(" to ptr), align 8\n");
                    functions.append("define ptr @f").append(j).append("() {\n  %p = load ptr, ptr ").append(g).append(", align 8\n  ret ptr %p\n}\n");
                }
                case 2 -> {
                    globals.append(g).append(" = private constant ptr getelementptr (i8, ptr inttoptr (i64 ").append(a)
                            .append(" to ptr), i64 16)\n");
                    functions.append("define i8 @f").append(j).append("() {\n  %p = load ptr, ptr ").append(g)
                            .append("\n  %b = load i8, ptr %p\n  ret i8 %b\n}\n");
                }
                case 3 -> functions.append("define void @f").append(j).append("(ptr %out) {\n  store ptr inttoptr (i64 ").append(a)
                        .append(" to ptr), ptr %out\n  ret void\n}\n");
                case 4 -> functions.append("define i8 @f").append(j).append("() {\n  %b = load i8, ptr getelementptr (i8, ptr inttoptr (i64 ")
                        .append(a).append(" to ptr), i64 8)\n  ret i8 %b\n}\n");
                case 5 -> functions.append("define ptr @f").append(j).append("(i1 %c) {\nentry:\n  br i1 %c, label %a, label %b\na:\n  br label %m\n")
                        .append("b:\n  br label %m\nm:\n  %p = phi ptr [ inttoptr (i64 ").append(a).append(" to ptr), %a ], [ null, %b ]\n  ret ptr %p\n}\n");
                case 6 -> functions.append("define void @f").append(j).append("() {\n  call void @sink(ptr inttoptr (i64 ").append(a)
                        .append(" to ptr))\n  ret void\n}\n");
                case 7 -> functions.append("define ptr @f").append(j).append("() {\n  %p = inttoptr i64 ").append(a)
                        .append(" to ptr\n  ret ptr %p\n}\n");
                case 8 -> {
                    globals.append(g).append(" = private addrspace(1) constant ptr addrspace(1) inttoptr (i64 ").append(a)
                            .append(" to ptr addrspace(1)), align 8\n");
                    functions.append("define ptr addrspace(1) @f").append(j).append("() {\n  %p = load ptr addrspace(1), ptr addrspace(1) ")
                            .append(g).append(", align 8\n  ret ptr addrspace(1) %p\n}\n");
                }
                case 9 -> functions.append("define { ptr, i64 } @f").append(j).append("() {\n  %s = insertvalue { ptr, i64 } { ptr inttoptr (i64 ")
                        .append(a).append(" to ptr), i64 3 }, i64 4, 1\n  ret { ptr, i64 } %s\n}\n");
                default -> functions.append("define ptr @f").append(j).append("(i1 %c, ptr %v) {\n  %s = select i1 %c, ptr %v, ptr inttoptr (i64 ")
                        .append(a).append(" to ptr)\n  ret ptr %s\n}\n");
            }
        }
        String ir = "target triple = \"x86_64-unknown-linux-gnu\"\n\n" + globals + "\ndeclare void @sink(ptr)\n\n" + functions;
        return new Session(ir, values);
    }
}
