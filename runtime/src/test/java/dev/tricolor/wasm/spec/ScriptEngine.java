package dev.tricolor.wasm.spec;

import java.util.List;

/**
 * What the spec harness needs of an engine, in the scripts' terms. One engine serves one
 * script: modules instantiated in it can be named, registered under an import module name and
 * imported by later modules. Failures are {@link ScriptException}s saying which kind of failure
 * the spec would call it.
 */
interface ScriptEngine {
  /** Decodes and validates {@code bytes} without instantiating them. */
  void check(byte[] bytes);

  /**
   * Decodes, validates and instantiates {@code bytes} against the registered modules (and the
   * spectest host module); the instance becomes the current one and, when {@code name} is not
   * null, can be named in actions and registrations.
   */
  void instantiate(byte[] bytes, String name);

  /** Makes the exports of module {@code name} (the current one when null) importable as {@code as}. */
  void register(String name, String as);

  /** Calls export {@code field} of module {@code module} (the current one when null). */
  List<WasmValue> invoke(String module, String field, List<WasmValue> args);

  /** Reads exported global {@code field}. */
  WasmValue get(String module, String field);

  /** Ends whatever runs now; may be called from another thread (the harness's watchdog). */
  void stop();

  /** Lets the engine run again after {@link #stop()}. */
  void resume();
}
