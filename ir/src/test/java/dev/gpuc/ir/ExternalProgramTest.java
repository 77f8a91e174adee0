package dev.gpuc.ir;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExternalProgramTest {
    private static String sh() {
        return ExternalProgram.onPath("sh").map(Path::toString).orElseThrow();
    }

    @Test
    void exitStatusAndBothStreamsAreReported() throws IOException {
        ExternalProgram.Outcome o = ExternalProgram.run(List.of(sh(), "-c", "echo out; echo err >&2; exit 3"),
                Duration.ofSeconds(60));
        assertEquals(3, o.exitCode());
        assertFalse(o.timedOut());
        assertFalse(o.succeeded());
        assertEquals("out\nerr\n", o.output());
    }

    @Test
    void inputIsEmptySoAReaderFinishes() throws IOException {
        ExternalProgram.Outcome o = ExternalProgram.run(List.of(sh(), "-c", "cat; echo done"), Duration.ofSeconds(60));
        assertTrue(o.succeeded());
        assertEquals("done\n", o.output());
    }

    @Test
    void aProgramPastItsTimeIsKilledAndSaysSo() throws IOException {
        ExternalProgram.Outcome o = ExternalProgram.run(List.of(sh(), "-c", "exec sleep 600"), Duration.ofMillis(500));
        assertTrue(o.timedOut());
        assertEquals(-1, o.exitCode());
        assertFalse(o.succeeded());
    }

    @Test
    void aProgramThatIsNotThereCannotStart() {
        assertEquals(Optional.empty(), ExternalProgram.onPath("gpuc-no-such-program"));
        assertThrows(IOException.class, () -> ExternalProgram.run(List.of("/nonexistent/gpuc-tool"), Duration.ofSeconds(5)));
    }
}
