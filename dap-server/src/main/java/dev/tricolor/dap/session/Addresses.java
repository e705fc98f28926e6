package dev.tricolor.dap.session;

/** Addresses as users type them into requests and commands: {@code 0x1a0} or {@code 416}. */
final class Addresses {
  static final String NOT_A_HEAP_ADDRESS = "is not an address (write 0x1a0 or 416)";
  static final String NOT_A_MEMORY_REFERENCE = "is not a memory reference (write 0x1a0 or 416)";

  private Addresses() {}

  /**
   * The address {@code text} spells; a {@link RequestException} saying {@code "'text' " +
   * notOne} when it spells none (e.g. {@code "is not a code address (write 0x5a or 90)"}).
   */
  static long parse(String text, String notOne) {
    if (text == null) {
      throw new RequestException("an address is required");
    }
    String t = text.trim();
    try {
      return t.startsWith("0x") || t.startsWith("0X")
          ? Long.parseLong(t.substring(2), 16)
          : Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw new RequestException("'" + text + "' " + notOne);
    }
  }
}
