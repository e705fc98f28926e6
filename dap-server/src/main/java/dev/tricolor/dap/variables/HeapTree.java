package dev.tricolor.dap.variables;

import dev.tricolor.dap.expr.Value;
import dev.tricolor.heap.layout.Color;
import dev.tricolor.heap.read.AllocatorSummary;
import dev.tricolor.heap.read.ClassHistogram;
import dev.tricolor.heap.read.GcSummary;
import dev.tricolor.heap.read.HeapSnapshot;
import dev.tricolor.heap.read.ObjectContents;
import dev.tricolor.heap.read.ObjectDecoder;
import dev.tricolor.heap.read.ObjectHeader;
import dev.tricolor.heap.read.Reference;
import dev.tricolor.heap.read.Space;
import java.util.ArrayList;
import java.util.List;

/**
 * The Heap, GC and Allocator scopes over a heap snapshot: live objects grouped by class and by
 * color, each expandable to its header, color and contents, read only as far as the client
 * expands. Every address is shown as an object reference where it points at one.
 */
public final class HeapTree {
  private static final int TEXT_LIMIT = 1024;

  private final java.util.function.Supplier<HeapSnapshot> source;
  private HeapSnapshot snapshot;

  /** @param source reads the heap; called when a scope is first expanded, not before */
  public HeapTree(java.util.function.Supplier<HeapSnapshot> source) {
    this.source = source;
  }

  private HeapSnapshot heap() {
    if (snapshot == null) {
      snapshot = source.get();
    }
    return snapshot;
  }

  /**
   * The Heap scope: one group per class, its summary counting the objects of each color; each
   * object appears once (in its class), its own color on its row.
   */
  public VariableNode heapScope() {
    return new NamedNodes(() -> {
      List<Child> out = new ArrayList<>();
      for (ClassHistogram.Entry e : heap().histogram().entries()) {
        if (e.count() == 0) {
          continue;
        }
        int[] members = select(i -> heap().rtId(i) == e.rtId(), e.count());
        StringBuilder colors = new StringBuilder();
        for (Color c : Color.values()) {
          if (e.count(c) > 0) {
            colors.append(colors.length() > 0 ? ", " : "").append(e.count(c)).append(' ').append(c.label());
          }
        }
        out.add(Child.node(e.className(),
            e.count() + " object" + (e.count() == 1 ? "" : "s") + ", " + e.bytes() + " bytes ("
                + colors + ")",
            objects(members), -1));
      }
      return out;
    });
  }

  private interface ObjectFilter {
    boolean test(int object);
  }

  private int[] select(ObjectFilter f, int expected) {
    int[] out = new int[Math.max(expected, 4)];
    int k = 0;
    for (int i = 0, n = heap().objectCount(); i < n; i++) {
      if (f.test(i)) {
        if (k == out.length) {
          out = java.util.Arrays.copyOf(out, k * 2);
        }
        out[k++] = i;
      }
    }
    return java.util.Arrays.copyOf(out, k);
  }

  private VariableNode objects(int[] members) {
    return new IndexedValues(members.length, k -> object("[" + k + "]", members[k]));
  }

  /** Object {@code i} as a row: its class, address, color and size; expands to its parts. */
  public Child object(String name, int i) {
    ObjectHeader h = heap().header(i);
    String summary = heap().className(i) + " @ 0x" + Integer.toHexString(h.payload()) + " ("
        + h.color().label() + ", " + heap().objectSize(i) + " bytes)";
    ObjectContents contents = ObjectDecoder.decode(heap(), h.payload(), TEXT_LIMIT);
    if (contents instanceof ObjectContents.StringContents s) {
      summary = new Value.Str(s.text()).display(false)
          + (s.truncated() ? "…" : "") + " @ 0x" + Integer.toHexString(h.payload());
    }
    return Child.node(name, summary, new NamedNodes(() -> parts(i, h, contents)), h.payload());
  }

  private List<Child> parts(int i, ObjectHeader h, ObjectContents contents) {
    List<Child> out = new ArrayList<>();
    out.add(Child.node("header", "20 bytes @ 0x" + Integer.toHexString(h.address()),
        new NamedValues(() -> List.of(
            new Value.Named("mmInfo", Value.Int.u32(h.mmInfo() & 0xFFFF_FFFFL)),
            new Value.Named("gcInfo (nextWithColor)", Value.Int.u32(h.nextWithColor() & 0xFFFF_FFFFL)),
            new Value.Named("gcInfo2 (prev)", Value.Int.u32(h.prev() & 0xFFFF_FFFFL)),
            new Value.Named("rtId", Value.Int.u32(h.rtId() & 0xFFFF_FFFFL)),
            new Value.Named("rtSize", Value.Int.u32(h.rtSize() & 0xFFFF_FFFFL)))),
        h.address()));
    out.add(Child.label("color", h.color().label()));
    out.add(Child.label("space", heap().isStatic(i) ? "static data" : heap().space(i).name().toLowerCase()));
    out.addAll(contents(contents));
    return out;
  }

  private List<Child> contents(ObjectContents c) {
    if (c instanceof ObjectContents.StringContents s) {
      return List.of(Child.leaf("text", new Value.Str(s.text())),
          Child.leaf("length", Value.Int.i32(s.length())));
    }
    if (c instanceof ObjectContents.BufferContents b) {
      StringBuilder hex = new StringBuilder();
      for (byte x : b.head()) {
        hex.append(String.format("%02x ", x & 0xFF));
      }
      return List.of(Child.leaf("byteLength", Value.Int.i32(b.byteLength())),
          Child.leaf("bytes", new Value.Str(hex.toString().trim())));
    }
    if (c instanceof ObjectContents.ArrayContents a) {
      return List.of(
          Child.leaf("length", Value.Int.i32(a.length())),
          Child.node("elements", a.elementType().label() + "[" + a.length() + "]",
              new IndexedValues(a.readableLength(), k -> element("[" + k + "]",
                  a.elements(heap(), k, 1).get(0))), a.dataStart()));
    }
    if (c instanceof ObjectContents.HashContents m) {
      List<ObjectContents.Entry> entries = m.entries(heap(), 0, Math.min(m.size(), 10_000));
      return List.of(
          Child.leaf("size", Value.Int.i32(m.size())),
          Child.node("entries", m.size() + " entries", new IndexedValues(entries.size(), k -> {
            ObjectContents.Entry e = entries.get(k);
            return e.value() == null ? element("[" + k + "]", e.key())
                : Child.node("[" + k + "]", e.key().format() + " => " + e.value().format(),
                    new NamedNodes(() -> List.of(element("key", e.key()), element("value", e.value()))), -1);
          }), -1));
    }
    if (c instanceof ObjectContents.InstanceContents inst) {
      List<Child> out = new ArrayList<>();
      for (int w = 0; w < inst.words().length; w++) {
        Reference r = inst.references().get(w);
        String name = "+" + (w * 4);
        out.add(r.isObject() && r.object() >= 0 ? reference(name, r.object())
            : Child.leaf(name, Value.Int.u32(inst.words()[w] & 0xFFFF_FFFFL)));
      }
      return out;
    }
    return List.of(Child.leaf("contents", new Value.Str(((ObjectContents.Unreadable) c).reason())));
  }

  /**
   * A field or element that points at an object: expands to that object. The memory reference
   * stays on the object's own row (in its class group), so the pointer row is not a second copy.
   */
  private Child reference(String name, int object) {
    return Child.node(name, "→ 0x" + Integer.toHexString(heap().payload(object)) + " "
        + heap().className(object), new NamedNodes(() -> object(name, object).node().named()), -1);
  }

  private Child element(String name, ObjectContents.Element e) {
    if (e.reference() != null && e.reference().isObject() && e.reference().object() >= 0) {
      return reference(name, e.reference().object());
    }
    return Child.node(name, e.format(), new NamedNodes(List::of), -1);
  }

  /** The GC scope: ITCMS state, white, total, threshold, counts and bytes per space and color. */
  public VariableNode gcScope() {
    return new NamedValues(() -> {
      GcSummary g = heap().gc();
      List<Value.Named> out = new ArrayList<>();
      out.add(new Value.Named("state", new Value.Str(g.state() == null ? "unknown" : g.state().label())));
      out.add(new Value.Named("white", Value.Int.i32(g.white())));
      out.add(new Value.Named("total", Value.Int.i64(g.total())));
      out.add(new Value.Named("threshold", Value.Int.i64(g.threshold())));
      for (Space s : Space.values()) {
        String n = s.name().toLowerCase();
        out.add(new Value.Named(n + "Space objects", Value.Int.i32(g.objects(s))));
        out.add(new Value.Named(n + "Space bytes", Value.Int.i64(g.bytes(s))));
      }
      for (Color c : Color.values()) {
        out.add(new Value.Named(c.label(), Value.Int.i32(g.count(c))));
      }
      return out;
    });
  }

  /** The Allocator scope: TLSF blocks and free space. */
  public VariableNode allocatorScope() {
    return new NamedValues(() -> {
      AllocatorSummary a = heap().allocator();
      return List.of(
          new Value.Named("blocks", Value.Int.i32(a.blocks())),
          new Value.Named("used blocks", Value.Int.i32(a.usedBlocks())),
          new Value.Named("used bytes", Value.Int.i64(a.usedBytes())),
          new Value.Named("free blocks", Value.Int.i32(a.freeBlocks())),
          new Value.Named("free bytes", Value.Int.i64(a.freeBytes())),
          new Value.Named("largest free block", Value.Int.i64(a.largestFree())),
          new Value.Named("fragmentation", Value.Float.f64(a.fragmentation())),
          new Value.Named("heap start", Value.Int.u32(a.heapStart() & 0xFFFF_FFFFL)),
          new Value.Named("heap end", Value.Int.u32(a.heapEnd() & 0xFFFF_FFFFL)),
          new Value.Named("memory size", Value.Int.i32(a.memorySize())));
    });
  }
}
