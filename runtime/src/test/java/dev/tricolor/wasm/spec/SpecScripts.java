package dev.tricolor.wasm.spec;

import dev.tricolor.wasm.model.ValType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The spec test scripts: where they are, their names, the type names of their JSON form. */
final class SpecScripts {
  private SpecScripts() {}

  /** Every {@code .wast} in {@code dir}, by name. */
  static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
    }
  }

  /** {@code address} for {@code .../address.wast}. */
  static String scriptName(Path script) {
    String f = script.getFileName().toString();
    return f.endsWith(".wast") ? f.substring(0, f.length() - 5) : f;
  }

  static ValType valType(String name) {
    return switch (name) {
      case "i32" -> ValType.I32;
      case "i64" -> ValType.I64;
      case "f32" -> ValType.F32;
      case "f64" -> ValType.F64;
      case "v128" -> ValType.V128;
      case "funcref" -> ValType.FUNCREF;
      case "externref" -> ValType.EXTERNREF;
      default -> throw new IllegalArgumentException("unknown value type " + name);
    };
  }
}
