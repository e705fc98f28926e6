package dev.tricolor.heap.host;

/**
 * What the collector needs from the compiled program, which only compiled code knows: ITCMS's
 * {@code visitRoots} calls the compiler's {@code __visit_globals}, marking calls its
 * {@code __visit_members}, {@code visitStack} scans the shadow stack from {@code __stack_pointer},
 * and a swept object goes to the program's {@code __finalize} if it has one. Each call may call
 * back into the collector's {@code __visit}.
 */
public interface CompiledProgram {
  /** {@code __visit_globals(cookie)}: {@code __visit} every managed global. */
  void visitGlobals(int cookie);

  /** {@code __visit_members(ptr, cookie)}: {@code __visit} every reference {@code ptr} holds. */
  void visitMembers(int ptr, int cookie);

  /** {@code __stack_pointer} now. */
  int stackPointer();

  /** Whether the program defines {@code __finalize}. */
  boolean finalizes();

  /** {@code __finalize(ptr)}, called only when {@link #finalizes()}. */
  void finalizeObject(int ptr);
}
