package dev.gpuc.api;

/** Whether something (a backend, a loader) can work on this machine, and if not, why. */
public record Availability(boolean available, String reason) {
    public static Availability yes() {
        return new Availability(true, "");
    }

    public static Availability no(String reason) {
        return new Availability(false, reason);
    }
}
