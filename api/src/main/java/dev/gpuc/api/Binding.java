package dev.gpuc.api;

/** A slot and the value it gets in the loading session. */
public record Binding(Slot slot, long value) {}
