package dev.tricolor.wasm.binary;

import dev.tricolor.wasm.model.NameSection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes the {@code name} custom section: subsection 0 (module), 1 (functions), 2 (locals),
 * and binaryen's extended ones: 3 (labels), 4 (types), 5 (tables), 6 (memories), 7 (globals),
 * 8 (element segments), 9 (data segments). Unknown subsections are skipped. The spec says a
 * malformed name section must not make the module malformed, so a problem ends decoding with
 * what was read so far, and {@link #problem()} says what it was.
 */
final class NameSectionParser {
  private final ByteReader in;
  private final int end;
  private String problem;

  private String moduleName;
  private final Map<Integer, String>[] nameMaps = newMaps();
  private final Map<Integer, Map<Integer, String>> locals = new LinkedHashMap<>();
  private final Map<Integer, Map<Integer, String>> labels = new LinkedHashMap<>();

  NameSectionParser(byte[] bytes, int start, int end) {
    this.in = new ByteReader(bytes, start, end);
    this.end = end;
    in.inSection = true;
    in.section = "name section";
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Map<Integer, String>[] newMaps() {
    Map<Integer, String>[] maps = new Map[10];
    for (int i = 0; i < maps.length; i++) {
      maps[i] = new LinkedHashMap<>();
    }
    return maps;
  }

  NameSection parse() {
    try {
      while (in.pos < end) {
        int id = in.u8();
        int size = in.length("name subsection");
        int subEnd = in.pos + size;
        in.limit = subEnd;
        in.itemKind = "subsection";
        in.item = id;
        switch (id) {
          case 0 -> moduleName = in.name();
          case 1, 4, 5, 6, 7, 8, 9 -> nameMap(nameMaps[id]);
          case 2 -> indirectNameMap(locals);
          case 3 -> indirectNameMap(labels);
          default -> in.pos = subEnd;
        }
        if (in.pos != subEnd) {
          throw in.error("subsection size mismatch", in.pos);
        }
        in.limit = end;
      }
    } catch (MalformedModuleException e) {
      problem = e.getMessage();
    }
    return new NameSection(
        moduleName,
        frozen(nameMaps[1]),
        frozenIndirect(locals),
        frozenIndirect(labels),
        frozen(nameMaps[4]),
        frozen(nameMaps[5]),
        frozen(nameMaps[6]),
        frozen(nameMaps[7]),
        frozen(nameMaps[8]),
        frozen(nameMaps[9]));
  }

  /** What made decoding stop early, or null. */
  String problem() {
    return problem;
  }

  private void nameMap(Map<Integer, String> into) {
    long count = in.u32L();
    for (long i = 0; i < count; i++) {
      int index = in.u32();
      into.put(index, in.name());
    }
  }

  private void indirectNameMap(Map<Integer, Map<Integer, String>> into) {
    long count = in.u32L();
    for (long i = 0; i < count; i++) {
      int index = in.u32();
      Map<Integer, String> inner = new LinkedHashMap<>();
      nameMap(inner);
      into.put(index, Collections.unmodifiableMap(inner));
    }
  }

  private static Map<Integer, String> frozen(Map<Integer, String> map) {
    return map.isEmpty() ? Map.of() : Collections.unmodifiableMap(map);
  }

  private static Map<Integer, Map<Integer, String>> frozenIndirect(
      Map<Integer, Map<Integer, String>> map) {
    return map.isEmpty() ? Map.of() : Collections.unmodifiableMap(map);
  }
}
