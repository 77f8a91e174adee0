package dev.gpuc.ir;

/** Symbol visibility, in the C API's order. */
public enum Visibility { DEFAULT, HIDDEN, PROTECTED }
