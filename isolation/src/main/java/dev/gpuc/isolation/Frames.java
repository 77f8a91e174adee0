package dev.gpuc.isolation;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Length-prefixed frames over a byte stream: the byte {@link #MAGIC}, a big-endian u32 length N
 * (1..{@link #MAX_LENGTH}), then N bytes, the first of which is the {@link MessageType}.
 *
 * <p>The magic byte is never the first byte of UTF-8 text, so anything else that reaches a
 * worker's stdout (the JVM's fatal-error banner, a native library's {@code printf}) is caught at
 * its first byte instead of being read as a length.
 */
final class Frames {
    static final int MAGIC = 0xF7;

    /** Larger than any module or artifact gpuc handles, small enough that a garbled length is caught. */
    static final int MAX_LENGTH = 1 << 30;

    private Frames() {}

    /** One frame: its type and the body after the type byte. */
    record Frame(MessageType type, byte[] body) {
        WireReader reader() {
            return new WireReader(body);
        }
    }

    static void write(OutputStream out, MessageType type, byte[] body) throws IOException {
        if (body.length >= MAX_LENGTH) {
            throw new ProtocolException("frame of " + body.length + " bytes exceeds the protocol's limit");
        }
        int n = body.length + 1;
        out.write(new byte[] {(byte) MAGIC, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n, type.code});
        out.write(body);
        out.flush();
    }

    /** Bytes that were not a frame where one was due: the stream is not to be read as frames any more. */
    static final class NotAFrame extends ProtocolException {
        private static final long serialVersionUID = 1L;
        final int firstByte;

        NotAFrame(int firstByte) {
            super("output that is not a frame (first byte 0x" + Integer.toHexString(firstByte) + ")");
            this.firstByte = firstByte;
        }
    }

    /**
     * The next frame, or empty at a clean end of stream (between frames).
     *
     * @throws EOFException      when the stream ends inside a frame
     * @throws NotAFrame         when the next byte is not {@link #MAGIC}
     * @throws ProtocolException for a length out of range or an unknown type
     */
    static Optional<Frame> read(InputStream in) throws IOException {
        int magic = in.read();
        if (magic < 0) {
            return Optional.empty();
        }
        if (magic != MAGIC) {
            throw new NotAFrame(magic);
        }
        byte[] prefix = new byte[4];
        if (in.readNBytes(prefix, 0, 4) < 4) {
            throw new EOFException("stream ends inside a frame length");
        }
        int n = ((prefix[0] & 0xff) << 24) | ((prefix[1] & 0xff) << 16) | ((prefix[2] & 0xff) << 8) | (prefix[3] & 0xff);
        if (n < 1 || n > MAX_LENGTH) {
            throw new ProtocolException("frame length " + Integer.toUnsignedString(n) + " is out of range (bytes "
                    + String.format("%02x %02x %02x %02x", prefix[0], prefix[1], prefix[2], prefix[3]) + ")");
        }
        int type = in.read();
        if (type < 0) {
            throw new EOFException("stream ends before a frame's type");
        }
        MessageType t = MessageType.of(type);
        byte[] body = in.readNBytes(n - 1);
        if (body.length < n - 1) {
            throw new EOFException("stream ends inside a frame of " + n + " bytes");
        }
        return Optional.of(new Frame(t, body));
    }
}
