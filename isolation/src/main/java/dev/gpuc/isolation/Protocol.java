package dev.gpuc.isolation;

/** Constants both sides of the worker protocol agree on. */
final class Protocol {
    private Protocol() {}

    /** Sent in HELLO; bumped whenever a frame's layout changes. */
    static final int VERSION = 4;

    /** Worker exit status when the host sent something the protocol does not allow. */
    static final int EXIT_PROTOCOL = 65;
    /** Worker exit status when its pipes to the host failed. */
    static final int EXIT_IO = 74;
    /** Worker exit status after an {@link Error} (a stack overflow, say) left its state in doubt. */
    static final int EXIT_RETIRED = 70;
    /** Worker exit status when the host process went away while a job ran. */
    static final int EXIT_ORPHANED = 71;
}
