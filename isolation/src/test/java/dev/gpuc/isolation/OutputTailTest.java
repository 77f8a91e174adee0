package dev.gpuc.isolation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class OutputTailTest {
    @Test
    void keepsOnlyTheLastBytes() {
        OutputTail tail = new OutputTail(256);
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            String line = "line " + i + "\n";
            all.append(line);
            byte[] b = line.getBytes(UTF_8);
            tail.append(b, b.length);
        }
        assertEquals(all.substring(all.length() - 256), tail.text());
    }

    @Test
    void aWriteLargerThanTheBufferKeepsItsEnd() {
        OutputTail tail = new OutputTail(256);
        byte[] big = "x".repeat(1000).concat("END").getBytes(UTF_8);
        tail.append(big, big.length);
        assertEquals("x".repeat(253) + "END", tail.text());
    }

    @Test
    void pumpingStopsKeepingAtTheStopByte() {
        OutputTail tail = new OutputTail(256);
        byte[] in = {'h', 'i', (byte) 0xF7, 'n', 'o'};
        tail.pump(new ByteArrayInputStream(in), 0xF7);
        assertEquals("hi", tail.text());
    }
}
