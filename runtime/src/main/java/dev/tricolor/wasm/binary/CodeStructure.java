package dev.tricolor.wasm.binary;

import static dev.tricolor.wasm.binary.Opcodes.*;

/**
 * Checks the nesting of an instruction sequence as the decoder reads it: block, loop and if
 * open a frame, else may appear once in an if, end closes a frame, and the sequence ends with
 * the end that closes the outermost frame. Reports what the spec's decoder reports: an else or
 * end where none may be is "END opcode expected", running out is "unexpected end of section or
 * function".
 */
final class CodeStructure {
  private CodeStructure() {}

  /** Tells the decoder about instructions it has to know of (memory.init, data.drop). */
  interface Observer {
    void instruction(InstructionReader reader, int opcode);
  }

  /**
   * Reads instructions from the reader's position to the end that closes the outermost frame.
   * Returns the number of instructions read, that end included. The reader's limit bounds the
   * walk; running into it is "unexpected end of section or function".
   */
  static int walk(InstructionReader reader, ByteReader in, Observer observer) {
    // One bit per open frame: set when the frame is an if that has not had its else yet.
    long[] ifWithoutElse = new long[1];
    int depth = 1; // the outermost frame: the function body or the constant expression
    int count = 0;
    while (true) {
      if (in.pos >= in.limit) {
        throw in.unexpectedEnd();
      }
      int op = reader.next();
      count++;
      if (observer != null) {
        observer.instruction(reader, op);
      }
      switch (op) {
        case BLOCK, LOOP, IF -> {
          if (depth >> 6 >= ifWithoutElse.length) {
            long[] grown = new long[ifWithoutElse.length * 2];
            System.arraycopy(ifWithoutElse, 0, grown, 0, ifWithoutElse.length);
            ifWithoutElse = grown;
          }
          setBit(ifWithoutElse, depth, op == IF);
          depth++;
        }
        case ELSE -> {
          int frame = depth - 1;
          if (frame == 0 || !bit(ifWithoutElse, frame)) {
            throw in.error("END opcode expected (else outside an if)", reader.offset());
          }
          setBit(ifWithoutElse, frame, false);
        }
        case END -> {
          depth--;
          if (depth == 0) {
            return count;
          }
        }
        default -> {
          // no effect on the nesting
        }
      }
    }
  }

  private static boolean bit(long[] bits, int i) {
    return (bits[i >> 6] & (1L << i)) != 0;
  }

  private static void setBit(long[] bits, int i, boolean value) {
    if (value) {
      bits[i >> 6] |= 1L << i;
    } else {
      bits[i >> 6] &= ~(1L << i);
    }
  }
}
