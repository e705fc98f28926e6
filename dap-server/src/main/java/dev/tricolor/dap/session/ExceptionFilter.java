package dev.tricolor.dap.session;

import java.util.List;
import org.eclipse.lsp4j.debug.ExceptionBreakpointsFilter;

/**
 * The exception breakpoint filters of the contract, in the order a client lists them. When one
 * event matches several enabled filters, the most specific is reported: {@link #PRECEDENCE}.
 */
public enum ExceptionFilter {
  TRAP(
      "trap",
      "Trap",
      "Any WebAssembly trap: unreachable, divide by zero, integer overflow, invalid conversion,"
          + " indirect call mismatch, call stack exhausted, out-of-bounds memory or table access.",
      true,
      List.of()),
  BOUNDS(
      "bounds",
      "Out of bounds",
      "An out-of-bounds linear memory access, or an AssemblyScript bounds abort (\"Index out of"
          + " range\", \"Offset out of bounds\", \"Invalid length\").",
      true,
      List.of()),
  OOM(
      "oom",
      "Out of memory",
      "memory.grow refused and the allocator gives up, or \"Allocation too large\".",
      true,
      List.of()),
  ABORT(
      "abort",
      "Abort",
      "Any AssemblyScript abort: a failed assert or a thrown Error.",
      true,
      List.of("message")),
  ALLOC(
      "alloc",
      "Allocation",
      "An object is allocated (__new).",
      false,
      List.of("size", "id", "className")),
  FREE(
      "free",
      "Free",
      "An object or block is freed, by a GC sweep or __free.",
      false,
      List.of("size", "id", "className")),
  COLLECT(
      "collect",
      "Garbage collection",
      "A garbage collection cycle starts or ends, or __collect is called.",
      false,
      List.of("phase"));

  /** Most specific first: an event matching several enabled filters is reported as the first. */
  public static final List<ExceptionFilter> PRECEDENCE = List.of(OOM, BOUNDS, ABORT, TRAP);

  private final String id;
  private final String label;
  private final String description;
  private final boolean enabledByDefault;
  private final List<String> conditionNames;

  ExceptionFilter(
      String id,
      String label,
      String description,
      boolean enabledByDefault,
      List<String> conditionNames) {
    this.id = id;
    this.label = label;
    this.description = description;
    this.enabledByDefault = enabledByDefault;
    this.conditionNames = conditionNames;
  }

  public String id() {
    return id;
  }

  public boolean enabledByDefault() {
    return enabledByDefault;
  }

  /** The names a condition on this filter may use; empty when the filter takes no condition. */
  public List<String> conditionNames() {
    return conditionNames;
  }

  /** The filter with this id, or null. */
  public static ExceptionFilter byId(String id) {
    for (ExceptionFilter f : values()) {
      if (f.id.equals(id)) {
        return f;
      }
    }
    return null;
  }

  /** The filter as announced in the {@code initialize} response. */
  public ExceptionBreakpointsFilter toDap() {
    ExceptionBreakpointsFilter f = new ExceptionBreakpointsFilter();
    f.setFilter(id);
    f.setLabel(label);
    f.setDescription(description);
    f.setDefault_(enabledByDefault);
    if (!conditionNames.isEmpty()) {
      f.setSupportsCondition(true);
      f.setConditionDescription(conditionDescription());
    }
    return f;
  }

  private String conditionDescription() {
    return switch (this) {
      case ABORT -> "An expression over message, e.g. message == \"Index out of range\"";
      case ALLOC, FREE -> "An expression over size, id and className, e.g. className == \"Node\""
          + " && size > 16";
      case COLLECT -> "An expression over phase, e.g. phase == \"sweep\"";
      default -> throw new IllegalStateException(id + " takes no condition");
    };
  }
}
