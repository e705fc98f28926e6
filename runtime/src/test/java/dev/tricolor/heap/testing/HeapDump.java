package dev.tricolor.heap.testing;

import dev.tricolor.heap.read.HeapReader;
import dev.tricolor.heap.read.HeapSnapshot;
import dev.tricolor.heap.read.RuntimeGlobals;
import dev.tricolor.heap.read.RuntimeTypes;
import dev.tricolor.testing.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A memory dump that Node produced for a test program ({@code test-programs/tools/heap-dump.mjs}):
 * the memory's bytes and the values of the module's named globals at the dump point.
 */
public record HeapDump(
    String name, String program, byte[] memory, Map<String, Long> globals, List<Object> results,
    Map<String, Object> spec) {

  /** Loads {@code test-programs/heap-dumps/NAME.{json,memory.gz}}. */
  public static HeapDump load(String name) {
    Path dir = TestPrograms.root().resolve("heap-dumps");
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> json =
          (Map<String, Object>) Json.parse(Files.readString(dir.resolve(name + ".json")));
      byte[] memory;
      try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve(name + ".memory.gz")))) {
        memory = in.readAllBytes();
      }
      Map<String, Long> globals = new HashMap<>();
      @SuppressWarnings("unchecked")
      Map<String, Object> g = (Map<String, Object>) json.get("globals");
      g.forEach(
          (k, v) -> {
            if (v instanceof Long l) {
              globals.put(k, l);
            }
          });
      @SuppressWarnings("unchecked")
      List<Object> results = (List<Object>) json.get("results");
      return new HeapDump(name, (String) json.get("program"), memory, globals, results, json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read heap dump " + name + " in " + dir, e);
    }
  }

  /** Reads the dump's heap (class names unknown: the readers' tests work by runtime id). */
  public HeapSnapshot read() {
    RuntimeGlobals g = runtimeGlobals();
    return HeapReader.read(memory, g, RuntimeTypes.read(memory, g.rttiBase(), Map.of()));
  }

  /** The number the {@code i}-th call returned. */
  public int result(int i) {
    return (int) (long) (Long) results.get(i);
  }

  public RuntimeGlobals runtimeGlobals() {
    return RuntimeGlobals.fromNamed(globals);
  }

  /** The value of a program global, by its name-section name. */
  public int global(String name) {
    Long v = globals.get(name);
    if (v == null) {
      throw new IllegalArgumentException("dump " + this.name + " has no global " + name);
    }
    return (int) (long) v;
  }

}
