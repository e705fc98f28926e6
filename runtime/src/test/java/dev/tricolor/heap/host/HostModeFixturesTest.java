package dev.tricolor.heap.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tricolor.heap.layout.Common;
import dev.tricolor.heap.read.RuntimeGlobals;
import dev.tricolor.heap.testing.TestPrograms;
import dev.tricolor.testing.Json;
import dev.tricolor.wasm.memory.Memory;
import dev.tricolor.wasm.host.AbortTrap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential test (2) of the host runtime: every test program and benchmark, built with the
 * built-in runtime and with the host runtime, runs the steps of its Node fixture in both modes in
 * the engine. The host build must end every step as Node recorded for the built-in one (results,
 * trap, abort with file, line and column, output), and leave the same heap as the guest build
 * after every step: the same blocks, free lists, collector state and objects at the same
 * addresses with the same sizes and colors (the collector's globals are known in --debug builds;
 * -O3 builds compare the allocator's part).
 */
class HostModeFixturesTest {
  private static final Path PROGRAMS = TestPrograms.root();

  @TestFactory
  Stream<DynamicTest> everyProgramRunsAlikeInHostMode() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(PROGRAMS.resolve("fixtures"))) {
      s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
    }
    assertTrue(files.size() >= 20, "expected the fixtures of test-programs, found " + files);
    return files.stream().map(f -> DynamicTest.dynamicTest(
        PROGRAMS.relativize(f).toString(), () -> check(f)));
  }

  @SuppressWarnings("unchecked")
  private static void check(Path fixtureFile) throws IOException {
    Map<String, Object> fx = (Map<String, Object>) Json.parse(Files.readString(fixtureFile));
    String build = (String) fx.get("build");
    String wasm = (String) fx.get("wasm"); // build/debug/bench/fib.wasm
    String program = wasm.substring(("build/" + build + "/").length(), wasm.length() - ".wasm".length());
    ModeRun guest = ModeRun.guest(build, program);
    ModeRun host = ModeRun.host(build, program);
    boolean gc = build.equals("debug");
    // A program that never calls the runtime (asc then imports no runtime function but __visit,
    // which the compiled visitors call) has no runtime in its guest build, so no heap at all,
    // while its host build still carries the runtime file's static data: then the host heap must
    // merely stay empty.
    boolean hasHeap = host.module.imports().stream()
        .anyMatch(i -> i.module().equals(HostRuntime.MODULE) && !i.name().equals("__visit"));
    String name = fixtureFile.getFileName().toString();
    assertEquals(guest.out.toString(), host.out.toString(), name + ": start stdout");
    assertEquals(guest.err.toString(), host.err.toString(), name + ": start stderr");
    compareHeaps(guest, host, gc, hasHeap, name + " after the start function");

    int n = 0;
    for (Object o : (List<Object>) fx.get("steps")) {
      Map<String, Object> step = (Map<String, Object>) o;
      String export = (String) step.get("invoke");
      String where = name + " step " + n++ + " " + export;
      List<Object> args = (List<Object>) step.get("args");
      long[] raw = new long[args.size()];
      for (int i = 0; i < raw.length; i++) {
        raw[i] = bits((Map<String, Object>) args.get(i));
      }
      guest.out.setLength(0);
      guest.err.setLength(0);
      host.out.setLength(0);
      host.err.setLength(0);
      ModeRun.Outcome g = guest.call(export, raw);
      ModeRun.Outcome h = host.call(export, raw);

      assertEquals(step.get("outcome"), h.kind(), where + " (Node's outcome): host " + h
          + (h.trap() != null ? ": " + h.trap().getMessage() : ""));
      switch (h.kind()) {
        case "return" -> {
          List<Object> expected = (List<Object>) step.get("results");
          assertEquals(expected.size(), h.results().length, where);
          assertEquals(expected.size(), g.results().length, where);
          for (int i = 0; i < expected.size(); i++) {
            Map<String, Object> v = (Map<String, Object>) expected.get(i);
            long hv = normalize((String) v.get("type"), h.results()[i]);
            long gv = normalize((String) v.get("type"), g.results()[i]);
            if (isNaN(v)) {
              continue;
            }
            assertEquals(bits(v), gv, where + " result " + i + " of the guest build (Node recorded " + v + ")");
            if (hv != gv && sameStaticObject(guest, (int) gv, host, (int) hv)) {
              continue; // e.g. a string literal: each build has its own static data
            }
            assertEquals(gv, hv, where + " result " + i + " (Node recorded " + v + ")");
          }
        }
        case "abort" -> {
          AbortTrap a = (AbortTrap) h.trap();
          Map<String, Object> ab = (Map<String, Object>) step.get("abort");
          assertEquals(ab.get("message"), a.abortMessage(), where);
          assertEquals(ab.get("file"), a.fileName(), where);
          assertEquals(((Long) ab.get("line")).intValue(), a.line(), where);
          assertEquals(((Long) ab.get("column")).intValue(), a.column(), where);
        }
        default -> {
          assertEquals(g.toString(), h.toString(), where + ": guest and host outcomes");
          if (step.get("trap") != null) {
            assertEquals(step.get("trap"), h.trap().kind().specText(), where);
          }
        }
      }
      if (h.kind().equals("abort")) {
        assertEquals(g.toString(), h.toString(), where + ": guest and host outcomes");
      }
      assertEquals(step.get("stdout"), host.out.toString(), where + " stdout");
      assertEquals(step.get("stderr"), host.err.toString(), where + " stderr");
      compareHeaps(guest, host, gc, hasHeap, where);
    }
  }

  private static void compareHeaps(ModeRun guest, ModeRun host, boolean gc, boolean hasHeap,
      String where) {
    if (hasHeap) {
      HeapShape.assertSame(guest.heap(), host.heap(), gc, where);
    } else {
      RuntimeGlobals g = host.globals();
      assertEquals(0, g.root(), where + ": the host runtime allocated for a program that never does");
      assertEquals(0, g.total(), where);
      assertEquals(0, host.heap().objectCount(), where);
    }
  }

  /**
   * Whether two addresses below each build's heap base hold the same static object (the same
   * header class and size and the same payload bytes): a literal each build placed itself.
   */
  private static boolean sameStaticObject(ModeRun guest, int g, ModeRun host, int h) {
    byte[] gm = guest.instance.memory().bytes();
    byte[] hm = host.instance.memory().bytes();
    long gBase = guest.globals().heapBase();
    long hBase = host.globals().heapBase();
    if (g < Common.TOTAL_OVERHEAD || h < Common.TOTAL_OVERHEAD || g >= gBase || h >= hBase) {
      return false;
    }
    int gSize = Memory.getI32(gm, g - Common.TOTAL_OVERHEAD + Common.RTSIZE_OFFSET);
    int hSize = Memory.getI32(hm, h - Common.TOTAL_OVERHEAD + Common.RTSIZE_OFFSET);
    int gId = Memory.getI32(gm, g - Common.TOTAL_OVERHEAD + Common.RTID_OFFSET);
    int hId = Memory.getI32(hm, h - Common.TOTAL_OVERHEAD + Common.RTID_OFFSET);
    return gSize == hSize && gId == hId && gSize >= 0 && g + gSize <= gBase && h + hSize <= hBase
        && Arrays.equals(gm, g, g + gSize, hm, h, h + hSize);
  }

  private static boolean isNaN(Map<String, Object> v) {
    return "NaN".equals(v.get("value"));
  }

  private static long normalize(String type, long bits) {
    return type.equals("i32") || type.equals("f32") ? (int) bits : bits;
  }

  private static long bits(Map<String, Object> v) {
    String type = (String) v.get("type");
    if (v.containsKey("bits")) {
      long b = Long.parseUnsignedLong(((String) v.get("bits")).substring(2), 16);
      return type.equals("f32") ? (int) b : b;
    }
    Object value = v.get("value");
    return switch (type) {
      case "i32" -> Math.toIntExact((Long) value);
      case "i64" -> Long.parseLong(value.toString());
      default -> throw new IllegalArgumentException("a " + type + " without bits: " + v);
    };
  }
}
