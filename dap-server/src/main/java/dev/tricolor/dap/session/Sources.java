package dev.tricolor.dap.session;

import dev.tricolor.dap.sourcemap.MappedSource;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourcePresentationHint;

/** A mapped source as a DAP {@link Source}. */
final class Sources {
  private Sources() {}

  static Source toDap(MappedSource s) {
    Source src = new Source();
    src.setName(s.displayName());
    if (s.sourceReference() > 0) {
      src.setSourceReference(s.sourceReference());
    }
    s.path().ifPresent(p -> src.setPath(p.toString()));
    if (s.path().isEmpty()) {
      // The compiler's own library: shown on request, never the place a step lands by choice.
      src.setOrigin("AssemblyScript standard library");
      src.setPresentationHint(SourcePresentationHint.DEEMPHASIZE);
    }
    return src;
  }
}
