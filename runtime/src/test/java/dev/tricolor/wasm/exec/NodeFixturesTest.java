package dev.tricolor.wasm.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tricolor.testing.Json;
import dev.tricolor.testing.RepositoryFiles;
import dev.tricolor.wasm.binary.ModuleParser;
import dev.tricolor.wasm.host.AbortTrap;
import dev.tricolor.wasm.host.AscHost;
import dev.tricolor.wasm.host.AscStrings;
import dev.tricolor.wasm.memory.Memory;
import dev.tricolor.wasm.model.FuncType;
import dev.tricolor.wasm.model.ValType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every test program build the way its Node fixture was made (test-programs/README.md) and
 * compares each step's outcome, results and output, the decoded strings, and the memory at each
 * snapshot and at the end, byte for byte.
 */
class NodeFixturesTest {
  private static final Path PROGRAMS = RepositoryFiles.testPrograms();

  @TestFactory
  Stream<DynamicTest> everyBuildRunsAsUnderNode() throws IOException {
    Path fixtures = PROGRAMS.resolve("fixtures");
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(fixtures)) {
      s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
    }
    assertTrue(files.size() >= 10, "expected the fixtures of test-programs, found " + files);
    return files.stream().map(f -> DynamicTest.dynamicTest(
        PROGRAMS.relativize(f).toString(), () -> check(f)));
  }

  /** A program added to the build without a Node run to compare with would go untested. */
  @Test
  @SuppressWarnings("unchecked")
  void everyGuestModeBuildHasAFixture() throws IOException {
    List<String> covered = new ArrayList<>();
    try (Stream<Path> s = Files.walk(PROGRAMS.resolve("fixtures"))) {
      for (Path f : s.filter(p -> p.toString().endsWith(".json")).toList()) {
        Object wasm = ((Map<String, Object>) Json.parse(Files.readString(f))).get("wasm");
        if (wasm != null) {
          covered.add((String) wasm);
        }
      }
    }
    List<String> builds = new ArrayList<>();
    for (String flavor : List.of("debug", "release")) {
      try (Stream<Path> s = Files.walk(PROGRAMS.resolve("build").resolve(flavor))) {
        s.filter(p -> p.toString().endsWith(".wasm"))
            .map(p -> PROGRAMS.relativize(p).toString().replace('\\', '/'))
            .forEach(builds::add);
      }
    }
    assertTrue(builds.size() >= 20, builds::toString);
    List<String> missing = builds.stream().filter(b -> !covered.contains(b)).sorted().toList();
    assertEquals(List.of(), missing, "builds without a Node fixture (npm run build in test-programs makes them)");
  }

  @SuppressWarnings("unchecked")
  private static void check(Path fixtureFile) throws Exception {
    Map<String, Object> fx = (Map<String, Object>) Json.parse(Files.readString(fixtureFile));
    Path wasm = PROGRAMS.resolve((String) fx.get("wasm"));
    byte[] bytes = Files.readAllBytes(wasm);
    assertEquals(fx.get("wasmSha256"), sha256(bytes), wasm + " is not the build the fixture saw");

    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    Store store = new Store();
    Imports imports = new AscHost().out(out::append).err(err::append).imports(store);
    Instance inst = Instance.instantiate(store, ModuleParser.parse(bytes), imports);
    Map<String, Object> init = (Map<String, Object>) fx.get("instantiate");
    assertEquals("return", init.get("outcome"));
    assertEquals(init.get("stdout"), out.toString(), "stdout of the start function");
    assertEquals(init.get("stderr"), err.toString(), "stderr of the start function");

    int n = 0;
    for (Object o : (List<Object>) fx.get("steps")) {
      Map<String, Object> step = (Map<String, Object>) o;
      String where = fixtureFile.getFileName() + " step " + n++ + " " + step.get("invoke");
      out.setLength(0);
      err.setLength(0);
      WasmFunction f = inst.exportedFunction((String) step.get("invoke"));
      List<Object> args = (List<Object>) step.get("args");
      long[] raw = new long[args.size()];
      for (int i = 0; i < raw.length; i++) {
        raw[i] = bits((Map<String, Object>) args.get(i));
      }
      String outcome;
      long[] results = null;
      Trap trap = null;
      try {
        results = store.interpreter().invoke(f, raw);
        outcome = "return";
      } catch (AbortTrap a) {
        outcome = "abort";
        trap = a;
      } catch (Trap t) {
        outcome = "trap";
        trap = t;
      }
      assertEquals(step.get("outcome"), outcome, where + ": " + trap);
      switch (outcome) {
        case "return" -> {
          List<Object> expected = (List<Object>) step.get("results");
          assertEquals(expected.size(), results.length, where);
          for (int i = 0; i < results.length; i++) {
            assertValue((Map<String, Object>) expected.get(i), f.type(), i, results[i], where);
          }
          if (step.containsKey("text")) {
            assertEquals(step.get("text"), AscStrings.read(inst.memory(), (int) results[0]), where);
          }
        }
        case "trap" -> assertEquals(step.get("trap"), trap.kind().specText(), where);
        default -> {
          AbortTrap a = (AbortTrap) trap;
          Map<String, Object> ab = (Map<String, Object>) step.get("abort");
          assertEquals(ab.get("message"), a.abortMessage(), where);
          assertEquals(ab.get("file"), a.fileName(), where);
          assertEquals(((Long) ab.get("line")).intValue(), a.line(), where);
          assertEquals(((Long) ab.get("column")).intValue(), a.column(), where);
        }
      }
      assertEquals(step.get("stdout"), out.toString(), where + " stdout");
      assertEquals(step.get("stderr"), err.toString(), where + " stderr");
      if (step.get("memory") != null) {
        assertMemory((Map<String, Object>) step.get("memory"), inst.memory(), where);
      }
    }
    if (fx.get("memory") != null) {
      assertMemory((Map<String, Object>) fx.get("memory"), inst.memory(),
          fixtureFile.getFileName() + " final memory");
    }
  }

  private static long bits(Map<String, Object> v) {
    String type = (String) v.get("type");
    if (v.containsKey("bits")) {
      return Long.parseUnsignedLong(((String) v.get("bits")).substring(2), 16);
    }
    Object value = v.get("value");
    return switch (type) {
      case "i32" -> Math.toIntExact((Long) value);
      case "i64" -> Long.parseLong(value.toString());
      default -> throw new IllegalArgumentException("a " + type + " without bits: " + v);
    };
  }

  private static void assertValue(
      Map<String, Object> expected, FuncType type, int i, long actual, String where) {
    ValType t = type.result(i);
    assertEquals(expected.get("type"), t.toString(), where);
    switch (t) {
      case I32 -> assertEquals(Math.toIntExact((Long) expected.get("value")), (int) actual,
          where);
      case I64 -> assertEquals(Long.parseLong(expected.get("value").toString()),
          actual, where);
      case F32 -> {
        float e = Float.intBitsToFloat((int) bits(expected));
        float a = Float.intBitsToFloat((int) actual);
        if (Float.isNaN(e)) {
          assertTrue(Float.isNaN(a), where + ": expected NaN, got " + a);
        } else {
          assertEquals(Float.floatToRawIntBits(e), (int) actual, where + ": " + e + " vs " + a);
        }
      }
      case F64 -> {
        double e = Double.longBitsToDouble(bits(expected));
        double a = Double.longBitsToDouble(actual);
        if (Double.isNaN(e)) {
          assertTrue(Double.isNaN(a), where + ": expected NaN, got " + a);
        } else {
          assertEquals(Double.doubleToRawLongBits(e), actual, where + ": " + e + " vs " + a);
        }
      }
      default -> fail(where + ": unexpected result type " + t);
    }
  }

  private static void assertMemory(Map<String, Object> record, Memory memory, String where)
      throws IOException, NoSuchAlgorithmException {
    byte[] actual = memory.bytes();
    assertEquals(Math.toIntExact((Long) record.get("byteLength")), actual.length,
        where + ": memory size");
    if (record.get("sha256").equals(sha256(actual))) {
      return;
    }
    byte[] expected;
    try (InputStream in = new GZIPInputStream(
        Files.newInputStream(PROGRAMS.resolve("fixtures").resolve((String) record.get("file"))))) {
      expected = in.readAllBytes();
    }
    for (int i = 0; i < actual.length; i++) {
      if (expected[i] != actual[i]) {
        fail(String.format("%s: memory differs first at 0x%x: node 0x%02x, engine 0x%02x", where,
            i, expected[i], actual[i]));
      }
    }
    fail(where + ": memory hash differs but no byte does");
  }

  private static String sha256(byte[] b) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
