package dev.gpuc.backend.cpu;

import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * One entry point of a loaded module: its {@link Signature} and its call wrapper. Turns Java
 * arguments into the wrapper's 8-byte slots and the result slot back into a Java value.
 */
final class CompiledFunction implements AutoCloseable {
    private final String name;
    private final Signature signature;
    private final UniformCall wrapper;

    CompiledFunction(String name, Signature signature, long wrapperAddress) {
        this.name = name;
        this.signature = signature;
        this.wrapper = new UniformCall(wrapperAddress);
    }

    String name() {
        return name;
    }

    Signature signature() {
        return signature;
    }

    /**
     * Calls the function; the result's 8 bytes as a long (integers sign-extended, {@code i1}
     * zero-extended, a float's bits in the low half; meaningless for void).
     *
     * @throws IllegalArgumentException when the arguments do not match the signature
     */
    long invoke(Object[] args) {
        int n = signature.parameters().size();
        if (args.length != n) {
            throw new IllegalArgumentException(name + signature + " takes " + n + " argument" + (n == 1 ? "" : "s")
                    + ", got " + args.length);
        }
        Buffers buffers = BUFFERS.get().fit(n);
        for (int i = 0; i < n; i++) {
            buffers.args.put(i, slot(i, signature.parameters().get(i), args[i]));
        }
        wrapper.invoke(buffers.args, buffers.ret);
        return buffers.ret.get(0);
    }

    /** The result as the Java value {@link CpuModule#call} returns. */
    Object box(long raw) {
        Scalar r = signature.result();
        return switch (r.kind()) {
            case INT -> r.bits() == 1 ? Boolean.valueOf(raw != 0) : r.bits() <= 32 ? (Object) (int) raw : (Object) raw;
            case FLOAT -> Float.intBitsToFloat((int) raw);
            case DOUBLE -> Double.longBitsToDouble(raw);
            case POINTER -> raw;
            case VOID -> null;
        };
    }

    private long slot(int index, Scalar type, Object value) {
        switch (type.kind()) {
            case INT -> {
                long v;
                if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                    v = ((Number) value).longValue();
                } else if (value instanceof Boolean b) {
                    v = b ? 1 : 0;
                } else if (value instanceof Character c) {
                    v = c;
                } else {
                    throw mismatch(index, type, value);
                }
                // Either reading of the bits is fine: the callee decides signedness.
                if (type.bits() < 64 && (v < -(1L << (type.bits() - 1)) || v > (1L << type.bits()) - 1)) {
                    throw new IllegalArgumentException(name + ": argument " + index + " = " + v + " does not fit "
                            + type);
                }
                return v;
            }
            case FLOAT -> {
                if (value instanceof Float || value instanceof Double) {
                    return Float.floatToRawIntBits(((Number) value).floatValue()) & 0xffff_ffffL;
                }
                throw mismatch(index, type, value);
            }
            case DOUBLE -> {
                if (value instanceof Float || value instanceof Double) {
                    return Double.doubleToRawLongBits(((Number) value).doubleValue());
                }
                throw mismatch(index, type, value);
            }
            case POINTER -> {
                if (value == null) {
                    return 0;
                }
                if (value instanceof Pointer p) {
                    return p.address() + p.position() * p.sizeof();
                }
                if (value instanceof Long address) {
                    return address;
                }
                throw mismatch(index, type, value);
            }
            default -> throw new IllegalStateException("void parameter in " + signature);
        }
    }

    private IllegalArgumentException mismatch(int index, Scalar type, Object value) {
        return new IllegalArgumentException(name + signature + ": argument " + index + " must be "
                + switch (type.kind()) {
                    case INT -> "an integer (Long, Integer, Short, Byte, Character or Boolean)";
                    case FLOAT, DOUBLE -> "a Float or Double";
                    default -> "a javacpp Pointer, a Long address or null";
                } + " for " + type + ", got " + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    @Override
    public void close() {
        wrapper.close();
    }

    /** Per-thread native argument and result slots, grown on demand, so a call allocates nothing. */
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private static final class Buffers {
        LongPointer args = new LongPointer(8);
        final LongPointer ret = new LongPointer(1);

        Buffers fit(int count) {
            if (count > args.capacity()) {
                args.close();
                args = new LongPointer(Math.max(count, 2 * args.capacity()));
            }
            return this;
        }
    }
}
