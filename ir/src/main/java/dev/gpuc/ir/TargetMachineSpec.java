package dev.gpuc.ir;

import java.util.Objects;

/**
 * Everything that determines a target machine. A value, so it can be part of a cache key.
 *
 * @param optLevel 0 to 3
 */
public record TargetMachineSpec(String triple, String cpu, String features, int optLevel,
                                RelocModel relocModel, CodeModel codeModel) {
    public enum RelocModel { DEFAULT, STATIC, PIC, DYNAMIC_NO_PIC }

    public enum CodeModel { DEFAULT, JIT_DEFAULT, TINY, SMALL, KERNEL, MEDIUM, LARGE }

    public TargetMachineSpec {
        Objects.requireNonNull(triple, "triple");
        cpu = cpu == null ? "" : cpu;
        features = features == null ? "" : features;
        if (optLevel < 0 || optLevel > 3) {
            throw new IllegalArgumentException("opt level must be 0..3, got " + optLevel);
        }
        Objects.requireNonNull(relocModel, "relocModel");
        Objects.requireNonNull(codeModel, "codeModel");
    }

    public static TargetMachineSpec of(String triple, String cpu, String features) {
        return new TargetMachineSpec(triple, cpu, features, 2, RelocModel.DEFAULT, CodeModel.DEFAULT);
    }

    public TargetMachineSpec withOptLevel(int level) {
        return new TargetMachineSpec(triple, cpu, features, level, relocModel, codeModel);
    }

    public TargetMachineSpec withRelocModel(RelocModel model) {
        return new TargetMachineSpec(triple, cpu, features, optLevel, model, codeModel);
    }
}
