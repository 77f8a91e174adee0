package dev.gpuc.ir;

/** What a target machine emits: textual assembly (PTX, GCN asm) or an object file. */
public enum CodeGenFileType { ASSEMBLY, OBJECT }
