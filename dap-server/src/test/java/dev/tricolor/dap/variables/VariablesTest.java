package dev.tricolor.dap.variables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tricolor.dap.expr.Value;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArgumentsFilter;
import org.junit.jupiter.api.Test;

class VariablesTest {
  @Test
  void handlesAreClearedOnResumeAndNeverReused() {
    VariableHandles h = new VariableHandles();
    NamedValues a = new NamedValues(List::of);
    NamedValues b = new NamedValues(List::of);
    int ra = h.add(a);
    int rb = h.add(b);
    assertEquals(1, ra);
    assertEquals(2, rb);
    assertSame(b, h.get(rb));
    h.clear();
    assertNull(h.get(ra), "a reference from an earlier stop is gone");
    assertNull(h.get(rb));
    int rc = h.add(a);
    assertEquals(3, rc, "a new stop's references do not reuse old numbers");
    assertSame(a, h.get(rc));
    assertNull(h.get(0));
    assertNull(h.get(-5));
    assertNull(h.get(4));
  }

  @Test
  void scopesAreReadOnceWhenFirstExpanded() {
    AtomicInteger reads = new AtomicInteger();
    NamedValues locals =
        new NamedValues(
            () -> {
              reads.incrementAndGet();
              return List.of(
                  new Value.Named("n", Value.Int.i32(255)),
                  new Value.Named("x", Value.Float.f64(1.5)));
            });
    assertEquals(0, reads.get(), "nothing is read before the client expands the scope");
    VariablesView view = new VariablesView(new VariableHandles());
    List<Variable> vars = view.children(locals, null, null, null, true);
    assertEquals(1, reads.get());
    assertEquals("n", vars.get(0).getName());
    assertEquals("0xff", vars.get(0).getValue());
    assertEquals("i32", vars.get(0).getType());
    assertEquals(0, vars.get(0).getVariablesReference());
    assertEquals("1.5", vars.get(1).getValue());
    view.children(locals, null, null, null, false);
    assertEquals(1, reads.get(), "read once per stop");
  }

  @Test
  void indexedChildrenArePagedAndOnlyThePageIsRead() {
    AtomicInteger reads = new AtomicInteger();
    IndexedValues array =
        new IndexedValues(
            100_000,
            i -> {
              reads.incrementAndGet();
              return Child.leaf("[" + i + "]", Value.Int.i32(i * 2));
            });
    VariableHandles handles = new VariableHandles();
    VariablesView view = new VariablesView(handles);
    NamedValues holder = new NamedValues(List::of);
    Variable row = view.toDap(Child.node("items", "Array<i32>[100000]", array, 0x1a0), false);
    assertEquals(100_000, row.getIndexedVariables());
    assertNull(row.getNamedVariables());
    assertEquals("0x1a0", row.getMemoryReference());
    assertSame(array, handles.get(row.getVariablesReference()));

    List<Variable> page = view.children(array, VariablesArgumentsFilter.INDEXED, 500, 3, false);
    assertEquals(List.of("[500]", "[501]", "[502]"), page.stream().map(Variable::getName).toList());
    assertEquals("1002", page.get(1).getValue());
    assertEquals(3, reads.get());
    assertEquals(2, view.children(array, VariablesArgumentsFilter.INDEXED, 99_998, 50, false).size());
    assertEquals(0, view.children(array, VariablesArgumentsFilter.NAMED, 0, 10, false).size());
    assertEquals(0, view.children(holder, VariablesArgumentsFilter.INDEXED, 0, 10, false).size());
  }
}
