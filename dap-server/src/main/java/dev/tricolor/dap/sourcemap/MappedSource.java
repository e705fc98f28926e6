package dev.tricolor.dap.sourcemap;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One of the map's sources, as a debugger client sees it.
 *
 * @param index index in the map's {@code sources}
 * @param name the entry as written in the map ({@code programs/list.ts}, {@code ~lib/rt/tlsf.ts})
 * @param path where it lives on disk; empty for the compiler's library ({@code ~lib/...})
 * @param sourceReference above 0 when the client must fetch the text with a {@code source}
 *     request (served from {@code sourcesContent}); 0 when it reads {@link #path} itself
 */
public record MappedSource(int index, String name, Optional<Path> path, int sourceReference) {
  /** A short label for the client: the file name, or the whole {@code ~lib/...} name. */
  public String displayName() {
    if (name.startsWith(MappedSources.LIBRARY_PREFIX)) {
      return name;
    }
    int slash = name.lastIndexOf('/');
    return slash < 0 ? name : name.substring(slash + 1);
  }
}
