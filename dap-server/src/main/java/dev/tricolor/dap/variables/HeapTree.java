package dev.tricolor.dap.variables;

import dev.tricolor.dap.expr.Value;
import dev.tricolor.heap.layout.Color;
import dev.tricolor.heap.layout.Common;
import dev.tricolor.heap.layout.ValueType;
import dev.tricolor.heap.read.ClassHistogram;
import dev.tricolor.heap.read.GcSummary;
import dev.tricolor.heap.read.HeapSnapshot;
import dev.tricolor.heap.read.ObjectContents;
import dev.tricolor.heap.read.ObjectDecoder;
import dev.tricolor.heap.read.ObjectHeader;
import dev.tricolor.heap.read.Reference;
import dev.tricolor.heap.read.Space;
import dev.tricolor.wasm.memory.Memory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The Heap and GC scopes over a heap snapshot (the Allocator scope is {@link AllocatorTree}):
 * live objects grouped by class, each expandable to its header, color and contents, read only as
 * far as the client expands.
 *
 * <p>Rows that point into memory say so: an object's row and every field or element that points at
 * an object carry that object's payload address as their memory reference (the client's memory
 * view opens there), and every header word, field and element row knows the bytes it lives in
 * ({@link Child#memory}), which is what a data breakpoint on it watches.
 */
public final class HeapTree {
  private static final int TEXT_LIMIT = 1024;
  /** Array.length_ in an Array's payload: buffer, dataStart, byteLength, length_. */
  private static final int ARRAY_LENGTH_OFFSET = 12;

  private final Supplier<HeapSnapshot> source;
  private HeapSnapshot snapshot;

  /** @param source reads the heap; called when a scope is first expanded, not before */
  public HeapTree(Supplier<HeapSnapshot> source) {
    this.source = source;
  }

  HeapSnapshot heap() {
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
        int[] members = membersOf(e.rtId(), e.count());
        StringBuilder colors = new StringBuilder();
        for (Color c : Color.values()) {
          if (e.count(c) > 0) {
            colors.append(colors.length() > 0 ? ", " : "").append(e.count(c)).append(' ').append(c.label());
          }
        }
        out.add(Child.node(e.className(),
            e.count() + " object" + (e.count() == 1 ? "" : "s") + ", " + e.bytes() + " bytes ("
                + colors + ")",
            new IndexedValues(members.length, k -> object("[" + k + "]", members[k])), -1));
      }
      return out;
    });
  }

  /** The objects of class {@code rtId}, in list order. */
  private int[] membersOf(int rtId, int expected) {
    HeapSnapshot h = heap();
    int[] out = new int[expected];
    int k = 0;
    for (int i = 0, n = h.objectCount(); i < n && k < out.length; i++) {
      if (h.rtId(i) == rtId) {
        out[k++] = i;
      }
    }
    return k == out.length ? out : java.util.Arrays.copyOf(out, k);
  }

  /**
   * The object whose payload starts at {@code address} (what {@code __new} returned), as the Heap
   * scope's row of it, or null when no object the collector knows starts its payload there.
   */
  public Child objectAtPayload(String name, long address) {
    if (address < Common.TOTAL_OVERHEAD || address > Integer.MAX_VALUE) {
      return null;
    }
    int i = heap().objectAtPayload((int) address);
    return i < 0 ? null : object(name, i);
  }

  /**
   * Object {@code i} as a row: its class, address, color and size; expands to its parts. Its
   * memory is its payload ({@code rtSize} bytes).
   */
  public Child object(String name, int i) {
    HeapSnapshot h = heap();
    int payload = h.payload(i);
    ObjectHeader header = h.header(i);
    String summary = h.className(i) + " @ 0x" + Integer.toHexString(payload) + " ("
        + header.color().label() + ", " + h.objectSize(i) + " bytes)";
    ObjectContents contents = ObjectDecoder.decode(h, payload, TEXT_LIMIT);
    if (contents instanceof ObjectContents.StringContents s) {
      summary = new Value.Str(s.text()).display(false)
          + (s.truncated() ? "…" : "") + " @ 0x" + Integer.toHexString(payload);
    }
    Child row = Child.node(name, summary, new NamedNodes(() -> parts(i, header, contents)), payload);
    return header.rtSize() > 0 ? row.in(new MemoryRange(payload, header.rtSize())) : row;
  }

  private List<Child> parts(int i, ObjectHeader h, ObjectContents contents) {
    List<Child> out = new ArrayList<>();
    int a = h.address();
    out.add(Child.node("header", "20 bytes @ 0x" + Integer.toHexString(a),
        new NamedNodes(() -> List.of(
            word("mmInfo", a, h.mmInfo()),
            word("gcInfo (nextWithColor)", a + 4, h.nextWithColor()),
            word("gcInfo2 (prev)", a + 8, h.prev()),
            word("rtId", a + Common.RTID_OFFSET, h.rtId()),
            word("rtSize", a + Common.RTSIZE_OFFSET, h.rtSize()))),
        a).in(new MemoryRange(a, Common.TOTAL_OVERHEAD)));
    out.add(Child.label("color", h.color().label()));
    out.add(Child.label("space",
        heap().isStatic(i) ? "static data" : heap().space(i).name().toLowerCase(Locale.ROOT)));
    out.addAll(contents(a + Common.TOTAL_OVERHEAD, h.rtSize(), contents));
    return out;
  }

  /** A 32-bit word of memory at {@code address}, unsigned. */
  static Child word(String name, long address, int bits) {
    return Child.leaf(name, Value.Int.u32(Integer.toUnsignedLong(bits))).in(new MemoryRange(address, 4));
  }

  private List<Child> contents(int payload, int rtSize, ObjectContents c) {
    if (c instanceof ObjectContents.StringContents s) {
      Child text = Child.leaf("text", new Value.Str(s.text()));
      return List.of(s.length() > 0 ? text.in(new MemoryRange(payload, 2 * s.length())) : text,
          Child.leaf("length", Value.Int.i32(s.length()))
              .in(new MemoryRange(payload - Common.TOTAL_OVERHEAD + Common.RTSIZE_OFFSET, 4)));
    }
    if (c instanceof ObjectContents.BufferContents b) {
      StringBuilder hex = new StringBuilder();
      for (byte x : b.head()) {
        hex.append(String.format("%02x ", x & 0xFF));
      }
      Child bytes = Child.leaf("bytes", new Value.Str(hex.toString().trim()));
      return List.of(Child.leaf("byteLength", Value.Int.i32(b.byteLength())),
          b.byteLength() > 0 ? bytes.in(new MemoryRange(payload, b.byteLength())) : bytes);
    }
    if (c instanceof ObjectContents.ArrayContents a) {
      Child length = Child.leaf("length", Value.Int.i32(a.length()));
      int size = a.elementType().byteSize();
      return List.of(
          a.kind() == ObjectContents.ArrayKind.ARRAY
              ? length.in(new MemoryRange(payload + ARRAY_LENGTH_OFFSET, 4)) : length,
          Child.node("elements", a.elementType().label() + "[" + a.length() + "]",
              new IndexedValues(a.readableLength(), k -> element("[" + k + "]",
                  a.elements(heap(), k, 1).get(0)).in(new MemoryRange(a.dataStart() + (long) k * size, size))),
              a.dataStart()));
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
        String name = "+" + (w * 4);
        Reference r = inst.references().get(w);
        Child field = r.isObject() ? reference(name, r) : word(name, payload + w * 4L, inst.words()[w]);
        out.add(field.in(new MemoryRange(payload + w * 4L, 4)));
      }
      return out;
    }
    return List.of(Child.leaf("contents", new Value.Str(((ObjectContents.Unreadable) c).reason())));
  }

  /**
   * A field or element that points at an object: expands to that object's parts, and opens the
   * memory view at its payload as the object's own row does.
   */
  Child reference(String name, Reference r) {
    int target = r.pointer();
    if (r.object() >= 0) {
      int o = r.object();
      return Child.node(name, "→ 0x" + Integer.toHexString(target) + " " + heap().className(o),
          new NamedNodes(() -> object(name, o).node().named()), target);
    }
    // An object in static data not linked yet (a string literal): no header on a list, but its
    // class and contents are readable in place.
    HeapSnapshot h = heap();
    int rtId = Memory.getI32(h.bytes(), target - Common.TOTAL_OVERHEAD + Common.RTID_OFFSET);
    int rtSize = Memory.getI32(h.bytes(), target - Common.TOTAL_OVERHEAD + Common.RTSIZE_OFFSET);
    ObjectContents contents = ObjectDecoder.decode(h, target, TEXT_LIMIT);
    String what = contents instanceof ObjectContents.StringContents s
        ? new Value.Str(s.text()).display(false) + (s.truncated() ? "…" : "")
        : h.types().name(rtId);
    return Child.node(name, "→ 0x" + Integer.toHexString(target) + " " + what + " (static data)",
        new NamedNodes(() -> contents(target, rtSize, contents)), target);
  }

  private Child element(String name, ObjectContents.Element e) {
    if (e.reference() != null && e.reference().isObject()) {
      return reference(name, e.reference());
    }
    return Child.leaf(name, value(e.type(), e.bits()));
  }

  /** An element's raw bits as a value of its type (a reference that is no object: its address). */
  private static Value value(ValueType type, long bits) {
    return switch (type) {
      case I8, I16, I32 -> Value.Int.i32((int) bits);
      case U8, U16, U32, REF -> Value.Int.u32(bits);
      case I64 -> Value.Int.i64(bits);
      case U64 -> Value.Int.u64(bits);
      case F32 -> Value.Float.f32(Float.intBitsToFloat((int) bits));
      case F64 -> Value.Float.f64(Double.longBitsToDouble(bits));
      case V128 -> new Value.Str(type.format(bits));
    };
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
        String n = s.name().toLowerCase(Locale.ROOT);
        out.add(new Value.Named(n + "Space objects", Value.Int.i32(g.objects(s))));
        out.add(new Value.Named(n + "Space bytes", Value.Int.i64(g.bytes(s))));
      }
      for (Color c : Color.values()) {
        out.add(new Value.Named(c.label(), Value.Int.i32(g.count(c))));
      }
      return out;
    });
  }

  /** The Allocator scope: see {@link AllocatorTree}. */
  public VariableNode allocatorScope() {
    return new AllocatorTree(this).scope();
  }
}
