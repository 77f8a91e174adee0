package dev.gpuc.backend.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Java-visible shape of an entry point, written into the object file next to its call
 * wrapper (as {@code f32,ptr,ptr,i64->void}) so a loader in another session can check calls
 * without the IR.
 */
public record Signature(List<Scalar> parameters, Scalar result) {
    public Signature {
        parameters = List.copyOf(parameters);
        if (parameters.contains(Scalar.VOID)) {
            throw new IllegalArgumentException("a parameter cannot be void");
        }
    }

    public String encode() {
        return parameters.stream().map(Scalar::toString).collect(Collectors.joining(",")) + "->" + result;
    }

    /** @throws IllegalArgumentException when {@code text} is not an encoded signature */
    public static Signature parse(String text) {
        int arrow = text.lastIndexOf("->");
        if (arrow < 0) {
            throw new IllegalArgumentException("not a signature: '" + text + "'");
        }
        List<Scalar> params = new ArrayList<>();
        String head = text.substring(0, arrow);
        if (!head.isEmpty()) {
            for (String p : head.split(",", -1)) {
                params.add(Scalar.parse(p));
            }
        }
        return new Signature(params, Scalar.parse(text.substring(arrow + 2)));
    }

    @Override
    public String toString() {
        return "(" + parameters.stream().map(Scalar::toString).collect(Collectors.joining(", ")) + ") -> " + result;
    }
}
