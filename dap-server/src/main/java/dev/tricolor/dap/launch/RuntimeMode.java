package dev.tricolor.dap.launch;

/** Who owns the heap: the module's own compiled-in runtime, or the Java TLSF/ITCMS. */
public enum RuntimeMode {
  /** The module's own AssemblyScript runtime (TLSF/ITCMS compiled into the wasm), read in place. */
  GUEST("guest"),
  /** The module was built against the project's host runtime; Java allocates and collects. */
  HOST("host");

  private final String id;

  RuntimeMode(String id) {
    this.id = id;
  }

  /** The value as written in launch.json and on the command line. */
  public String id() {
    return id;
  }

  /** The mode named {@code id}, or null when there is none. */
  public static RuntimeMode byId(String id) {
    for (RuntimeMode m : values()) {
      if (m.id.equals(id)) {
        return m;
      }
    }
    return null;
  }
}
