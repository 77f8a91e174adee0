package dev.gpuc.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfidenceTest {
    @Test
    void halfWidthIsStudentsTTimesTheStandardError() {
        // mean 2, standard deviation 1, standard error 1/sqrt(3); t(0.975, 2 df) = 4.3027
        assertEquals(4.3027 / Math.sqrt(3), Confidence.halfWidth(new double[] {1, 2, 3}), 1e-4);
        assertEquals(0, Confidence.halfWidth(new double[] {5, 5, 5, 5}), 0);
    }

    @Test
    void oneSampleHasNoInterval() {
        assertTrue(Double.isNaN(Confidence.halfWidth(new double[] {1})));
        assertTrue(Double.isNaN(Confidence.halfWidth(new double[0])));
    }
}
