package dev.gpuc.isolation;

/** Whether the caller vouches for one job's input, for {@link IsolationPolicy#AUTOMATIC}. */
public enum Trust {
    /** Input the caller produced itself (its own front end's IR): isolated only if its backend is untrusted. */
    TRUSTED,
    /** Input from elsewhere (a user's file, a fuzzer, another tool): always compiled in a worker. */
    UNTRUSTED
}
