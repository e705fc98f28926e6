package dev.tricolor.heap.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The layout constants and the size arithmetic against the values AssemblyScript 0.28's runtime
 * computes (worked out from rt/common.ts, rt/tlsf.ts and observed in compiled programs).
 */
class LayoutTest {
  @Test
  void constantsAsUpstreamComputesThem() {
    assertEquals(16, Common.AL_SIZE);
    assertEquals(16, Common.OBJECT_OVERHEAD);
    assertEquals(20, Common.TOTAL_OVERHEAD);
    assertEquals(12, Tlsf.BLOCK_MINSIZE);
    assertEquals(256, Tlsf.SB_SIZE);
    assertEquals(23, Tlsf.FL_BITS);
    assertEquals(96, Tlsf.HL_START);
    assertEquals(1568, Tlsf.HL_END);
    assertEquals(1572, Tlsf.ROOT_SIZE);
  }

  @Test
  void sizeClasses() {
    // small blocks: one list per 16 bytes below 256
    assertEquals(0, Tlsf.insertFl(12));
    assertEquals(0, Tlsf.insertSl(12));
    assertEquals(0, Tlsf.insertFl(252));
    assertEquals(15, Tlsf.insertSl(252));
    // [256, 512): fl 1, sixteen lists of 16 bytes
    assertEquals(1, Tlsf.insertFl(256));
    assertEquals(0, Tlsf.insertSl(256));
    assertEquals(1, Tlsf.insertFl(508));
    assertEquals(15, Tlsf.insertSl(508));
    // the big free block of a fresh one-page heap: 65536 - (root end) - tail
    assertEquals(7, Tlsf.insertFl(27884));
    assertEquals(Tlsf.FL_BITS - 1, Tlsf.insertFl(Common.BLOCK_MAXSIZE));
    assertEquals(Tlsf.FL_BITS - 1, Tlsf.insertFl(-4), "sizes are unsigned and bounded");
  }

  @Test
  void roundingAsAllocateBlockDoes() {
    assertEquals(12, Tlsf.computeSize(0));
    assertEquals(12, Tlsf.computeSize(12));
    assertEquals(28, Tlsf.computeSize(13));
    assertEquals(28, Tlsf.computeSize(20 + 8 - 4), "an 8-byte object: 16 + 8 -> 28");
    assertEquals(300 + (1 << 4) - 1, Tlsf.roundSize(300), "rounded up to the next sl class");
    assertTrue(Tlsf.isSizeAligned(28) && !Tlsf.isSizeAligned(32));
    assertTrue(Tlsf.isBlockAligned(35628) && !Tlsf.isBlockAligned(35632));
    // root 0x8b30 ends at 37204; the first payload is the next 16-aligned address past 37208
    assertEquals(37212, Tlsf.firstBlock(35632));
  }

  @Test
  void colorsFollowTheCurrentWhite() {
    assertEquals(Color.WHITE, Color.of(0, 0));
    assertEquals(Color.BLACK, Color.of(1, 0));
    assertEquals(Color.WHITE, Color.of(1, 1));
    assertEquals(Color.BLACK, Color.of(0, 1));
    assertEquals(Color.GRAY, Color.of(2, 1));
    assertEquals(Color.TRANSPARENT, Color.of(3, 0));
    for (Color c : Color.values()) {
      assertEquals(c, Color.of(c.bits(1), 1));
      assertEquals(c, Color.of(c.bits(0), 0));
    }
    assertNull(GcState.of(3));
  }

  @Test
  void valueTypesFromRttiFlags() {
    // flags as asc 0.28 writes them (read from compiled programs' RTTI)
    int arrayOfI32 = 0x0902;
    int mapStringI32 = 0x00820910;
    int float64Array = 0x1a01;
    int staticArrayOfString = 0x4104;
    assertEquals(ValueType.I32, ValueType.fromValueFlags(Typeinfo.valueFlags(arrayOfI32)));
    assertEquals(ValueType.REF, ValueType.fromValueFlags(Typeinfo.keyFlags(mapStringI32)));
    assertEquals(ValueType.I32, ValueType.fromValueFlags(Typeinfo.valueFlags(mapStringI32)));
    assertEquals(ValueType.F64, ValueType.fromValueFlags(Typeinfo.valueFlags(float64Array)));
    assertEquals(ValueType.REF, ValueType.fromValueFlags(Typeinfo.valueFlags(staticArrayOfString)));
    assertNull(ValueType.fromValueFlags(0));
  }

  @Test
  void hashEntryLayouts() {
    assertEquals(new StdLayout.EntryLayout(4, 8, 12), StdLayout.mapEntry(4, 4));
    assertEquals(new StdLayout.EntryLayout(8, 16, 24), StdLayout.mapEntry(8, 8));
    assertEquals(new StdLayout.EntryLayout(8, 16, 24), StdLayout.mapEntry(1, 8));
    assertEquals(new StdLayout.EntryLayout(-1, 4, 8), StdLayout.setEntry(4));
    assertEquals(new StdLayout.EntryLayout(-1, 8, 16), StdLayout.setEntry(8));
  }
}
