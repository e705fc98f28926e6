package dev.tricolor.wasm.model;

/**
 * A custom section: its name and its content (the bytes after the name).
 *
 * @param start offset of the section's content (after the size) in the module file
 * @param contentStart offset of the first byte after the name
 * @param end offset just past the section
 */
public record CustomSection(String name, int start, int contentStart, int end, byte[] content) {}
