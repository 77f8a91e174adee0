package dev.gpuc.isolation;

/** The first byte of every frame: what the body holds. Codes are ASCII letters, for readable dumps. */
enum MessageType {
    // host → worker
    /**
     * A job to parse, link, extract and validate: {@link JobCodec}'s fields, then whether STARTED
     * carries the key material.
     */
    START('S'),
    /** Send the started job's key material (when START did not ask for it with STARTED). Empty body. */
    KEY_MATERIAL_REQUEST('M'),
    /** Finish the started job. Empty body. */
    FINISH('F'),
    /** Drop the started job. Empty body; no reply. */
    ABANDON('A'),
    /** Answer to {@link #KEY_QUESTION}: an optional key. */
    KEY_ANSWER('K'),
    /** Answer to {@link #ADDRESS_QUESTION}: presence flag, then the address. */
    ADDRESS_ANSWER('D'),

    // worker → host
    /** First frame of a worker: protocol version, gpuc version, LLVM version. */
    HELLO('h'),
    /** The worker's extraction asks the front end's {@code RuntimeValues.keyOf(address)}. */
    KEY_QUESTION('k'),
    /** The worker asks the front end's {@code RuntimeValues.addressOf(key)}. */
    ADDRESS_QUESTION('d'),
    /** A job was started: {@link StartReply}. */
    STARTED('s'),
    /** Answer to {@link #KEY_MATERIAL_REQUEST}: {@link KeyMaterialReply}. */
    KEY_MATERIAL('m'),
    /** A job was finished: {@link FinishReply}. */
    RESULT('r'),
    /**
     * A job failed with a typed error: a flag saying whether the worker exits after this frame
     * (its state is in doubt after a Java {@link Error}), then {@link ErrorCodec}'s fields.
     */
    ERROR('e');

    final byte code;

    MessageType(char code) {
        this.code = (byte) code;
    }

    static MessageType of(int code) {
        for (MessageType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new ProtocolException("unknown message type 0x" + Integer.toHexString(code & 0xff));
    }
}
