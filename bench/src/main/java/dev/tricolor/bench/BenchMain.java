package dev.tricolor.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark: every workload of {@code test-programs/bench} (release and debug builds) on
 * Tricolor's interpreter and on Chicory's, in this one JVM, with warm-up, then rounds that run
 * both engines back to back (alternating which goes first) so both see the same machine noise.
 * Reports medians, min-max, the ratio Tricolor/Chicory per workload and its geometric mean, and
 * the same workloads under Node (V8) when {@code node} is on the PATH, as the ceiling.
 *
 * <pre>
 * java -jar bench/target/bench.jar [--warmup 3] [--iterations 10] [--build release,debug]
 *     [--programs test-programs] [--no-node] [--n fib=30,...] [--breakpoints 50] [WORKLOAD ...]
 *
 * --n NAME=N,...     run these workloads with another n (no recorded checksum: the two
 *                    engines must agree; Node is then not run)
 * --no-chicory       Tricolor (and Node) only: the ceiling at the recorded n without waiting
 *                    for Chicory
 * --breakpoints K    instead of Chicory, compare against Tricolor with a debugger attached and K
 *                    breakpoints on code the workload never reaches
 * --host-runtime     instead of Chicory, compare guest mode (the workload's own TLSF/ITCMS) with
 *                    host mode (its build/host/ build, allocating and collecting in Java); the
 *                    ratio is then guest/host, the host runtime's speed-up
 * </pre>
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    int warmup = 3;
    int iterations = 10;
    List<String> builds = List.of("release", "debug");
    Path programs = null;
    boolean node = true;
    List<String> only = new ArrayList<>();
    Map<String, Integer> overrides = new HashMap<>();
    int breakpoints = 0;
    boolean withChicory = true;
    boolean hostRuntime = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--iterations" -> iterations = Integer.parseInt(args[++i]);
        case "--build" -> builds = List.of(args[++i].split(","));
        case "--programs" -> programs = Path.of(args[++i]);
        case "--no-node" -> node = false;
        case "--no-chicory" -> withChicory = false;
        case "--breakpoints" -> breakpoints = Integer.parseInt(args[++i]);
        case "--host-runtime" -> hostRuntime = true;
        case "--n" -> {
          for (String kv : args[++i].split(",")) {
            String[] p = kv.split("=");
            overrides.put(p[0], Integer.parseInt(p[1]));
          }
        }
        default -> {
          if (args[i].startsWith("--")) {
            System.err.println("unknown option " + args[i]);
            System.exit(64);
          }
          only.add(args[i]);
        }
      }
    }
    if (programs == null) {
      programs = findPrograms();
    }
    List<Workload> workloads = readWorkloads(programs.resolve("bench/workloads.json"));
    if (!only.isEmpty()) {
      workloads = workloads.stream().filter(w -> only.contains(w.name())).toList();
    }
    // A smaller n has no recorded checksum: the engines must then agree with each other.
    workloads = workloads.stream()
        .map(w -> overrides.containsKey(w.name()) ? w.withN(overrides.get(w.name())) : w)
        .toList();
    if (!overrides.isEmpty()) {
      node = false; // bench-node.mjs runs the recorded n only
    }
    System.out.printf("Java %s on %d cores; warm-up %d, measured %d rounds; ms per run(n)%n",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), warmup,
        iterations);

    Engine tricolor = new TricolorEngine();
    Engine chicory = withChicory ? new ChicoryEngine() : null;
    if (breakpoints > 0) {
      int count = breakpoints;
      int[] installed = new int[1];
      chicory = new Engine() {
        @Override
        public String name() {
          return "tricolor+" + count + "bp";
        }

        @Override
        public Runner load(byte[] wasm) {
          Runner r = ProbeOverhead.withBreakpoints(wasm, count, installed);
          System.out.printf("  (%d breakpoints installed in unreached code)%n", installed[0]);
          return r;
        }
      };
      node = false;
    }
    if (hostRuntime) {
      chicory = new HostRuntimeEngine();
      node = false;
    }
    List<Row> rows = new ArrayList<>();
    for (Workload workload : workloads) {
      for (String build : builds) {
        Workload w = workload;
        byte[] wasm = Files.readAllBytes(programs.resolve("build/" + build + "/bench/" + w.name()
            + ".wasm"));
        Stats t;
        Stats c;
        Engine.Runner rt = tricolor.load(wasm);
        byte[] otherWasm = !hostRuntime ? wasm : Files.readAllBytes(programs.resolve(
            "build/host/" + build + "/bench/" + w.name() + ".wasm"));
        Engine.Runner rc = chicory == null ? rt : chicory.load(otherWasm);
        if (w.checksumType() == null) {
          long a = rt.run(w.n());
          long b = rc.run(w.n());
          if (a != b) {
            throw new IllegalStateException(w.name() + ": tricolor returned 0x"
                + Long.toHexString(a) + ", chicory 0x" + Long.toHexString(b));
          }
          w = w.withChecksum(a);
        }
        for (int i = 0; i < warmup; i++) {
          time(w, rt);
          if (chicory != null) {
            time(w, rc);
          }
        }
        double[] tt = new double[iterations];
        double[] tc = new double[iterations];
        for (int i = 0; i < iterations; i++) {
          if (chicory == null) {
            tt[i] = time(w, rt);
          } else if (i % 2 == 0) {
            tt[i] = time(w, rt);
            tc[i] = time(w, rc);
          } else {
            tc[i] = time(w, rc);
            tt[i] = time(w, rt);
          }
        }
        t = new Stats(tt);
        c = chicory == null ? null : new Stats(tc);
        Row row = new Row(w, build, t, c);
        rows.add(row);
        if (chicory == null) {
          System.out.printf("  %-12s %-8s %s %s%n", w.name(), build, tricolor.name(), t);
        } else {
          System.out.printf("  %-12s %-8s %s %s  %s %s  ratio %.2f%n", w.name(), build,
              tricolor.name(), t, chicory.name(), c, row.ratio());
        }
      }
    }
    Map<String, Double> nodeMedians = node ? nodeMedians(programs, warmup, iterations, builds,
        workloads) : Map.of();
    report(rows, nodeMedians, tricolor.name(), chicory == null ? "none" : chicory.name());
  }

  /** Runs {@code run(n)} once and returns the milliseconds it took; checks the checksum. */
  private static double time(Workload w, Engine.Runner r) {
    long t0 = System.nanoTime();
    long result = r.run(w.n());
    long t1 = System.nanoTime();
    if (!w.matches(result)) {
      throw new IllegalStateException(w.name() + ": checksum 0x" + Long.toHexString(result)
          + ", expected 0x" + Long.toHexString(w.checksumBits()));
    }
    return (t1 - t0) / 1e6;
  }

  record Stats(double[] ms) {
    double median() {
      double[] s = ms.clone();
      Arrays.sort(s);
      int n = s.length;
      return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    double min() {
      return Arrays.stream(ms).min().orElse(0);
    }

    double max() {
      return Arrays.stream(ms).max().orElse(0);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%8.1f [%.1f-%.1f]", median(), min(), max());
    }
  }

  record Row(Workload workload, String build, Stats tricolor, Stats chicory) {
    double ratio() {
      return chicory == null ? Double.NaN : tricolor.median() / chicory.median();
    }
  }

  private static void report(List<Row> rows, Map<String, Double> node, String a, String b) {
    System.out.println();
    System.out.println("| workload | build | " + a + " median ms [min-max] | " + b
        + " median ms [min-max] | " + a + "/" + b + " | Node ms | " + a + "/Node |");
    System.out.println("|---|---|---|---|---|---|---|");
    double logSum = 0;
    Map<String, double[]> perBuild = new LinkedHashMap<>();
    for (Row r : rows) {
      Double nm = node.get(r.workload().name() + "/" + r.build());
      System.out.printf(Locale.ROOT, "| %s (n=%d) | %s | %s | %s | %.2f | %s | %s |%n",
          r.workload().name(), r.workload().n(), r.build(), r.tricolor(),
          r.chicory() == null ? "-" : r.chicory(), r.ratio(),
          nm == null ? "-" : String.format(Locale.ROOT, "%.1f", nm),
          nm == null ? "-" : String.format(Locale.ROOT, "%.1f", r.tricolor().median() / nm));
      logSum += Math.log(r.ratio());
      double[] acc = perBuild.computeIfAbsent(r.build(), k -> new double[2]);
      acc[0] += Math.log(r.ratio());
      acc[1]++;
    }
    System.out.println();
    if (Double.isNaN(logSum)) {
      return; // Tricolor alone: no ratios
    }
    for (Map.Entry<String, double[]> e : perBuild.entrySet()) {
      System.out.printf(Locale.ROOT, "geometric mean %s/%s, %s builds: %.3f%n", a, b,
          e.getKey(), Math.exp(e.getValue()[0] / e.getValue()[1]));
    }
    System.out.printf(Locale.ROOT, "geometric mean %s/%s, all: %.3f%n", a, b,
        Math.exp(logSum / rows.size()));
  }

  /** Medians from {@code bench-node.mjs}, keyed "workload/build"; empty when Node is absent. */
  private static Map<String, Double> nodeMedians(Path programs, int warmup, int iterations,
      List<String> builds, List<Workload> workloads) {
    List<String> cmd = new ArrayList<>(List.of("node", "bench-node.mjs", "--warmup",
        String.valueOf(warmup), "--iterations", String.valueOf(iterations), "--build",
        String.join(",", builds)));
    workloads.forEach(w -> cmd.add(w.name()));
    Map<String, Double> medians = new HashMap<>();
    try {
      Process p = new ProcessBuilder(cmd).directory(programs.toFile())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          System.out.println("  node: " + line);
          String[] f = line.trim().split("\\s+");
          if (f.length == 6 && builds.contains(f[2])) {
            try {
              medians.put(f[0] + "/" + f[2], Double.parseDouble(f[3]));
            } catch (NumberFormatException header) {
              // the header line
            }
          }
        }
      }
      if (p.waitFor() != 0) {
        System.out.println("  node: exited with " + p.exitValue());
      }
    } catch (IOException e) {
      System.out.println("  node: not run (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return medians;
  }

  private static Path findPrograms() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("test-programs/bench/workloads.json"))) {
        return d.resolve("test-programs");
      }
    }
    throw new IllegalStateException(
        "no test-programs/bench/workloads.json above the working directory; use --programs");
  }

  private static List<Workload> readWorkloads(Path file) throws IOException {
    JsonObject root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    List<Workload> list = new ArrayList<>();
    for (var e : root.getAsJsonArray("workloads")) {
      JsonObject w = e.getAsJsonObject();
      JsonObject c = w.getAsJsonObject("checksum");
      String type = c.get("type").getAsString();
      long bits = c.has("bits")
          ? Long.parseUnsignedLong(c.get("bits").getAsString().substring(2), 16)
          : c.get("value").getAsLong();
      list.add(new Workload(w.get("name").getAsString(), w.get("description").getAsString(),
          w.get("n").getAsInt(), type, bits));
    }
    return list;
  }
}
