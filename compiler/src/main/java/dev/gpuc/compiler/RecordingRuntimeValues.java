package dev.gpuc.compiler;

import dev.gpuc.api.RuntimeValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A job's runtime values that remember every question asked and its answer while recording is
 * on (the start of a compilation: extraction is a function of the module and these answers),
 * so {@link KeyMemo} can later ask another session's values the same questions.
 */
final class RecordingRuntimeValues implements RuntimeValues {
    /** One question and the answer it got, empty answers included. */
    sealed interface Query {
        /** Whether {@code values} gives the same answer now. */
        boolean sameAnswer(RuntimeValues values);
    }

    record KeyOf(long address, Optional<String> answer) implements Query {
        @Override
        public boolean sameAnswer(RuntimeValues values) {
            return answer.equals(values.keyOf(address));
        }
    }

    record AddressOf(String key, OptionalLong answer) implements Query {
        @Override
        public boolean sameAnswer(RuntimeValues values) {
            return answer.equals(values.addressOf(key));
        }
    }

    private final RuntimeValues delegate;
    private final List<Query> queries = new ArrayList<>();
    private boolean recording = true;

    RecordingRuntimeValues(RuntimeValues delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<String> keyOf(long address) {
        Optional<String> answer = delegate.keyOf(address);
        record(new KeyOf(address, answer));
        return answer;
    }

    @Override
    public OptionalLong addressOf(String key) {
        OptionalLong answer = delegate.addressOf(key);
        record(new AddressOf(key, answer));
        return answer;
    }

    private synchronized void record(Query q) {
        if (recording) {
            queries.add(q);
        }
    }

    /** Stops recording (later questions, asked while finishing, do not shape the key) and returns what was asked. */
    synchronized List<Query> stop() {
        recording = false;
        return List.copyOf(queries);
    }
}
