package dev.tricolor.wasm.model;

/**
 * How a data or element segment is used: copied into a memory or table at instantiation
 * (active), kept for {@code memory.init}/{@code table.init} (passive), or only declaring the
 * functions {@code ref.func} may name (declarative, element segments only).
 */
public enum SegmentMode {
  ACTIVE,
  PASSIVE,
  DECLARATIVE
}
