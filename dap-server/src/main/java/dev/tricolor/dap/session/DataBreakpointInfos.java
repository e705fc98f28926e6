package dev.tricolor.dap.session;

import dev.tricolor.dap.variables.Child;
import dev.tricolor.dap.variables.MemoryRange;
import dev.tricolor.dap.variables.VariableNode;
import org.eclipse.lsp4j.debug.DataBreakpointAccessType;
import org.eclipse.lsp4j.debug.DataBreakpointInfoArguments;
import org.eclipse.lsp4j.debug.DataBreakpointInfoResponse;

/**
 * {@code dataBreakpointInfo}: what a data breakpoint on a variable or an address would watch. A
 * variable of the Heap or Allocator scope (an object, a header word, a field, an array element, a
 * block) watches the bytes it lives in; without a variable, the name is an address range, {@code
 * 0x1a0} (4 bytes, or {@code bytes}) or {@code 0x1a0/8}. The data id is always {@code
 * 0xADDRESS/LENGTH} (see {@link BreakpointTable#dataId}).
 */
final class DataBreakpointInfos {
  private DataBreakpointInfos() {}

  /** For a variable: on the program thread, at a stop (its container is a handle of this stop). */
  static DataBreakpointInfoResponse ofVariable(StopContext at, DataBreakpointInfoArguments args) {
    VariableNode container = at.handles().get(args.getVariablesReference());
    if (container == null) {
      throw new RequestException("variablesReference " + args.getVariablesReference()
          + " is not valid at this stop (references are released when the program resumes)");
    }
    Child c = container.child(args.getName());
    if (c == null) {
      throw new RequestException("there is no variable '" + args.getName() + "' in variablesReference "
          + args.getVariablesReference());
    }
    if (c.memory() == null) {
      return refused("'" + args.getName() + "' does not live in linear memory (locals, globals and"
          + " summaries are the engine's); watch a heap object, one of its fields or header words,"
          + " an array element, or an address range such as 0x1a0/8");
    }
    MemoryRange m = c.memory();
    return watching(m.address(), m.length(), args.getName() + ": " + m.length() + " bytes at 0x"
        + Long.toHexString(m.address()), false);
  }

  /** For an address range named by {@code name} (and {@code bytes}); any state. */
  static DataBreakpointInfoResponse ofAddress(DataBreakpointInfoArguments args) {
    long length = args.getBytes() == null ? 4 : args.getBytes();
    String name = args.getName() == null ? "" : args.getName();
    try {
      long[] range = BreakpointTable.parseDataId(name.contains("/") ? name : name + "/" + length);
      return watching(range[0], range[1], range[1] + " bytes at 0x" + Long.toHexString(range[0]), true);
    } catch (RequestException e) {
      return refused("data breakpoints watch memory: name an address such as 0x1a0, or 0x1a0/8"
          + " for 8 bytes, or a variable of the Heap or Allocator scope (" + e.getMessage() + ")");
    }
  }

  private static DataBreakpointInfoResponse watching(
      long address, long length, String description, boolean canPersist) {
    DataBreakpointInfoResponse r = new DataBreakpointInfoResponse();
    r.setDataId(BreakpointTable.dataId(address, length));
    r.setDescription(description);
    r.setAccessTypes(new DataBreakpointAccessType[] {DataBreakpointAccessType.WRITE});
    r.setCanPersist(canPersist);
    return r;
  }

  private static DataBreakpointInfoResponse refused(String why) {
    DataBreakpointInfoResponse r = new DataBreakpointInfoResponse();
    r.setDataId(null);
    r.setDescription(why);
    return r;
  }
}
