package dev.tricolor.heap.symbols;

import dev.tricolor.wasm.binary.InstructionReader;
import dev.tricolor.wasm.binary.Opcodes;
import dev.tricolor.wasm.model.FunctionBody;
import dev.tricolor.wasm.model.WasmModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Class names per runtime id, from what asc 0.28 compiles into a {@code --debug} build:
 *
 * <ul>
 *   <li>{@code ~lib/rt/__visit_members} loads the rtId at {@code ptr - 8} and dispatches with a
 *       {@code br_table}: label {@code id} leads to the code for that class, which calls
 *       {@code Class~visit} (or just returns for a class without managed fields);
 *   <li>{@code Class#constructor} allocates with {@code __new(size, id)}, the id a constant:
 *       this names the classes without a {@code ~visit}, pointer-free ones included
 *       ({@code StaticArray<i32>}, a class of numbers only).
 * </ul>
 *
 * Ids 0, 1 and 2 are always Object, ArrayBuffer and String. Names are kept qualified
 * ({@code ~lib/array/Array<i32>}, {@code programs/list/Item}) and shown as the source writes them
 * ({@code Array<i32>}, {@code Item}).
 */
public final class ClassNames {
  private static final Pattern PATH = Pattern.compile("(?:[A-Za-z0-9_~.$@\\-]+/)+");
  private static final String VISIT_SUFFIX = "~visit";
  private static final String CONSTRUCTOR_SUFFIX = "#constructor";

  private ClassNames() {}

  /** The class name as the source writes it: paths dropped, type arguments kept. */
  public static String display(String qualified) {
    return PATH.matcher(qualified).replaceAll("");
  }

  /** Qualified class names per runtime id found in {@code module}'s code and names. */
  static Map<Integer, String> resolve(WasmModule module, int visitMembers, int newFunction) {
    Map<Integer, String> names = new TreeMap<>();
    names.put(0, "~lib/object/Object");
    names.put(1, "~lib/arraybuffer/ArrayBuffer");
    names.put(2, "~lib/string/String");
    if (newFunction >= 0) {
      fromConstructors(module, newFunction, names);
    }
    if (visitMembers >= 0 && !module.isImportedFunction(visitMembers)) {
      fromVisitMembers(module, visitMembers, names);
    }
    return names;
  }

  private static void fromConstructors(WasmModule module, int newFunction, Map<Integer, String> names) {
    module.names().functionNames().forEach((index, name) -> {
      if (!name.endsWith(CONSTRUCTOR_SUFFIX) || module.isImportedFunction(index)) {
        return;
      }
      String cls = name.substring(0, name.length() - CONSTRUCTOR_SUFFIX.length());
      InstructionReader r = InstructionReader.of(module.bytes(), module.body(index));
      long id = -1; // the i32.const just before the call: __new's last operand, the id
      while (r.hasNext()) {
        int op = r.next();
        if (op == Opcodes.CALL && r.index() == newFunction && id >= 0) {
          names.putIfAbsent((int) id, cls);
          return;
        }
        id = op == Opcodes.I32_CONST ? r.constBits() : -1;
      }
    });
  }

  /**
   * Follows the br_table of {@code __visit_members}: target {@code d} (a label depth) continues
   * after the {@code end} of the d-th block enclosing the br_table; the first call there names
   * the class.
   */
  private static void fromVisitMembers(WasmModule module, int function, Map<Integer, String> names) {
    FunctionBody body = module.body(function);
    InstructionReader r = InstructionReader.of(module.bytes(), body);
    int depth = 0;
    int tableDepth = -1;
    int[] targets = null;
    int closed = -1; // label depth (relative to the br_table) whose code we are in, -1 before
    List<Integer> segmentsCalled = new ArrayList<>();
    while (r.hasNext()) {
      int op = r.next();
      switch (op) {
        case Opcodes.BLOCK, Opcodes.LOOP, Opcodes.IF -> depth++;
        case Opcodes.END -> {
          depth--;
          if (targets != null) {
            closed = tableDepth - 1 - depth; // the block just closed was at this label depth
            while (segmentsCalled.size() <= closed) {
              segmentsCalled.add(-1);
            }
          }
        }
        case Opcodes.BR_TABLE -> {
          if (targets == null) {
            tableDepth = depth;
            targets = new int[r.targetCount()];
            for (int i = 0; i < targets.length; i++) {
              targets[i] = r.target(i);
            }
          }
        }
        case Opcodes.CALL -> {
          if (targets != null && closed >= 0 && segmentsCalled.get(closed) == -1) {
            segmentsCalled.set(closed, r.index());
          }
        }
        default -> {}
      }
    }
    if (targets == null) {
      return;
    }
    for (int id = 0; id < targets.length; id++) {
      int label = targets[id];
      if (label < segmentsCalled.size() && segmentsCalled.get(label) >= 0) {
        String callee = module.names().functionName(segmentsCalled.get(label));
        if (callee != null && callee.endsWith(VISIT_SUFFIX)) {
          names.put(id, callee.substring(0, callee.length() - VISIT_SUFFIX.length()));
        }
      }
    }
  }
}
