package dev.tricolor.dap.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchConfigTest {
  @TempDir Path dir;
  Path wasm;

  @BeforeEach
  void program() throws IOException {
    Files.createDirectories(dir.resolve("build"));
    wasm = Files.write(dir.resolve("build/list.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
  }

  private static Map<String, Object> args(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private String error(Map<String, Object> raw) {
    return assertThrows(LaunchArgumentException.class, () -> LaunchConfig.parse(raw, dir))
        .getMessage();
  }

  @Test
  void defaultsFollowTheContract() throws Exception {
    LaunchConfig c = LaunchConfig.parse(args("program", "build/list.wasm", "type", "tricolor"), dir);
    assertEquals(wasm.toAbsolutePath().normalize(), c.program());
    assertEquals(dir.toAbsolutePath().normalize(), c.cwd());
    assertEquals(c.cwd(), c.sourceRoot(), "sourceRoot defaults to cwd");
    assertEquals(Optional.empty(), c.sourceMap());
    assertEquals(Optional.empty(), c.invoke());
    assertEquals(List.of(), c.args());
    assertFalse(c.stopOnEntry());
    assertEquals(RuntimeMode.GUEST, c.runtime());
    assertTrue(c.memoryLimitPages().isEmpty());
    assertEquals(10_000, c.maxCallDepth());
    assertEquals(Optional.empty(), c.debugInfo(), "no PROGRAM.debug.json beside the program");
  }

  @Test
  void relativePathsResolveAgainstCwd() throws Exception {
    Files.writeString(dir.resolve("build/other.map"), "{}");
    Files.createDirectories(dir.resolve("src"));
    LaunchConfig c =
        LaunchConfig.parse(
            args(
                "cwd", dir.resolve("build").toString(),
                "program", "list.wasm",
                "sourceMap", "./other.map",
                "sourceRoot", "../src"),
            Path.of("/"));
    assertEquals(wasm.toAbsolutePath().normalize(), c.program());
    assertEquals(dir.resolve("build/other.map").toAbsolutePath().normalize(), c.sourceMap().get());
    assertEquals(dir.resolve("src").toAbsolutePath().normalize(), c.sourceRoot());
  }

  @Test
  void everyArgumentIsRead() throws Exception {
    Files.writeString(dir.resolve("build/list.wasm.debug.json"), "{}");
    LaunchConfig c =
        LaunchConfig.parse(
            args(
                "program", wasm.toString(),
                "invoke", "build",
                "args", List.of(3.0, 2.5, -1.0),
                "stopOnEntry", true,
                "runtime", "host",
                "memoryLimitPages", 2.0,
                "maxCallDepth", 500.0),
            dir);
    assertEquals(Optional.of("build"), c.invoke());
    assertEquals(List.of(3.0, 2.5, -1.0), c.args());
    assertTrue(c.stopOnEntry());
    assertEquals(RuntimeMode.HOST, c.runtime());
    assertEquals(2, c.memoryLimitPages().getAsInt());
    assertEquals(500, c.maxCallDepth());
    assertEquals(
        Optional.of(dir.resolve("build/list.wasm.debug.json").toAbsolutePath().normalize()),
        c.debugInfo(),
        "PROGRAM.debug.json beside the program is picked up");
  }

  @Test
  void errorsNameTheArgumentAndQuoteTheValue() {
    assertEquals("launch argument 'program' is required", error(args()));
    assertEquals(
        "launch argument 'memoryLimitPages' must be a positive integer (at most 32767), got \"abc\"",
        error(args("program", "build/list.wasm", "memoryLimitPages", "abc")));
    assertEquals(
        "launch argument 'memoryLimitPages' must be a positive integer (at most 32767), got 0",
        error(args("program", "build/list.wasm", "memoryLimitPages", 0.0)));
    assertEquals(
        "launch argument 'memoryLimitPages' must be a positive integer (at most 32767), got 1.5",
        error(args("program", "build/list.wasm", "memoryLimitPages", 1.5)));
    assertEquals(
        "launch argument 'maxCallDepth' must be a positive integer, got -3",
        error(args("program", "build/list.wasm", "maxCallDepth", -3.0)));
    assertEquals(
        "launch argument 'runtime' must be \"guest\" or \"host\", got \"jvm\"",
        error(args("program", "build/list.wasm", "runtime", "jvm")));
    assertEquals(
        "launch argument 'stopOnEntry' must be true or false, got \"yes\"",
        error(args("program", "build/list.wasm", "stopOnEntry", "yes")));
    assertEquals(
        "launch argument 'args' must be an array of numbers; element 1 is \"x\"",
        error(args("program", "build/list.wasm", "args", List.of(1.0, "x"))));
    assertEquals(
        "launch argument 'args' must be an array of numbers, got 7",
        error(args("program", "build/list.wasm", "args", 7.0)));
    assertEquals(
        "launch argument 'program' must be a string, got 12",
        error(args("program", 12.0)));
    assertEquals(
        "launch argument 'invoke' must not be empty",
        error(args("program", "build/list.wasm", "invoke", "")));
  }

  @Test
  void missingFilesAreNamedWithTheirResolvedPath() {
    String msg = error(args("program", "build/nothere.wasm"));
    assertEquals(
        "launch argument 'program': no such file "
            + dir.resolve("build/nothere.wasm").toAbsolutePath().normalize(),
        msg);
    assertTrue(error(args("program", "build")).endsWith("is not a file"));
    assertTrue(
        error(args("program", "build/list.wasm", "sourceMap", "x.map"))
            .startsWith("launch argument 'sourceMap': no such file "));
    assertTrue(
        error(args("program", "build/list.wasm", "cwd", "nowhere"))
            .startsWith("launch argument 'cwd': no such folder "));
  }

  @Test
  void theFaultyArgumentIsKept() {
    LaunchArgumentException e =
        assertThrows(
            LaunchArgumentException.class,
            () -> LaunchConfig.parse(args("program", "build/list.wasm", "args", "1,2"), dir));
    assertEquals("args", e.argument());
  }
}
