package dev.tricolor.dap.sourcemap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A source map's sources resolved to files on disk or to embedded text.
 *
 * <p>asc writes {@code sources} relative to the folder it ran in ({@code programs/list.ts}) and
 * the compiler's own library as {@code ~lib/...}. Relative sources resolve against the launch's
 * {@code sourceRoot} (the map's own {@code sourceRoot}, {@code ./name}, is no real folder). Library
 * sources, and sources not found on disk, are served from {@code sourcesContent} through a {@code
 * sourceReference}: the source's index plus one, stable for the whole session.
 */
public final class MappedSources {
  static final String LIBRARY_PREFIX = "~lib/";

  private final SourceMap map;
  private final List<MappedSource> sources;
  private final Map<Path, Integer> byPath = new HashMap<>();

  public MappedSources(SourceMap map, Path sourceRoot) {
    this.map = map;
    Path root = sourceRoot.toAbsolutePath().normalize();
    List<MappedSource> list = new ArrayList<>(map.sources().size());
    for (int i = 0; i < map.sources().size(); i++) {
      String name = map.sources().get(i);
      Optional<Path> path = name.startsWith(LIBRARY_PREFIX) ? Optional.empty() : resolve(root, name);
      boolean onDisk = path.isPresent() && Files.isRegularFile(path.get());
      int ref = !onDisk && map.content(i).isPresent() ? i + 1 : 0;
      list.add(new MappedSource(i, name, path, ref));
      path.ifPresent(p -> byPath.putIfAbsent(p, list.size() - 1));
    }
    this.sources = Collections.unmodifiableList(list);
  }

  private static Optional<Path> resolve(Path root, String name) {
    String relative = name.startsWith("file://") ? name.substring("file://".length()) : name;
    try {
      return Optional.of(root.resolve(relative).normalize());
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  public SourceMap map() {
    return map;
  }

  public List<MappedSource> all() {
    return sources;
  }

  public MappedSource get(int index) {
    return sources.get(index);
  }

  /** The source a client names by {@code sourceReference}, if it is one of ours. */
  public Optional<MappedSource> byReference(int sourceReference) {
    int i = sourceReference - 1;
    if (i < 0 || i >= sources.size() || sources.get(i).sourceReference() != sourceReference) {
      return Optional.empty();
    }
    return Optional.of(sources.get(i));
  }

  /** The text a {@code source} request returns for {@code sourceReference}. */
  public Optional<String> text(int sourceReference) {
    return byReference(sourceReference).flatMap(s -> map.content(s.index()));
  }

  /**
   * The source a client names by path: the same normalized path, else the same file through
   * symbolic links, else the one source whose map name is a suffix of the path (when the launch's
   * {@code sourceRoot} points elsewhere). Empty when the path is not in the map.
   */
  public Optional<MappedSource> byPath(String clientPath) {
    Path p;
    try {
      p = Path.of(clientPath).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
    Integer i = byPath.get(p);
    if (i != null) {
      return Optional.of(sources.get(i));
    }
    for (MappedSource s : sources) {
      if (s.path().isPresent() && sameFile(s.path().get(), p)) {
        return Optional.of(s);
      }
    }
    String slashed = p.toString().replace('\\', '/');
    MappedSource found = null;
    for (MappedSource s : sources) {
      String name = s.name().startsWith("./") ? s.name().substring(2) : s.name();
      if (s.path().isPresent() && !name.startsWith("../") && slashed.endsWith("/" + name)) {
        if (found != null) {
          return Optional.empty(); // ambiguous: two sources fit; do not guess
        }
        found = s;
      }
    }
    return Optional.ofNullable(found);
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }
}
