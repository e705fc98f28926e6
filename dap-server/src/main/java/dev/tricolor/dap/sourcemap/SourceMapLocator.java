package dev.tricolor.dap.sourcemap;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * Finds and loads a module's source map by the contract's rules: the {@code sourceMap} launch
 * argument; else the module's {@code sourceMappingURL} custom section resolved against the {@code
 * .wasm} file's folder (a {@code data:} URL is decoded in place); else {@code PROGRAM.map} beside
 * the program ({@code build/x.wasm} → {@code build/x.wasm.map}). No map at all is not an error
 * (the program can still be debugged by instruction); a map that is there but unusable is.
 */
public final class SourceMapLocator {
  private static final String DATA_JSON_BASE64 = "data:application/json;base64,";

  private SourceMapLocator() {}

  /** Where the map was found, and its text. */
  public record Found(String origin, String json) {}

  /**
   * The map's text, or empty when the program has none.
   *
   * @param explicit the {@code sourceMap} launch argument, resolved
   * @param program the {@code .wasm} file
   * @param sourceMappingUrl the module's {@code sourceMappingURL} custom section, if any
   */
  public static Optional<Found> find(
      Optional<Path> explicit, Path program, Optional<String> sourceMappingUrl)
      throws SourceMapException {
    if (explicit.isPresent()) {
      return Optional.of(read(explicit.get()));
    }
    if (sourceMappingUrl.isPresent()) {
      String url = sourceMappingUrl.get().trim();
      if (url.startsWith(DATA_JSON_BASE64)) {
        try {
          byte[] json = Base64.getDecoder().decode(url.substring(DATA_JSON_BASE64.length()));
          return Optional.of(
              new Found("the module's inline sourceMappingURL", new String(json, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
          throw new SourceMapException(
              "the module's inline sourceMappingURL is not valid base64: " + e.getMessage());
        }
      }
      Optional<Path> p = localPath(program, url);
      if (p.isPresent() && Files.isRegularFile(p.get())) {
        return Optional.of(read(p.get()));
      }
    }
    Path beside = program.resolveSibling(program.getFileName() + ".map");
    if (Files.isRegularFile(beside)) {
      return Optional.of(read(beside));
    }
    return Optional.empty();
  }

  /** Finds and parses; errors name the file. */
  public static Optional<SourceMap> load(
      Optional<Path> explicit, Path program, Optional<String> sourceMappingUrl)
      throws SourceMapException {
    Optional<Found> found = find(explicit, program, sourceMappingUrl);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(SourceMap.parse(found.get().json()));
    } catch (SourceMapException e) {
      throw new SourceMapException(
          "bad source map " + found.get().origin() + ": " + e.getMessage(), e);
    }
  }

  private static Optional<Path> localPath(Path program, String url) {
    try {
      if (url.startsWith("file:")) {
        return Optional.of(Path.of(URI.create(url)));
      }
      if (url.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*") && !url.matches("^[a-zA-Z]:[\\\\/].*")) {
        return Optional.empty(); // http: and the like: nothing to fetch from here
      }
      Path folder = program.toAbsolutePath().getParent();
      return Optional.of(folder.resolve(url).normalize());
    } catch (IllegalArgumentException e) { // also InvalidPathException
      return Optional.empty();
    }
  }

  private static Found read(Path p) throws SourceMapException {
    try {
      return new Found(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new SourceMapException("cannot read source map " + p + ": " + e.getMessage(), e);
    }
  }
}
