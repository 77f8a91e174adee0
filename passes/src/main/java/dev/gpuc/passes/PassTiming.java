package dev.gpuc.passes;

import java.time.Duration;

/** One pass execution: its name, wall time, and whether it changed the module. */
public record PassTiming(String pass, Duration wallTime, boolean changed) {}
