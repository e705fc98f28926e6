package dev.tricolor.dap.sourcemap;

/**
 * A place in an original source, as a debugger shows it.
 *
 * @param source index into the map's {@code sources}
 * @param line 1-based line
 * @param column 1-based column
 */
public record SourcePosition(int source, int line, int column) {}
