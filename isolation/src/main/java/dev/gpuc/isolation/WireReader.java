package dev.gpuc.isolation;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the fields of a frame body; anything short or out of range is a {@link ProtocolException}. */
final class WireReader {
    private final ByteBuffer buf;

    WireReader(byte[] body) {
        this.buf = ByteBuffer.wrap(body);
    }

    int u8() {
        try {
            return buf.get() & 0xff;
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    boolean bool() {
        int b = u8();
        if (b > 1) {
            throw new ProtocolException("boolean field holds " + b);
        }
        return b == 1;
    }

    int i32() {
        try {
            return buf.getInt();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    long i64() {
        try {
            return buf.getLong();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    byte[] bytes() {
        int n = count();
        if (n > buf.remaining()) {
            throw truncated();
        }
        byte[] b = new byte[n];
        buf.get(b);
        return b;
    }

    String str() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    String optStr() {
        return bool() ? str() : null;
    }

    List<String> strings() {
        int n = count();
        List<String> out = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            out.add(str());
        }
        return out;
    }

    Map<String, String> stringMap() {
        int n = count();
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            out.put(str(), str());
        }
        return out;
    }

    /** An element count or length: never negative, never more than the bytes left could hold. */
    int count() {
        int n = i32();
        if (n < 0 || n > buf.remaining()) {
            throw new ProtocolException("count " + n + " exceeds the " + buf.remaining() + " bytes left in the frame");
        }
        return n;
    }

    /** Every field was read: a longer frame means the two sides disagree about the format. */
    void end() {
        if (buf.hasRemaining()) {
            throw new ProtocolException(buf.remaining() + " unread bytes at the end of a frame");
        }
    }

    private static ProtocolException truncated() {
        return new ProtocolException("frame ends in the middle of a field");
    }
}
