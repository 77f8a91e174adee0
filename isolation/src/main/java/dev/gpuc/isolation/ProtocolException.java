package dev.gpuc.isolation;

/**
 * A frame that breaks the worker protocol (a bad length, an unknown message, a field that does
 * not decode). The other side's state is then unknown, so the worker is replaced.
 */
class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ProtocolException(String message) {
        super(message);
    }
}
