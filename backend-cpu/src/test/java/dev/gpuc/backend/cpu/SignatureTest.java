package dev.gpuc.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureTest {
    @Test
    void encodesAndParsesBack() {
        Signature s = new Signature(List.of(Scalar.integer(1), Scalar.integer(17), Scalar.FLOAT, Scalar.DOUBLE,
                Scalar.POINTER), Scalar.VOID);
        assertEquals("i1,i17,f32,f64,ptr->void", s.encode());
        assertEquals(s, Signature.parse(s.encode()));
        assertEquals(new Signature(List.of(), Scalar.integer(64)), Signature.parse("->i64"));
    }

    @Test
    void rejectsWhatNoWrapperWrites() {
        for (String bad : List.of("", "i32", "i0->void", "i65->void", "i32,->void", "void->void", "f16->f32", "x->i8")) {
            assertThrows(IllegalArgumentException.class, () -> Signature.parse(bad), bad);
        }
    }
}
