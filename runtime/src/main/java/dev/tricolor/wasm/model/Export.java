package dev.tricolor.wasm.model;

/** An export: a name and the index of a function, table, memory or global. */
public record Export(String name, ExternalKind kind, int index) {}
