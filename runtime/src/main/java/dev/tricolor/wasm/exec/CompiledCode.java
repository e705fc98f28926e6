package dev.tricolor.wasm.exec;

import java.util.Arrays;

/**
 * One function body translated to internal code (see {@link Op}), with what the interpreter and
 * the debugger need around it.
 *
 * <p>Three views of the same instructions, same length, same immediates, differing only in opcode
 * words:
 *
 * <pre>
 * // pristine   as translated, never patched: where a BREAK finds the opcode it replaced
 * // patched    pristine + BREAK at each instruction that carries a probe (breakpoint, entry, exit)
 * // stepping   BREAK at every instruction start (built on first use): run while stepping or
 * //            watching data, so the per-instruction checks cost nothing the rest of the time
 * </pre>
 *
 * <p>{@code instructionPcs[i]} is the internal pc of the i-th emitted instruction and
 * {@code instructionOffsets[i]} the byte offset in the module file of the WebAssembly instruction
 * it came from; both ascend, so either maps to the other by binary search.
 */
public final class CompiledCode {
  final int[] pristine;
  final int[] patched;
  private int[] stepping;
  final int[] instructionPcs;
  final int[] instructionOffsets;
  /** Offsets of WebAssembly instructions fused into the instruction at aliasPcs[i]. */
  private final int[] aliasOffsets;
  private final int[] aliasPcs;
  /** Value type codes (0x7F i32, 0x7E i64, 0x7D f32, 0x7C f64, 0x70 funcref, 0x6F externref). */
  final byte[] localTypes;
  final int numParams;
  final int numLocals;
  final int numResults;
  /** Largest stack height (locals included) the body reaches: the frame's size in slots. */
  final int maxHeight;
  /** Byte offset in the module file of the body's first instruction and of its final end. */
  final int startOffset;
  final int endOffset;

  CompiledCode(
      int[] code,
      int[] instructionPcs,
      int[] instructionOffsets,
      int[] aliasOffsets,
      int[] aliasPcs,
      byte[] localTypes,
      int numParams,
      int numResults,
      int maxHeight,
      int startOffset,
      int endOffset) {
    this.pristine = code;
    this.patched = code.clone();
    this.instructionPcs = instructionPcs;
    this.instructionOffsets = instructionOffsets;
    this.aliasOffsets = aliasOffsets;
    this.aliasPcs = aliasPcs;
    this.localTypes = localTypes;
    this.numParams = numParams;
    this.numLocals = localTypes.length;
    this.numResults = numResults;
    this.maxHeight = maxHeight;
    this.startOffset = startOffset;
    this.endOffset = endOffset;
  }

  /** The code with every instruction start replaced by BREAK, built once. */
  synchronized int[] stepping() {
    if (stepping == null) {
      int[] s = pristine.clone();
      for (int pc : instructionPcs) {
        s[pc] = Op.BREAK;
      }
      stepping = s;
    }
    return stepping;
  }

  /** Internal pc of the instruction that contains {@code pc} (an instruction start or inside). */
  int instructionStart(int pc) {
    int i = Arrays.binarySearch(instructionPcs, pc);
    if (i < 0) {
      i = -i - 2;
    }
    return i < 0 ? 0 : instructionPcs[i];
  }

  /** Module byte offset of the instruction containing internal {@code pc}. */
  public int offsetOf(int pc) {
    int i = Arrays.binarySearch(instructionPcs, pc);
    if (i < 0) {
      i = -i - 2;
    }
    return i < 0 ? startOffset : instructionOffsets[i];
  }

  /**
   * Module byte offset of the WebAssembly instruction that trapped at internal {@code pc}: for a
   * fused local.get + load or store, the load or store itself.
   */
  int faultOffset(int pc) {
    int op = pristine[pc];
    int last = -1;
    if (op == Op.LOCAL_LOAD32 || op == Op.LOCAL_LOAD64 || op == Op.LOCAL_STORE32
        || op == Op.LOCAL_STORE64 || op == Op.GLOBAL_LOCAL_STORE32) {
      for (int k = 0; k < aliasPcs.length; k++) {
        if (aliasPcs[k] == pc) {
          last = Math.max(last, aliasOffsets[k]); // the load or store: the last fused
        }
      }
    }
    return last >= 0 ? last : offsetOf(pc);
  }

  /**
   * Internal pc of the first instruction at or after module byte offset {@code offset}, or -1
   * when the offset lies outside this body. Instructions that translate to nothing (block, loop,
   * end) resolve to the next one that runs.
   */
  public int pcAt(int offset) {
    if (offset < startOffset || offset > endOffset) {
      return -1;
    }
    // The second half of a superinstruction: stop before the whole of it.
    for (int k = 0; k < aliasOffsets.length; k++) {
      if (aliasOffsets[k] == offset) {
        return aliasPcs[k];
      }
    }
    int i = Arrays.binarySearch(instructionOffsets, offset);
    if (i < 0) {
      i = -i - 1;
    }
    while (i > 0 && i < instructionOffsets.length && instructionOffsets[i - 1] == offset) {
      i--; // a br_if to the function's label is two instructions at one offset: take the first
    }
    return i < instructionPcs.length ? instructionPcs[i] : -1;
  }

  /** Module byte offsets of every instruction that runs, ascending. */
  public int[] instructionOffsets() {
    return instructionOffsets.clone();
  }

  public int numParams() {
    return numParams;
  }

  public int numLocals() {
    return numLocals;
  }

  public int numResults() {
    return numResults;
  }

  /** Type code of local {@code i} (parameters first). */
  public byte localType(int i) {
    return localTypes[i];
  }

  public int startOffset() {
    return startOffset;
  }

  public int endOffset() {
    return endOffset;
  }
}
