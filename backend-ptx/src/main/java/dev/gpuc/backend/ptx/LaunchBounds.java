package dev.gpuc.backend.ptx;

import dev.gpuc.api.UnsupportedFeature;
import dev.gpuc.ir.Function;
import dev.gpuc.ir.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Launch bounds of the kernels: what {@code __launch_bounds__} and {@code __maxnreg__} say in
 * CUDA C, and GPUCompiler.jl's {@code maxthreads}, {@code minthreads}, {@code blocks_per_sm} and
 * {@code maxregs}. They let {@code ptxas} budget registers.
 *
 * @param maxThreads      {@code .maxntid}: at most this many threads per block (x, y, z)
 * @param requiredThreads {@code .reqntid}: exactly this many threads per block (x, y, z)
 * @param minBlocksPerSm  {@code .minnctapersm}
 * @param maxRegisters    {@code .maxnreg}
 */
public record LaunchBounds(Optional<Dim3> maxThreads, Optional<Dim3> requiredThreads, OptionalInt minBlocksPerSm,
                           OptionalInt maxRegisters) {
    /** CUDA's per-block limit on every capability LLVM 20 targets. */
    public static final int MAX_THREADS_PER_BLOCK = 1024;

    public static final LaunchBounds NONE =
            new LaunchBounds(Optional.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty());

    static final String MAX_THREADS = "maxntid";
    static final String REQUIRED_THREADS = "reqntid";
    static final String MIN_BLOCKS = "minctasm";
    static final String MAX_REGISTERS = "maxnreg";

    static final List<String> OPTION_KEYS = List.of(MAX_THREADS, REQUIRED_THREADS, MIN_BLOCKS, MAX_REGISTERS);

    public LaunchBounds {
        maxThreads.ifPresent(d -> checkBlock(MAX_THREADS, d));
        requiredThreads.ifPresent(d -> checkBlock(REQUIRED_THREADS, d));
        if (maxThreads.isPresent() && requiredThreads.isPresent()) {
            // ptxas: "Conflicting directives: .maxntid and .reqntid cannot both be specified".
            throw new UnsupportedFeature("maxntid and reqntid exclude each other (ptxas rejects PTX with both);"
                    + " reqntid already bounds the block");
        }
    }

    public static LaunchBounds maxThreads(Dim3 threads) {
        return new LaunchBounds(Optional.of(threads), Optional.empty(), OptionalInt.empty(), OptionalInt.empty());
    }

    /** Reads the bounds from target options ({@code maxntid=256}, {@code reqntid=16,16}, ...). */
    static LaunchBounds fromOptions(Map<String, String> options) {
        return new LaunchBounds(
                Optional.ofNullable(options.get(MAX_THREADS)).map(v -> Dim3.parse(MAX_THREADS, v)),
                Optional.ofNullable(options.get(REQUIRED_THREADS)).map(v -> Dim3.parse(REQUIRED_THREADS, v)),
                optionalInt(options, MIN_BLOCKS), optionalInt(options, MAX_REGISTERS));
    }

    /** The bounds as target options, canonical so that equal bounds describe equally. */
    SortedMap<String, String> toOptions() {
        SortedMap<String, String> out = new TreeMap<>();
        maxThreads.ifPresent(d -> out.put(MAX_THREADS, d.toString()));
        requiredThreads.ifPresent(d -> out.put(REQUIRED_THREADS, d.toString()));
        minBlocksPerSm.ifPresent(n -> out.put(MIN_BLOCKS, Integer.toString(n)));
        maxRegisters.ifPresent(n -> out.put(MAX_REGISTERS, Integer.toString(n)));
        return out;
    }

    public boolean isEmpty() {
        return toOptions().isEmpty();
    }

    /**
     * Annotates a kernel. LLVM 20.1.7's NVPTX back end reads launch bounds from
     * {@code !nvvm.annotations} (only the {@code kernel} entry gave way to the {@code ptx_kernel}
     * calling convention; the {@code "nvvm.maxntid"} function attributes arrived in LLVM 21).
     */
    void annotate(Module module, Function kernel) {
        if (isEmpty()) {
            return;
        }
        List<Object> node = new ArrayList<>();
        node.add(kernel);
        maxThreads.ifPresent(d -> addDims(node, "maxntid", d));
        requiredThreads.ifPresent(d -> addDims(node, "reqntid", d));
        minBlocksPerSm.ifPresent(n -> add(node, "minctasm", n));
        maxRegisters.ifPresent(n -> add(node, "maxnreg", n));
        module.addNamedMetadata("nvvm.annotations", node);
    }

    private static void addDims(List<Object> node, String prefix, Dim3 d) {
        add(node, prefix + "x", d.x());
        add(node, prefix + "y", d.y());
        add(node, prefix + "z", d.z());
    }

    private static void add(List<Object> node, String key, int value) {
        node.add(key);
        node.add(value);
    }

    private static OptionalInt optionalInt(Map<String, String> options, String key) {
        String v = options.get(key);
        return v == null ? OptionalInt.empty() : OptionalInt.of(Dim3.positive(key, v));
    }

    private static void checkBlock(String key, Dim3 d) {
        if (d.volume() > MAX_THREADS_PER_BLOCK) {
            throw new UnsupportedFeature(key + "=" + d + " exceeds the " + MAX_THREADS_PER_BLOCK
                    + " threads a block can hold");
        }
    }
}
