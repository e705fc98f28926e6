package dev.tricolor.heap.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tricolor.heap.check.CheckReport;
import dev.tricolor.heap.check.HeapChecker;
import dev.tricolor.heap.layout.Tlsf;
import dev.tricolor.heap.read.Blocks;
import dev.tricolor.heap.read.HeapReader;
import dev.tricolor.heap.read.HeapSnapshot;
import dev.tricolor.heap.read.RuntimeGlobals;
import dev.tricolor.heap.read.RuntimeTypes;
import dev.tricolor.heap.testing.EngineRun;
import dev.tricolor.heap.testing.TestPrograms;
import dev.tricolor.wasm.binary.ModuleParser;
import dev.tricolor.wasm.exec.Instance;
import dev.tricolor.wasm.exec.Store;
import dev.tricolor.wasm.host.AscHost;
import dev.tricolor.wasm.model.WasmModule;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Symbols of the runtime in asc's --debug and -O3 builds of the test programs. */
class RuntimeSymbolsTest {
  private static WasmModule module(String flavor, String program) throws Exception {
    return ModuleParser.parse(Files.readAllBytes(TestPrograms.wasm(flavor, program)));
  }

  @Test
  void debugBuildResolvesEveryGlobalAndTheRuntimeFunctions() throws Exception {
    RuntimeSymbols s = RuntimeSymbols.resolve(module("debug", "gccolors"));
    assertTrue(s.named());
    assertEquals(List.of(), s.missing());
    for (String g : RuntimeGlobals.NAMES) {
      assertTrue(s.globalIndex(g) >= 0, g);
    }
    for (RuntimeFunction f : List.of(RuntimeFunction.NEW, RuntimeFunction.LINK, RuntimeFunction.COLLECT,
        RuntimeFunction.PIN, RuntimeFunction.UNPIN, RuntimeFunction.STEP, RuntimeFunction.ITCMS_FREE,
        RuntimeFunction.ALLOC, RuntimeFunction.FREE, RuntimeFunction.ALLOCATE_BLOCK,
        RuntimeFunction.FREE_BLOCK, RuntimeFunction.GROW_MEMORY, RuntimeFunction.VISIT_MEMBERS)) {
      int index = s.functionIndex(f);
      assertTrue(index >= 0, f.symbol());
      assertEquals(f.symbol(), s.module().names().functionName(index));
    }
    assertEquals(-1, s.functionIndex(RuntimeFunction.RENEW), "gccolors never renews");
    assertEquals(0, s.abortFunction(), "env.abort is the only import");
  }

  @Test
  void aProgramThatGrowsArraysResolvesRenew() throws Exception {
    RuntimeSymbols s = RuntimeSymbols.resolve(module("debug", "collections"));
    for (RuntimeFunction f : List.of(RuntimeFunction.RENEW, RuntimeFunction.VISIT, RuntimeFunction.INTERRUPT)) {
      int index = s.functionIndex(f);
      assertTrue(index >= 0, f.symbol());
      assertEquals(f.symbol(), s.module().names().functionName(index));
    }
    assertEquals(-1, s.functionIndex(RuntimeFunction.REALLOC), "collections never calls __realloc");
  }

  @Test
  void classNamesFromVisitMembersAndConstructors() throws Exception {
    RuntimeSymbols s = RuntimeSymbols.resolve(module("debug", "collections"));
    Map<Integer, String> names = s.classNames();
    assertEquals("Object", names.get(0));
    assertEquals("ArrayBuffer", names.get(1));
    assertEquals("String", names.get(2));
    assertTrue(names.values().containsAll(List.of("Array<i32>", "Array<String>", "StaticArray<i32>",
        "Float64Array", "Uint8Array", "Map<String,i32>", "Set<i32>")), names::toString);
    assertEquals("~lib/map/Map<~lib/string/String,i32>",
        s.qualifiedClassNames().get(keyOf(names, "Map<String,i32>")));
  }

  @Test
  void classNamesMatchTheObjectsTheProgramMade() throws Exception {
    // gccolors: the pinned object is a Leaf (no managed fields: named by its constructor), the
    // tree's root a Branch (named by Branch~visit).
    EngineRun.Result run = EngineRun.run(EngineRun.spec("gc-idle"));
    HeapSnapshot heap = run.read();
    int leaf = heap.objectAtPayload((int) (long) (Long) run.results().get(1));
    int branch = heap.objectAtPayload((int) (long) (Long) run.results().get(2));
    assertEquals("Leaf", heap.className(leaf));
    assertEquals("Branch", heap.className(branch));
    assertEquals(31, heap.histogram().get("Branch").count());
  }

  @Test
  void releaseBuildDerivesWhatItCanAndSaysWhatIsMissing() throws Exception {
    WasmModule release = module("release", "gccolors");
    RuntimeSymbols s = RuntimeSymbols.resolve(release);
    assertFalse(s.named());
    assertTrue(s.missing().get(0).contains("no name section"), s.missing()::toString);
    assertTrue(s.missing().contains("global " + RuntimeGlobals.FROM_SPACE));
    assertEquals(-1, s.functionIndex(RuntimeFunction.NEW));

    Store store = new Store();
    Instance instance = Instance.instantiate(store, release, new AscHost().imports(store));
    RuntimeGlobals before = s.globals(instance);
    assertEquals(0, before.root(), "TLSF not initialized before the first allocation");
    instance.call("setup", 4);
    RuntimeGlobals g = s.globals(instance);
    assertTrue(g.heapBase() > 0);
    assertEquals(Tlsf.rootOffset((int) g.heapBase()), g.root());
    byte[] memory = instance.memory().bytes();
    RuntimeTypes types = s.types(memory, g);
    RuntimeSymbols debug = RuntimeSymbols.resolve(module("debug", "gccolors"));
    RuntimeTypes debugTypes = debug.types(
        EngineRun.run(EngineRun.spec("gc-idle")).memory(),
        EngineRun.run(EngineRun.spec("gc-idle")).globals());
    assertEquals(debugTypes.count(), types.count(), "the RTTI table found by its shape");
    for (int id = 0; id < types.count(); id++) {
      assertEquals(debugTypes.flags(id), types.flags(id), "flags of id " + id);
    }
    HeapSnapshot heap = HeapReader.read(memory, g, types);
    assertEquals(Blocks.End.TAIL, heap.blocks().end(), "the block walk works without names");
    assertTrue(heap.allocator().usedBlocks() >= 31 * 2 + 21, "31 Branches, 52 Leafs");
    CheckReport report = HeapChecker.check(heap);
    assertTrue(report.clean(), report::toString);
  }

  @Test
  void displayNamesDropPathsKeepTypeArguments() {
    assertEquals("Item", ClassNames.display("programs/list/Item"));
    assertEquals("Array<Array<i32>>", ClassNames.display("~lib/array/Array<~lib/array/Array<i32>>"));
    assertEquals("Map<String,Item|null>",
        ClassNames.display("~lib/map/Map<~lib/string/String,programs/list/Item|null>"));
  }

  private static int keyOf(Map<Integer, String> m, String v) {
    return m.entrySet().stream().filter(e -> e.getValue().equals(v)).findFirst().orElseThrow().getKey();
  }
}
