package dev.tricolor.wasm.binary;

/** Section ids of the binary format, and the order the standard sections must come in. */
final class SectionId {
  private SectionId() {}

  static final int CUSTOM = 0;
  static final int TYPE = 1;
  static final int IMPORT = 2;
  static final int FUNCTION = 3;
  static final int TABLE = 4;
  static final int MEMORY = 5;
  static final int GLOBAL = 6;
  static final int EXPORT = 7;
  static final int START = 8;
  static final int ELEMENT = 9;
  static final int CODE = 10;
  static final int DATA = 11;
  static final int DATA_COUNT = 12;

  private static final String[] NAMES = {
    "custom", "type", "import", "function", "table", "memory", "global", "export", "start",
    "element", "code", "data", "data count"
  };

  // The data count section (id 12) comes between the element and the code sections.
  private static final int[] RANK = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10};

  static String name(int id) {
    return NAMES[id] + " section";
  }

  /** Position of a standard section in the required order. */
  static int rank(int id) {
    return RANK[id];
  }
}
