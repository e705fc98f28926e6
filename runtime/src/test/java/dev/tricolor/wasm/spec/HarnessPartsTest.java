package dev.tricolor.wasm.spec;

import static org.junit.jupiter.api.Assertions.*;

import dev.tricolor.testing.Json;
import dev.tricolor.wasm.model.ValType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spec harness's own parts: JSON reading, value matching, the skip list. */
class HarnessPartsTest {
  @Test
  @SuppressWarnings("unchecked")
  void readsWast2JsonCommands() {
    Map<String, Object> doc =
        (Map<String, Object>)
            Json.parse(
                "{\"source_filename\": \"x.wast\", \"commands\": [{\"type\": \"assert_return\", \"line\": 7,"
                    + " \"action\": {\"type\": \"invoke\", \"field\": \"\\u00e9t\\u00e9\", \"args\": []},"
                    + " \"expected\": [{\"type\": \"f32\", \"value\": \"nan:canonical\"}], \"ok\": true, \"none\": null}]}");
    List<Object> commands = (List<Object>) doc.get("commands");
    Map<String, Object> c = (Map<String, Object>) commands.get(0);
    assertEquals(7L, c.get("line"));
    assertEquals("été", ((Map<String, Object>) c.get("action")).get("field"));
    assertEquals(Boolean.TRUE, c.get("ok"));
    assertTrue(c.containsKey("none"));
    assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": }"));
    assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, 2"));
  }

  @Test
  void valuesAreUnsignedDecimalBits() {
    assertEquals(-1, (int) WasmValue.bitsOf(ValType.I32, "4294967295"));
    assertEquals(Long.MIN_VALUE, WasmValue.bitsOf(ValType.I64, "9223372036854775808"));
    assertEquals(0x7FC00000, (int) WasmValue.bitsOf(ValType.F32, "2143289344"));
    assertEquals(0, WasmValue.bitsOf(ValType.EXTERNREF, "null"));
    assertEquals(2, WasmValue.bitsOf(ValType.EXTERNREF, "1"), "host value v is ref v + 1");
  }

  @Test
  void nanPatternsFollowTheSpec() {
    ExpectedValue canonical = new ExpectedValue(ValType.F32, "nan:canonical", 0);
    ExpectedValue arithmetic = new ExpectedValue(ValType.F32, "nan:arithmetic", 0);
    assertTrue(canonical.matches(new WasmValue(ValType.F32, 0x7FC00000)));
    assertTrue(canonical.matches(new WasmValue(ValType.F32, 0xFFC00000L)), "either sign");
    assertFalse(canonical.matches(new WasmValue(ValType.F32, 0x7FC00001)), "payload must be canonical");
    assertTrue(arithmetic.matches(new WasmValue(ValType.F32, 0x7FC00001)));
    assertFalse(arithmetic.matches(new WasmValue(ValType.F32, 0x7FA00000)), "a signaling NaN is not arithmetic");
    assertFalse(arithmetic.matches(new WasmValue(ValType.F64, 0x7FF8000000000000L)), "the type must agree");
    ExpectedValue f64 = new ExpectedValue(ValType.F64, "nan:arithmetic", 0);
    assertTrue(f64.matches(new WasmValue(ValType.F64, 0xFFF8000000000001L)));
    assertFalse(f64.matches(new WasmValue(ValType.F64, 0x7FF4000000000000L)));
    ExpectedValue exact = new ExpectedValue(ValType.F32, "2143289344", 0x7FC00000);
    assertTrue(exact.matches(new WasmValue(ValType.F32, 0x7FC00000)));
    assertFalse(exact.matches(new WasmValue(ValType.F32, 0xFFC00000L)), "exact bits compare the sign");
  }

  @Test
  void theSkipListSaysWhy() {
    assertEquals("SIMD not supported", SpecSkips.scriptSkip("simd_lane").reason());
    assertTrue(SpecSkips.scriptSkip("table_fill").reason().startsWith("wast2json 1.0.32 cannot convert"));
    assertNull(SpecSkips.scriptSkip("table_copy"));
    assertNull(SpecSkips.scriptSkip("i32"));
    assertTrue(SpecSkips.commandSkip("select", 324, null, false).reason().contains("(select (result))"));
    assertNull(SpecSkips.commandSkip("select", 325, null, false));
    assertEquals(SpecSkips.TEXT_MODULES, SpecSkips.commandSkip("anything", 12, null, true).line());
    assertNull(SpecSkips.commandSkip("anything", 12, null, false));
    for (SpecSkips.Skip s : SpecSkips.SKIPS) {
      assertFalse(s.reason().isBlank(), s.toString());
    }
  }
}
