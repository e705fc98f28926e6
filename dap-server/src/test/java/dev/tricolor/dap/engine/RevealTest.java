package dev.tricolor.dap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.InvalidatedEventArguments;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.Variable;
import org.junit.jupiter.api.Test;

/**
 * {@code tricolor/reveal} on list.ts, through the lsp4j client: the selected object is the first
 * scope of every frame, its rows the very rows its Heap-scope row expands to; bad addresses are
 * refused by name; clearing and resuming end the selection.
 */
class RevealTest extends EngineSessionHarness {
  private static String hex(long address) {
    return "0x" + Long.toHexString(address);
  }

  private Object reveal(Object address) throws Exception {
    return get(revealing(address));
  }

  private java.util.concurrent.CompletableFuture<Object> revealing(Object address) {
    Map<String, Object> args = new HashMap<>();
    args.put("address", address);
    return ((HeapMapClient) server).reveal(args);
  }

  private Scope[] scopes(int frameId) throws Exception {
    ScopesArguments sa = new ScopesArguments();
    sa.setFrameId(frameId);
    return get(server.scopes(sa)).getScopes();
  }

  /** What a client shows of a row (its reference number aside, which differs per request). */
  private static String shown(Variable v) {
    return v.getName() + " = " + v.getValue() + " @" + v.getMemoryReference() + " #" + v.getIndexedVariables()
        + (v.getVariablesReference() > 0 ? " +" : "");
  }

  private List<String> shown(int reference) throws Exception {
    return Arrays.stream(children(reference)).map(RevealTest::shown).collect(Collectors.toList());
  }

  /** The row of the object at {@code payload} in the Heap scope's group {@code className}. */
  private Variable heapRow(String className, long payload) throws Exception {
    Variable group = child(scope("Heap"), className);
    return Arrays.stream(page(group.getVariablesReference(), 0, group.getIndexedVariables()))
        .filter(v -> hex(payload).equals(v.getMemoryReference())).findFirst()
        .orElseThrow(() -> new AssertionError("no " + className + " at " + hex(payload) + " in the Heap scope"));
  }

  /** Stopped at append's after-alloc line the second time: list.head is the first Item. */
  private long stopWithOneItem() throws Exception {
    launchStoppedAt("list", launchArgs("list", "invoke", "build", "args", List.of(3.0)),
        lineOf("list", "after-alloc"));
    get(server.continue_(new ContinueArguments()));
    next("stopped");
    long head = Long.parseLong(evaluate("load<i32>(list)"));
    assertNotEquals(0, head, "list.head is set after the first append");
    return head;
  }

  @Test
  void theSelectedObjectIsEveryFramesFirstScopeWithTheHeapScopesRowsOfIt() throws Exception {
    long head = stopWithOneItem();
    StackFrame[] frames = stack();
    assertTrue(frames.length >= 2, "append is called from build");
    assertEquals("Locals", scopes(frames[0].getId())[0].getName(), "nothing is selected at first");

    Object answer = reveal(head);
    assertTrue(answer.toString().contains("Item @ " + hex(head)), answer.toString());
    assertEquals(List.of("variables"),
        Arrays.asList(((InvalidatedEventArguments) next("invalidated")).getAreas()));

    for (StackFrame f : frames) {
      Scope first = scopes(f.getId())[0];
      assertEquals("Selected object", first.getName(), "frame " + f.getName());
      assertEquals("data", first.getPresentationHint());
      assertFalse(first.isExpensive(), "a client opens the first non-expensive scope by itself");
      assertEquals("Locals", scopes(f.getId())[1].getName());
    }
    int selected = scopes(frames[0].getId())[0].getVariablesReference();
    List<String> rows = shown(selected);
    assertEquals(shown(heapRow("Item", head).getVariablesReference()), rows,
        "the same rows as the Item's row in the Heap scope");
    // What those rows are: the header, the color, and the fields (value 0; next still null).
    assertTrue(rows.get(0).startsWith("header = 20 bytes @ " + hex(head - 20)), rows.toString());
    assertEquals("0", child(selected, "+4").getValue(), "the first Item's value");
    assertEquals("0", child(selected, "+0").getValue(), "its next is null until the second append");

    // A string address in hexadecimal selects too; the List is an object as well.
    long list = Long.parseLong(evaluate("list"));
    reveal(hex(list));
    int listScope = scopes(frames[0].getId())[0].getVariablesReference();
    assertEquals(hex(head), child(listScope, "+0").getMemoryReference(), "list.head opens the Item");

    get(server.continue_(new ContinueArguments()));
    next("stopped");
    assertEquals("Locals", scopes(stack()[0].getId())[0].getName(), "a resume ends the selection");
    get(server.continue_(new ContinueArguments()));
    next("exited");
    assertTrue(error(revealing(head)).contains("ended"));
  }

  @Test
  void aBadAddressIsRefusedByNameAndTheSelectionStays() throws Exception {
    long head = stopWithOneItem();
    reveal(head);
    next("invalidated");
    String inside = error(revealing(head + 4));
    assertTrue(inside.contains(hex(head + 4)) && inside.contains("payload"), inside);
    String header = error(revealing(head - 20));
    assertTrue(header.contains(hex(head - 20)), "a header address is not a payload: " + header);
    String outside = error(revealing(0x7fff_fff0L));
    assertTrue(outside.contains("0x7ffffff0") && outside.contains("outside linear memory"), outside);
    String text = error(revealing("head"));
    assertTrue(text.contains("'head' is not an address"), text);
    String fraction = error(revealing(12.5));
    assertTrue(fraction.contains("12.5"), fraction);
    assertEquals("Selected object", scopes(stack()[0].getId())[0].getName(),
        "a refused request leaves the selection as it was");
    get(server.continue_(new ContinueArguments()));
    next("stopped");
  }

  @Test
  void aNullOrAbsentAddressClearsTheSelection() throws Exception {
    long head = stopWithOneItem();
    int frame = stack()[0].getId();
    reveal(head);
    assertEquals("Selected object", scopes(frame)[0].getName());
    Object cleared = reveal(null);
    assertInstanceOf(Map.class, cleared);
    assertEquals(null, ((Map<?, ?>) cleared).get("address"));
    assertEquals("Locals", scopes(frame)[0].getName());
    reveal(head);
    assertEquals("Selected object", scopes(frame)[0].getName());
    get(((HeapMapClient) server).reveal(Map.of()));
    assertEquals("Locals", scopes(frame)[0].getName(), "no address at all clears too");
    assertEquals(5, Arrays.stream(scopes(frame)).count(), "Locals, Globals, Heap, GC, Allocator");
  }
}
