package dev.tricolor.dap.sourcemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedSourcesTest {
  @TempDir Path dir;

  private static final String MAP =
      "{\"version\":3,\"sources\":[\"~lib/rt/tlsf.ts\",\"programs/list.ts\",\"programs/gone.ts\"],"
          + "\"sourceRoot\":\"./list\",\"sourcesContent\":[\"// tlsf\",\"// list\",\"// gone\"],"
          + "\"names\":[],\"mappings\":\"AAAA,ECAA\"}";

  @Test
  void relativeSourcesResolveAgainstTheLaunchSourceRootNotTheMapOne() throws Exception {
    Files.createDirectories(dir.resolve("programs"));
    Path list = Files.writeString(dir.resolve("programs/list.ts"), "// list");
    MappedSources s = new MappedSources(SourceMap.parse(MAP), dir);

    MappedSource lib = s.get(0);
    assertEquals(Optional.empty(), lib.path(), "~lib sources are never looked for on disk");
    assertEquals(1, lib.sourceReference());
    assertEquals("~lib/rt/tlsf.ts", lib.displayName());
    assertEquals(Optional.of("// tlsf"), s.text(1));

    MappedSource user = s.get(1);
    assertEquals(Optional.of(list.toAbsolutePath().normalize()), user.path());
    assertEquals(0, user.sourceReference(), "on disk: the client reads the file");
    assertEquals("list.ts", user.displayName());

    MappedSource gone = s.get(2);
    assertEquals(3, gone.sourceReference(), "not on disk: served from sourcesContent");
    assertEquals(Optional.of("// gone"), s.text(3));
    assertEquals(Optional.empty(), s.text(2), "2 is not a reference this map hands out");
    assertEquals(Optional.empty(), s.text(99));
  }

  @Test
  void clientPathsAreMatchedExactlyThenBySuffix() throws Exception {
    Files.createDirectories(dir.resolve("programs"));
    Files.writeString(dir.resolve("programs/list.ts"), "// list");
    MappedSources s = new MappedSources(SourceMap.parse(MAP), dir);
    assertEquals(1, s.byPath(dir.resolve("programs/./list.ts").toString()).get().index());
    // A sourceRoot that points elsewhere still finds the file by its map name.
    MappedSources elsewhere = new MappedSources(SourceMap.parse(MAP), dir.resolve("nowhere"));
    assertEquals(1, elsewhere.byPath(dir.resolve("programs/list.ts").toString()).get().index());
    assertEquals(Optional.empty(), s.byPath(dir.resolve("programs/other.ts").toString()));
    assertEquals(Optional.empty(), s.byPath(dir.resolve("list.ts").toString()));
  }

  @Test
  void theLocatorFollowsTheContractOrder() throws Exception {
    Path build = Files.createDirectories(dir.resolve("build"));
    Path wasm = Files.write(build.resolve("x.wasm"), new byte[8]);
    String a = VlqForTests.map("AAAA", "a.ts");
    String b = VlqForTests.map("AAAA", "b.ts");
    String c = VlqForTests.map("AAAA", "c.ts");
    Files.writeString(build.resolve("x.wasm.map"), a);
    Files.writeString(build.resolve("named.map"), b);
    Path explicit = Files.writeString(dir.resolve("explicit.map"), c);

    assertEquals(
        "c.ts",
        SourceMapLocator.load(Optional.of(explicit), wasm, Optional.of("./named.map"))
            .get().sources().get(0),
        "the sourceMap argument wins");
    assertEquals(
        "b.ts",
        SourceMapLocator.load(Optional.empty(), wasm, Optional.of("./named.map"))
            .get().sources().get(0),
        "then sourceMappingURL, resolved against the module's folder");
    assertEquals(
        "a.ts",
        SourceMapLocator.load(Optional.empty(), wasm, Optional.of("./missing.map"))
            .get().sources().get(0),
        "then PROGRAM.map");
    assertEquals(
        "a.ts",
        SourceMapLocator.load(Optional.empty(), wasm, Optional.of("https://example.org/x.map"))
            .get().sources().get(0));
    String inline = "data:application/json;base64," + Base64.getEncoder().encodeToString(b.getBytes());
    assertEquals(
        "b.ts",
        SourceMapLocator.load(Optional.empty(), wasm, Optional.of(inline)).get().sources().get(0));

    Files.delete(build.resolve("x.wasm.map"));
    assertEquals(
        Optional.empty(),
        SourceMapLocator.load(Optional.empty(), wasm, Optional.empty()),
        "no map is not an error");
  }

  @Test
  void aBadMapIsNamedByItsPath() throws Exception {
    Path build = Files.createDirectories(dir.resolve("build"));
    Path wasm = Files.write(build.resolve("x.wasm"), new byte[8]);
    Path map = Files.writeString(build.resolve("x.wasm.map"), "{\"version\":3,\"sources\":[]");
    String msg =
        assertThrows(
                SourceMapException.class,
                () -> SourceMapLocator.load(Optional.empty(), wasm, Optional.empty()))
            .getMessage();
    assertTrue(
        msg.startsWith("bad source map " + map + ": not a source map: invalid JSON"), msg);
  }
}
