package dev.gpuc.bench;

/**
 * What one operation of a scaling benchmark works on: {@code copies} modules of one generated
 * size, so that small sizes still take long enough for a single-shot measurement. The report
 * divides each score by {@link #instructionsPerOperation()} to get time per instruction.
 */
public record ScalingInput(GeneratedKernel kernel, int copies) {
    /** Host modules (CPU backend) of about {@code instructions} each, enough for {@code perOperation} instructions in all. */
    public static ScalingInput of(int instructions, int perOperation) {
        GeneratedKernel kernel = GeneratedKernel.ofSize(instructions, 0, 1);
        return new ScalingInput(kernel, Math.max(1, perOperation / kernel.instructions()));
    }

    public long instructionsPerOperation() {
        return (long) copies * kernel.instructions();
    }
}
