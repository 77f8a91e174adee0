package dev.gpuc.api;

/** How much debug information to keep in the output. */
public enum DebugInfo { NONE, LINE_TABLES, FULL }
