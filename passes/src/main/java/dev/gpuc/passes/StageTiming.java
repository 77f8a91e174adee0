package dev.gpuc.passes;

import java.time.Duration;

/** Wall time of one stage of {@link CodegenPipeline}, such as {@code parse} or {@code emit}. */
public record StageTiming(String stage, Duration duration) {}
