package dev.tricolor.dap.session;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import com.google.gson.TypeAdapter;
import com.google.gson.annotations.JsonAdapter;
import com.google.gson.internal.Streams;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.tricolor.heap.read.Blocks;
import dev.tricolor.heap.read.HeapSnapshot;

/**
 * The {@code tricolor/heapMap} answer (DAP-CONTRACT.md): every block in address order, as a
 * client's heap picture draws it. {@code size} is all the bytes a block occupies, its mmInfo word
 * included; the tail block (no data) is left out.
 */
final class HeapMap {
  private HeapMap() {}

  /**
   * The answer on the wire. lsp4j's gson leaves out null members, but the contract's free blocks
   * have {@code "color": null}: this adapter writes them.
   */
  @JsonAdapter(Answer.Adapter.class)
  record Answer(JsonObject json) {
    static final class Adapter extends TypeAdapter<Answer> {
      @Override
      public void write(JsonWriter out, Answer value) throws IOException {
        boolean nulls = out.getSerializeNulls();
        out.setSerializeNulls(true);
        try {
          Streams.write(value.json(), out);
        } finally {
          out.setSerializeNulls(nulls);
        }
      }

      @Override
      public Answer read(JsonReader in) {
        return new Answer(JsonParser.parseReader(in).getAsJsonObject());
      }
    }
  }

  static Answer answer(HeapSnapshot heap) {
    return new Answer(of(heap));
  }

  static JsonObject of(HeapSnapshot heap) {
    JsonObject o = new JsonObject();
    o.addProperty("heapBase", heap.globals().heapBase());
    o.addProperty("memorySize", heap.memorySize());
    o.addProperty("gcState", heap.gcState() == null ? "unknown" : heap.gcState().label());
    o.addProperty("white", heap.white());
    JsonArray blocks = new JsonArray();
    Blocks b = heap.blocks();
    for (int i = 0; i < b.count(); i++) {
      if (b.isTail(i)) {
        continue;
      }
      JsonObject x = new JsonObject();
      x.addProperty("address", Integer.toUnsignedLong(b.address(i)));
      x.addProperty("size", b.span(i));
      x.addProperty("free", b.isFree(i));
      int obj = b.isFree(i) ? -1 : heap.objectOfBlock(i);
      if (obj >= 0) {
        x.addProperty("color", heap.color(obj).label());
        x.addProperty("className", heap.className(obj));
        x.addProperty("rtId", heap.rtId(obj));
      } else {
        x.add("color", JsonNull.INSTANCE);
        x.add("className", JsonNull.INSTANCE);
        x.add("rtId", JsonNull.INSTANCE);
      }
      blocks.add(x);
    }
    o.add("blocks", blocks);
    return o;
  }
}
