package dev.gpuc.isolation;

import dev.gpuc.api.RuntimeValues;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The host's {@link RuntimeValues} as seen from a worker: each question goes to the host over
 * the protocol and is answered by the front end's own object there. Answers are remembered for
 * the job, so each distinct address or key costs one round trip.
 */
final class RemoteRuntimeValues implements RuntimeValues {
    /** Sends one question frame and returns the body of the answer of the expected type. */
    interface Channel {
        WireReader ask(MessageType question, byte[] body, MessageType answer);
    }

    private final Channel channel;
    private final Map<Long, Optional<String>> keys = new HashMap<>();
    private final Map<String, OptionalLong> addresses = new HashMap<>();

    RemoteRuntimeValues(Channel channel) {
        this.channel = channel;
    }

    @Override
    public Optional<String> keyOf(long address) {
        return keys.computeIfAbsent(address, a -> {
            WireReader r = channel.ask(MessageType.KEY_QUESTION, new WireWriter().i64(a).toByteArray(),
                    MessageType.KEY_ANSWER);
            Optional<String> key = Optional.ofNullable(r.optStr());
            r.end();
            return key;
        });
    }

    @Override
    public OptionalLong addressOf(String key) {
        return addresses.computeIfAbsent(key, k -> {
            WireReader r = channel.ask(MessageType.ADDRESS_QUESTION, new WireWriter().str(k).toByteArray(),
                    MessageType.ADDRESS_ANSWER);
            OptionalLong address = r.bool() ? OptionalLong.of(r.i64()) : OptionalLong.empty();
            r.end();
            return address;
        });
    }

    /** The host side: the answer to one question, from the front end's values. */
    static byte[] answer(MessageType question, WireReader r, RuntimeValues values) {
        if (question == MessageType.KEY_QUESTION) {
            long address = r.i64();
            r.end();
            return new WireWriter().optStr(values.keyOf(address).orElse(null)).toByteArray();
        }
        String key = r.str();
        r.end();
        OptionalLong address = values.addressOf(key);
        WireWriter w = new WireWriter().bool(address.isPresent());
        address.ifPresent(w::i64);
        return w.toByteArray();
    }

    static MessageType answerType(MessageType question) {
        return question == MessageType.KEY_QUESTION ? MessageType.KEY_ANSWER : MessageType.ADDRESS_ANSWER;
    }
}
