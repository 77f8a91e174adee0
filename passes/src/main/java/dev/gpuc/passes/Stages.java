package dev.gpuc.passes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Times the stages of one compilation, in the order they run. */
final class Stages {
    private final List<StageTiming> timings = new ArrayList<>();

    <T> T time(String stage, Supplier<T> body) {
        long start = System.nanoTime();
        try {
            return body.get();
        } finally {
            timings.add(new StageTiming(stage, Duration.ofNanos(System.nanoTime() - start)));
        }
    }

    void time(String stage, Runnable body) {
        time(stage, () -> {
            body.run();
            return null;
        });
    }

    List<StageTiming> timings() {
        return List.copyOf(timings);
    }
}
