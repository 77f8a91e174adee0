package dev.gpuc.api;

/** A request gpuc or the chosen backend does not support (an option, a strategy, an architecture). */
public final class UnsupportedFeature extends GpucException {
    private static final long serialVersionUID = 1L;

    public UnsupportedFeature(String message) {
        super(message, null);
    }

    @Override
    public String kind() {
        return "unsupported";
    }
}
