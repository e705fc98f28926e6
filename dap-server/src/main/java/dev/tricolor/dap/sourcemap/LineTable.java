package dev.tricolor.dap.sourcemap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The line entries of one source: where each run of code for a line begins, sorted by line,
 * then column, then offset. A run is a sequence of segments in offset order whose mapped segments
 * all name the same source line.
 */
final class LineTable {
  private static final LineTable EMPTY = new LineTable(new int[0], new int[0], new int[0]);

  private final int[] line;
  private final int[] column;
  private final int[] offset;

  private LineTable(int[] line, int[] column, int[] offset) {
    this.line = line;
    this.column = column;
    this.offset = offset;
  }

  /** Builds a table per source from segments sorted by offset. */
  static LineTable[] build(int sources, int[] off, int[] src, int[] ln, int[] col) {
    int[] counts = new int[sources];
    boolean[] entry = new boolean[off.length];
    // Unmapped code inside a statement (asc leaves shadow-stack bookkeeping unmapped) does not
    // end its run, nor does code of another source inlined into it (a default argument such as
    // toString's radix is mapped to ~lib/number.ts): the run goes on while the mapped segments
    // of its source stay on the same line. Otherwise a line breakpoint would stop again after
    // each such excursion, several times per execution of the line.
    int[] lastLine = new int[sources];
    Arrays.fill(lastLine, -1);
    for (int i = 0; i < off.length; i++) {
      int s = src[i];
      if (s < 0) {
        continue;
      }
      if (ln[i] != lastLine[s]) {
        entry[i] = true;
        counts[s]++;
      }
      lastLine[s] = ln[i];
    }
    // The segment indices of each source's entries, then sorted by (line, column, offset).
    int[][] members = new int[sources][];
    int[] fill = new int[sources];
    for (int s = 0; s < sources; s++) {
      members[s] = new int[counts[s]];
    }
    for (int i = 0; i < off.length; i++) {
      if (entry[i]) {
        int s = src[i];
        members[s][fill[s]++] = i;
      }
    }
    LineTable[] tables = new LineTable[sources];
    for (int s = 0; s < sources; s++) {
      if (counts[s] == 0) {
        tables[s] = EMPTY;
        continue;
      }
      Integer[] idx = new Integer[counts[s]];
      for (int k = 0; k < idx.length; k++) {
        idx[k] = members[s][k];
      }
      Arrays.sort(
          idx,
          (a, b) -> {
            int c = Integer.compare(ln[a], ln[b]);
            if (c != 0) {
              return c;
            }
            c = Integer.compare(col[a], col[b]);
            return c != 0 ? c : Integer.compare(off[a], off[b]);
          });
      int[] l = new int[idx.length];
      int[] c = new int[idx.length];
      int[] o = new int[idx.length];
      for (int k = 0; k < idx.length; k++) {
        l[k] = ln[idx[k]];
        c[k] = col[idx[k]];
        o[k] = off[idx[k]];
      }
      tables[s] = new LineTable(l, c, o);
    }
    return tables;
  }

  /** Index of the first entry whose line is at least {@code target}; length if none. */
  private int firstAtOrAfter(int target) {
    int lo = 0;
    int hi = line.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (line[mid] < target) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  int[] entriesOf(int target) {
    int from = firstAtOrAfter(target);
    int to = from;
    while (to < line.length && line[to] == target) {
      to++;
    }
    int[] out = Arrays.copyOfRange(offset, from, to);
    Arrays.sort(out);
    return out;
  }

  int nextLineAtOrAfter(int target) {
    int i = firstAtOrAfter(target);
    return i < line.length ? line[i] : -1;
  }

  List<SourceMap.LineColumn> locations(int fromLine, int toLine) {
    List<SourceMap.LineColumn> out = new ArrayList<>();
    for (int i = firstAtOrAfter(fromLine); i < line.length && line[i] <= toLine; i++) {
      if (i > 0 && line[i - 1] == line[i] && column[i - 1] == column[i]) {
        continue;
      }
      out.add(new SourceMap.LineColumn(line[i], column[i]));
    }
    return out;
  }
}
