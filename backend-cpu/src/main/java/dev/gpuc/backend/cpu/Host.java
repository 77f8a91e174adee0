package dev.gpuc.backend.cpu;

import dev.gpuc.ir.Llvm;
import java.util.Set;

/** This machine as LLVM sees it, asked once: LLVM's host-feature query is costly (cpuid on every call). */
final class Host {
    static final String TRIPLE = Llvm.hostTriple();
    static final String CPU = Llvm.hostCpu();
    static final String FEATURES = Llvm.hostFeatures();
    static final Set<String> FEATURE_SET = Set.of(FEATURES.split(","));

    private Host() {}
}
