package dev.tricolor.heap.check;

/**
 * One broken invariant: where and which rule, with the values that break it.
 *
 * @param address the block, object, list head or global the finding is about (u32)
 * @param detail the values involved, e.g. "LEFTFREE set but left block 0x1000c is used"
 */
public record Finding(Rule rule, int address, String detail) {
  @Override
  public String toString() {
    return String.format("0x%x %s: %s", address, rule.id(), detail);
  }
}
