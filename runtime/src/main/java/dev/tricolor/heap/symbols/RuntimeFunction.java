package dev.tricolor.heap.symbols;

/**
 * The functions of AssemblyScript 0.28's incremental runtime a debugger hooks, by their names in
 * a {@code --debug} build's name section. A module has only those it uses.
 */
public enum RuntimeFunction {
  NEW("~lib/rt/itcms/__new"),
  RENEW("~lib/rt/itcms/__renew"),
  LINK("~lib/rt/itcms/__link"),
  VISIT("~lib/rt/itcms/__visit"),
  COLLECT("~lib/rt/itcms/__collect"),
  PIN("~lib/rt/itcms/__pin"),
  UNPIN("~lib/rt/itcms/__unpin"),
  STEP("~lib/rt/itcms/step"),
  INTERRUPT("~lib/rt/itcms/interrupt"),
  ITCMS_FREE("~lib/rt/itcms/free"),
  ALLOC("~lib/rt/tlsf/__alloc"),
  REALLOC("~lib/rt/tlsf/__realloc"),
  FREE("~lib/rt/tlsf/__free"),
  ALLOCATE_BLOCK("~lib/rt/tlsf/allocateBlock"),
  REALLOCATE_BLOCK("~lib/rt/tlsf/reallocateBlock"),
  FREE_BLOCK("~lib/rt/tlsf/freeBlock"),
  GROW_MEMORY("~lib/rt/tlsf/growMemory"),
  VISIT_MEMBERS("~lib/rt/__visit_members");

  private final String symbol;

  RuntimeFunction(String symbol) {
    this.symbol = symbol;
  }

  /** The name-section name. */
  public String symbol() {
    return symbol;
  }
}
