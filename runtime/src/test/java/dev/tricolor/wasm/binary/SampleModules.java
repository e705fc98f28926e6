package dev.tricolor.wasm.binary;

import static dev.tricolor.wasm.binary.WasmBytes.*;

/** Hand-built modules shared by the decoder and validator tests. */
public final class SampleModules {
  private SampleModules() {}

  static final int I32 = 0x7F, I64 = 0x7E, F32 = 0x7D, F64 = 0x7C, FUNCREF = 0x70, EXTERNREF = 0x6F;

  /** A valid module with every section and most encodings; ModuleParserTest checks its parts. */
  public static final byte[] RICH =
      module(
          section(1, vec( // types
              cat(bytes(0x60), vec(bytes(I32), bytes(I32)), vec(bytes(I32))),
              cat(bytes(0x60), vec(), vec()),
              cat(bytes(0x60), vec(bytes(I64)), vec(bytes(F32), bytes(F64))))),
          section(2, vec( // imports
              cat(name("env"), name("abort"), bytes(0x00), u32(1)),
              cat(name("env"), name("mem"), bytes(0x02, 0x01), u32(1), u32(2)),
              cat(name("env"), name("tbl"), bytes(0x01, FUNCREF, 0x00), u32(0)),
              cat(name("env"), name("g"), bytes(0x03, I32, 0x01)))),
          section(3, vec(u32(0), u32(1))), // functions 1 and 2
          section(4, vec(bytes(EXTERNREF, 0x01, 0x01, 0x0A))), // table 1: externref {1, 10}
          section(6, vec( // globals 1..3 (0 is imported)
              cat(bytes(I64, 0x00, 0x42), s64(-5), bytes(0x0B)),
              cat(bytes(F64, 0x00, 0x44), bytes(0, 0, 0, 0, 0, 0, 0xF8, 0x3F), bytes(0x0B)),
              cat(bytes(FUNCREF, 0x00, 0xD2), u32(1), bytes(0x0B)))),
          section(7, vec(
              cat(name("add"), bytes(0x00), u32(1)),
              cat(name("big"), bytes(0x03), u32(1)))),
          section(8, u32(2)),
          section(9, vec(
              cat(u32(0), bytes(0x41, 0x01, 0x0B), vec(u32(1), u32(2))), // active, table 0
              cat(u32(1), bytes(0x00), vec(u32(2))), // passive, function indices
              cat(u32(5), bytes(FUNCREF), vec( // passive, expressions
                  bytes(0xD0, FUNCREF, 0x0B),
                  cat(bytes(0xD2), u32(1), bytes(0x0B)))),
              cat(u32(3), bytes(0x00), vec(u32(2))))), // declarative
          section(12, u32(2)),
          section(10, vec(
              body(vec(bytes(2, I32), bytes(1, F64)), bytes(0x20, 0, 0x20, 1, 0x6A, 0x0B)),
              body(vec(), bytes(0x01, 0x0B)))),
          section(11, vec(
              cat(u32(0), bytes(0x41, 0x10, 0x0B), name("hi")),
              cat(u32(1), name("xyz")))),
          section(0, name("sourceMappingURL"), name("./rich.wasm.map")),
          section(0, name("name"),
              subsection(0, name("m")),
              subsection(1, vec(cat(u32(1), name("add")), cat(u32(2), name("nop")))),
              subsection(2, vec(cat(u32(1), vec(
                  cat(u32(0), name("a")), cat(u32(1), name("b")), cat(u32(2), name("tmp")))))),
              subsection(7, vec(cat(u32(1), name("big"))))));

  static byte[] subsection(int id, byte[] content) {
    return cat(bytes(id), u32(content.length), content);
  }

}
