package dev.tricolor.wasm.model;

/** {@code count} locals of one type, as a function body declares them (count is a u32). */
public record LocalGroup(long count, ValType type) {}
