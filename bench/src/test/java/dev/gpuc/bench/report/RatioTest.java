package dev.gpuc.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RatioTest {
    @Test
    void relativeErrorsAddInQuadrature() {
        Ratio r = Ratio.of(2, 0.2, 1, 0.1);
        assertEquals(2, r.value(), 1e-12);
        assertEquals(2 * Math.sqrt(0.02), r.error(), 1e-12);
        assertEquals(20, r.times(10).value(), 1e-12);
        assertEquals(0.5, r.inverse().value(), 1e-12);
        assertEquals(r.error() / 4, r.inverse().error(), 1e-12);
    }

    @Test
    void unknownErrorStaysUnknownAndIsNotPrinted() {
        Ratio r = Ratio.of(3, Double.NaN, 2, 0.1);
        assertTrue(Double.isNaN(r.error()));
        assertEquals("1.50", Row.format(r, Row.Format.RATIO));
        assertEquals("150 %", Row.format(r, Row.Format.PERCENT));
    }

    @Test
    void numbersKeepThreeSignificantDigits() {
        assertEquals("1.23", Row.number(1.2345));
        assertEquals("0.00123", Row.number(0.0012345));
        assertEquals("12346", Row.number(12345.6));
        assertEquals("×10.5 ± 0.200", Row.format(new Ratio(10.5, 0.2), Row.Format.FACTOR));
    }
}
