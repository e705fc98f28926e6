package dev.tricolor.dap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.DataBreakpoint;
import org.eclipse.lsp4j.debug.DataBreakpointInfoArguments;
import org.eclipse.lsp4j.debug.DataBreakpointInfoResponse;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.SetDataBreakpointsArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.junit.jupiter.api.Test;

/**
 * The Heap and Allocator scopes on real programs: pointer fields and array elements open the
 * objects they point at, data breakpoints on a heap object's field, and TLSF's root, free lists
 * and blocks, checked against what the program and the heapMap request say.
 */
class HeapViewsTest extends EngineSessionHarness {
  private static String hex(long address) {
    return "0x" + Long.toHexString(address);
  }

  /** The first object of class {@code className} in the Heap scope. */
  private Variable firstObject(String className) throws Exception {
    Variable group = child(scope("Heap"), className);
    return page(group.getVariablesReference(), 0, 1)[0];
  }

  @Test
  void pointerFieldsAndArrayElementsCarryTheMemoryReferenceOfTheObjectTheyPointAt() throws Exception {
    launchStoppedAt("list", launchArgs("list", "invoke", "build", "args", List.of(3.0)), lineOf("list", "after-build"));
    long list = Long.parseLong(evaluate("list"));
    long head = Long.parseLong(evaluate("load<i32>(list)"));
    Variable listObject = firstObject("List");
    assertEquals(hex(list), listObject.getMemoryReference(), "an object opens at its payload");
    Variable headField = child(listObject.getVariablesReference(), "+0");
    assertEquals(hex(head), headField.getMemoryReference(), "list.head opens the first Item");
    assertTrue(headField.getValue().startsWith("→ " + hex(head) + " Item"), headField.getValue());
    Variable count = child(listObject.getVariablesReference(), "+8");
    assertEquals("3", count.getValue());
    assertNull(count.getMemoryReference(), "a number opens nothing");
    // Following the pointer: the first Item's value is 0 and its next opens the second Item.
    Variable next = child(headField.getVariablesReference(), "+0");
    assertEquals(hex(Long.parseLong(evaluate("load<i32>(" + head + ")"))), next.getMemoryReference());
    assertEquals("0", child(headField.getVariablesReference(), "+4").getValue());
    get(server.continue_(new ContinueArguments()));
    next("exited");
  }

  @Test
  void arrayElementsThatPointAtObjectsOpenThem() throws Exception {
    // graph.ts: create(slot, id) stores a new Node in the StaticArray<Node | null> roots.
    List<String> source = java.nio.file.Files.readAllLines(PROGRAMS.resolve("programs/graph.ts"));
    int line = source.indexOf("  return changetype<usize>(n);") + 1;
    assertTrue(line > 0, "create's return line in graph.ts");
    launchStoppedAt("graph", launchArgs("graph", "invoke", "create", "args", List.of(2.0, 7.0)), line);
    long node = Long.parseLong(evaluate("n"));
    Variable[] groups = children(scope("Heap"));
    Variable roots = Arrays.stream(groups).filter(v -> v.getName().startsWith("StaticArray<")
            && v.getName().contains("Node")).findFirst()
        .orElseThrow(() -> new AssertionError(Arrays.toString(groups)));
    Variable array = page(roots.getVariablesReference(), 0, 1)[0];
    Variable elements = child(array.getVariablesReference(), "elements");
    assertEquals(array.getMemoryReference(), elements.getMemoryReference(),
        "a StaticArray's elements are its payload");
    Variable[] slots = page(elements.getVariablesReference(), 0, 3);
    assertEquals("0", slots[0].getValue(), "an empty slot is a null pointer");
    assertNull(slots[0].getMemoryReference());
    assertEquals(hex(node), slots[2].getMemoryReference(), "roots[2] opens the new Node");
    assertTrue(slots[2].getValue().startsWith("→ " + hex(node) + " Node"), slots[2].getValue());
    // The Node's id field, through the element: +20 after left, right, children, label, payload.
    assertEquals("7", child(slots[2].getVariablesReference(), "+20").getValue());
    // An element's data breakpoint watches the element's own 4 bytes.
    long payload = Long.decode(array.getMemoryReference());
    DataBreakpointInfoArguments di = new DataBreakpointInfoArguments();
    di.setVariablesReference(elements.getVariablesReference());
    di.setName("[2]");
    assertEquals(hex(payload + 8) + "/4", get(server.dataBreakpointInfo(di)).getDataId());
    get(server.continue_(new ContinueArguments()));
    next("exited");
  }

  @Test
  void aDataBreakpointOnAFieldStopsAtEachWriteOfIt() throws Exception {
    int alloc = lineOf("list", "after-alloc");
    launchStoppedAt("list", launchArgs("list", "invoke", "build", "args", List.of(3.0)), alloc);
    long list = Long.parseLong(evaluate("list"));
    Variable listObject = firstObject("List");

    DataBreakpointInfoArguments di = new DataBreakpointInfoArguments();
    di.setVariablesReference(listObject.getVariablesReference());
    di.setName("+8");
    DataBreakpointInfoResponse info = get(server.dataBreakpointInfo(di));
    assertEquals(hex(list + 8) + "/4", info.getDataId());
    assertEquals("+8: 4 bytes at " + hex(list + 8), info.getDescription());
    // The whole object, and a header word, can be watched too; a local cannot.
    Variable group = child(scope("Heap"), "List");
    di.setVariablesReference(group.getVariablesReference());
    di.setName("[0]");
    assertEquals(hex(list) + "/12", get(server.dataBreakpointInfo(di)).getDataId(), "List's 12 bytes");
    Variable header = child(listObject.getVariablesReference(), "header");
    di.setVariablesReference(header.getVariablesReference());
    di.setName("rtSize");
    assertEquals(hex(list - 4) + "/4", get(server.dataBreakpointInfo(di)).getDataId());
    di.setVariablesReference(scope("Locals"));
    di.setName("value");
    DataBreakpointInfoResponse local = get(server.dataBreakpointInfo(di));
    assertNull(local.getDataId());
    assertTrue(local.getDescription().startsWith("'value' does not live in linear memory"),
        local.getDescription());
    di.setName("nosuch");
    assertTrue(error(server.dataBreakpointInfo(di)).startsWith("there is no variable 'nosuch'"));

    SetDataBreakpointsArguments sd = new SetDataBreakpointsArguments();
    DataBreakpoint db = new DataBreakpoint();
    db.setDataId(info.getDataId());
    sd.setBreakpoints(new DataBreakpoint[] {db});
    assertTrue(get(server.setDataBreakpoints(sd)).getBreakpoints()[0].isVerified());
    lineBreakpoints("list");
    for (int count = 1; count <= 3; count++) {
      get(server.continue_(new ContinueArguments()));
      StoppedEventArguments st = (StoppedEventArguments) next("stopped");
      assertEquals("data breakpoint", st.getReason());
      assertEquals(String.valueOf(count), evaluate("load<i32>(list + 8)"), "after this.count++");
      assertTrue(stack()[0].getName().contains("List#"), "in List#append or its count setter: "
          + stack()[0].getName());
    }
    get(server.continue_(new ContinueArguments()));
    assertEquals(0, ((ExitedEventArguments) next("exited")).getExitCode());
  }

  @Test
  void theAllocatorScopeShowsTlsfsRootFreeListsAndBlocksAsTheHeapMapDoes() throws Exception {
    launchStoppedAt("allocator", launchArgs("allocator", "invoke", "randomOps", "args", List.of(2000.0, 12345.0)), lineOf("allocator", "after-random"));
    JsonObject map = new GsonBuilder().serializeNulls().create()
        .toJsonTree(get(((HeapMapClient) server).heapMap())).getAsJsonObject();
    int mapBlocks = map.getAsJsonArray("blocks").size();
    List<Long> freeSpans = new ArrayList<>();
    for (JsonElement b : map.getAsJsonArray("blocks")) {
      if (b.getAsJsonObject().get("free").getAsBoolean()) {
        freeSpans.add(b.getAsJsonObject().get("size").getAsLong());
      }
    }
    assertTrue(freeSpans.size() > 3, "the random workload leaves a fragmented heap: " + freeSpans);

    int allocator = scope("Allocator");
    assertEquals(String.valueOf(mapBlocks + 1), child(allocator, "blocks").getValue(), "the tail too");
    assertEquals(String.valueOf(freeSpans.size()), child(allocator, "free blocks").getValue());
    Variable largest = child(allocator, "largest free block");
    long largestSpan = freeSpans.stream().mapToLong(Long::longValue).max().orElseThrow();
    assertTrue(largest.getValue().matches("0x[0-9a-f]+: free, " + largestSpan + " bytes"), largest.getValue());
    assertNotNull(largest.getMemoryReference());

    // The root's maps agree with each other and with the free lists.
    Variable root = child(allocator, "root");
    long flMap = Long.parseLong(child(root.getVariablesReference(), "flMap").getValue().split(" ")[0]
        .substring(2), 16);
    Variable[] slMaps = children(child(root.getVariablesReference(), "slMap").getVariablesReference());
    assertEquals(23, slMaps.length);
    int nonEmpty = 0;
    for (int fl = 0; fl < 23; fl++) {
      long sl = Long.parseLong(slMaps[fl].getValue().split(" ")[0].substring(2), 16);
      assertEquals((flMap >> fl & 1) == 1, sl != 0, "flMap bit " + fl + " is set iff slMap[fl] is not 0");
      nonEmpty += Long.bitCount(sl);
    }
    assertTrue(slMaps[0].getName().startsWith("[0] 0–255 bytes"), slMaps[0].getName());
    assertTrue(slMaps[1].getName().startsWith("[1] 256–511 bytes"), slMaps[1].getName());
    Variable lists = child(allocator, "free lists");
    Variable[] perList = children(lists.getVariablesReference());
    assertEquals(nonEmpty, perList.length);
    int listed = 0;
    for (Variable l : perList) {
      listed += l.getIndexedVariables();
      for (Variable b : page(l.getVariablesReference(), 0, l.getIndexedVariables())) {
        assertTrue(b.getValue().contains(": free, "), l.getName() + " holds " + b.getValue());
      }
    }
    assertEquals(freeSpans.size(), listed, "every free block is on one list");

    // All blocks, paged: each used block of the workload is raw (__alloc), none holds an object.
    Variable all = child(allocator, "all blocks");
    assertEquals(mapBlocks + 1, (int) all.getIndexedVariables());
    Variable[] firstTen = page(all.getVariablesReference(), 0, 10);
    assertEquals(10, firstTen.length);
    for (int i = 0; i < 10; i++) {
      JsonObject b = map.getAsJsonArray("blocks").get(i).getAsJsonObject();
      assertEquals(hex(b.get("address").getAsLong()), firstTen[i].getMemoryReference());
      assertTrue(firstTen[i].getValue().endsWith(", " + b.get("size").getAsLong() + " bytes"),
          firstTen[i].getValue());
    }
    get(server.continue_(new ContinueArguments()));
    next("exited");
  }

  @Test
  void aUsedBlockExpandsToTheObjectItHolds() throws Exception {
    launchStoppedAt("list", launchArgs("list", "invoke", "build", "args", List.of(2.0)), lineOf("list", "after-build"));
    long list = Long.parseLong(evaluate("list"));
    Variable all = child(scope("Allocator"), "all blocks");
    Variable[] blocks = page(all.getVariablesReference(), 0, all.getIndexedVariables());
    Variable listBlock = Arrays.stream(blocks).filter(b -> b.getValue().contains("List @ " + hex(list)))
        .findFirst().orElseThrow(() -> new AssertionError(Arrays.toString(blocks)));
    assertEquals(hex(list - 20), listBlock.getMemoryReference(), "a block opens at its mmInfo word");
    Variable object = child(listBlock.getVariablesReference(), "object");
    assertEquals(hex(list), object.getMemoryReference());
    assertEquals("false", child(listBlock.getVariablesReference(), "FREE").getValue());
    get(server.continue_(new ContinueArguments()));
    next("exited");
  }
}
