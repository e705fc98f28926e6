package dev.tricolor.dap.jar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.launch.DSPLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar as users start it: stdio, {@code --port}, and the {@code run} command line. */
class JarIT {
  static final Path JAR = Path.of("target/dap-server.jar").toAbsolutePath();
  static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @TempDir Path dir;
  final List<Process> processes = new ArrayList<>();

  @AfterEach
  void kill() {
    for (Process p : processes) {
      p.destroyForcibly();
    }
  }

  private Process start(String... args) throws IOException {
    assertTrue(Files.isRegularFile(JAR), "the jar is built: " + JAR);
    List<String> cmd = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).start();
    processes.add(p);
    return p;
  }

  /** Writes one DAP message with its Content-Length header. */
  private static void send(OutputStream out, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  /** Reads one DAP message; fails if anything but a Content-Length header comes first. */
  private static String receive(InputStream in) throws IOException {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    while (!header.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("end of stream after: " + header);
      }
      header.write(b);
    }
    String h = header.toString(StandardCharsets.US_ASCII);
    Matcher m = Pattern.compile("^Content-Length: (\\d+)\r\n\r\n$").matcher(h);
    assertTrue(m.matches(), "standard output carries only protocol; got: " + h);
    return new String(in.readNBytes(Integer.parseInt(m.group(1))), StandardCharsets.UTF_8);
  }

  @Test
  void stdioAnswersInitializeThenExitsOnDisconnect() throws Exception {
    Process p = start();
    OutputStream in = p.getOutputStream();
    InputStream out = p.getInputStream();
    send(in, "{\"seq\":1,\"type\":\"request\",\"command\":\"initialize\",\"arguments\":{\"adapterID\":\"tricolor\"}}");
    String response = receive(out);
    assertTrue(response.contains("\"command\":\"initialize\""), response);
    assertTrue(response.contains("\"success\":true"), response);
    assertTrue(response.contains("\"supportsDataBreakpoints\":true"), response);
    assertTrue(response.contains("\"filter\":\"collect\""), response);
    send(in, "{\"seq\":2,\"type\":\"request\",\"command\":\"launch\",\"arguments\":{\"program\":\"nothere.wasm\"}}");
    String launch = receive(out);
    com.google.gson.JsonObject failed = com.google.gson.JsonParser.parseString(launch).getAsJsonObject();
    assertEquals(false, failed.get("success").getAsBoolean());
    assertEquals(
        "launch argument 'program': no such file " + dir.toRealPath().resolve("nothere.wasm"),
        failed.get("message").getAsString());

    Path list = dev.tricolor.dap.TestPaths.repositoryRoot().resolve("test-programs/build/debug/list.wasm");
    if (Files.isRegularFile(list)) {
      send(in, "{\"seq\":3,\"type\":\"request\",\"command\":\"launch\",\"arguments\":{\"program\":"
          + com.google.gson.JsonParser.parseString("\"" + list.toString().replace("\\", "\\\\") + "\"")
          + ",\"invoke\":\"build\",\"args\":[1]}}");
      String ok = receive(out);
      assertTrue(ok.contains("\"command\":\"launch\"") && ok.contains("\"success\":true"), ok);
      String event = receive(out);
      assertTrue(event.contains("\"event\":\"initialized\""), "initialized follows the launch: " + event);
    }

    send(in, "{\"seq\":4,\"type\":\"request\",\"command\":\"disconnect\",\"arguments\":{}}");
    String bye = receive(out);
    assertTrue(bye.contains("\"command\":\"disconnect\"") && bye.contains("\"success\":true"), bye);
    assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the stdio server exits after disconnect");
    assertEquals(0, p.exitValue());
    assertEquals(-1, out.read(), "nothing after the disconnect response");
  }

  @Test
  void portServesOneSessionPerConnectionAndKeepsAccepting() throws Exception {
    Process p = start("--port", "0");
    BufferedReader err =
        new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread pump =
        new Thread(
            () -> {
              try {
                for (String l; (l = err.readLine()) != null; ) {
                  lines.add(l);
                }
              } catch (IOException e) {
                // the process ended
              }
            });
    pump.setDaemon(true);
    pump.start();
    int port = -1;
    Pattern listening = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    while (port < 0) {
      String l = lines.poll(20, TimeUnit.SECONDS);
      assertNotNull(l, "the server logs the port it listens on");
      Matcher m = listening.matcher(l);
      if (m.find()) {
        port = Integer.parseInt(m.group(1));
      }
    }
    for (int session = 0; session < 2; session++) {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        CompletableFuture<Void> initialized = new CompletableFuture<>();
        IDebugProtocolClient client =
            new IDebugProtocolClient() {
              @Override
              public void initialized() {
                initialized.complete(null);
              }
            };
        Launcher<IDebugProtocolServer> l =
            DSPLauncher.createClientLauncher(client, socket.getInputStream(), socket.getOutputStream());
        Future<Void> listening2 = l.startListening();
        InitializeRequestArguments a = new InitializeRequestArguments();
        a.setAdapterID("tricolor");
        Capabilities c = l.getRemoteProxy().initialize(a).get(20, TimeUnit.SECONDS);
        assertEquals(Boolean.TRUE, c.getSupportsConfigurationDoneRequest());
        l.getRemoteProxy().disconnect(new DisconnectArguments()).get(20, TimeUnit.SECONDS);
        // The server closes the connection after the disconnect response.
        listening2.get(20, TimeUnit.SECONDS);
      }
    }
    assertTrue(p.isAlive(), "the port server keeps running for the next connection");
  }

  private int exit(Process p) throws InterruptedException {
    assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    return p.exitValue();
  }

  private static String stderr(Process p) throws IOException {
    return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  private Process startIn(Path folder, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(folder.toFile()).start();
    processes.add(p);
    return p;
  }

  private static String stdout(Process p) throws IOException {
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void theCommandLineRunsTestPrograms() throws Exception {
    Path programs = dev.tricolor.dap.TestPaths.repositoryRoot().resolve("test-programs");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(programs.resolve("build/debug")),
        "SKIPPED: no compiled test programs");
    Process ok = startIn(programs, "run", "build/debug/list.wasm", "--invoke", "build", "--args", "5");
    assertEquals("5\n", stdout(ok), "the result, alone, on standard output");
    assertEquals(0, exit(ok));

    Process trap = startIn(programs, "run", "build/debug/trap.wasm", "--invoke", "divide", "--args=7,0");
    String trapErr = stderr(trap);
    assertEquals(2, exit(trap));
    assertTrue(trapErr.contains("trap: integer divide by zero"), trapErr);
    assertTrue(trapErr.contains("at programs/trap/divide (programs/trap.ts:"), trapErr);

    Process stop = startIn(programs, "run", "build/debug/bounds.wasm", "--invoke", "arrayGet",
        "--args", "3", "--break-on", "bounds,trap");
    String stopErr = stderr(stop);
    assertEquals(1, exit(stop));
    assertTrue(stopErr.contains("stopped on bounds: abort: Index out of range"), stopErr);
    assertTrue(stopErr.contains("at programs/bounds/arrayGet (programs/bounds.ts:"), stopErr);
    assertTrue(stopErr.contains("heap:") && stopErr.contains("largest free block"), stopErr);

    Process unknown = startIn(programs, "run", "build/debug/list.wasm", "--invoke", "nope");
    assertEquals(64, exit(unknown));
    assertTrue(stderr(unknown).contains("the module exports no function 'nope'"));
    Process count = startIn(programs, "run", "build/debug/list.wasm", "--invoke", "build");
    assertEquals(64, exit(count));
    assertTrue(stderr(count).contains("'build' takes 1 argument [i32], got 0"));
  }

  @Test
  void theCommandLineExitsWithTheContractCodes() throws Exception {
    Process none = start("run");
    assertEquals(64, exit(none));
    assertTrue(stderr(none).contains("usage: java -jar dap-server.jar run PROGRAM.wasm"));

    Files.write(dir.resolve("ok.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    Process flag = start("run", "ok.wasm", "--bogus");
    assertEquals(64, exit(flag));
    assertTrue(stderr(flag).contains("unknown flag '--bogus'"));

    Process args = start("run", "ok.wasm", "--args", "1,x");
    assertEquals(64, exit(args));
    assertTrue(stderr(args).contains("--args: 'x' is not a number"));

    Process missing = start("run", "missing.wasm");
    assertEquals(66, exit(missing));
    assertTrue(stderr(missing).contains("no such file"));

    Files.writeString(dir.resolve("text.wasm"), "not a module");
    Process text = start("run", "text.wasm");
    assertEquals(66, exit(text));
    assertTrue(stderr(text).contains("is not a WebAssembly module"));

    Process port = start("--port", "abc");
    assertEquals(64, exit(port));
  }

  /** What one {@code run} of the jar in test-programs printed and how it exited. */
  private record Ran(int exit, String out, String err) {}

  private Ran run(String... args) throws Exception {
    Path programs = dev.tricolor.dap.TestPaths.repositoryRoot().resolve("test-programs");
    List<String> cmd = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString(), "run"));
    cmd.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = new ProcessBuilder(cmd).directory(programs.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    processes.add(p);
    int code = exit(p);
    return new Ran(code, Files.readString(out), Files.readString(err));
  }

  /** The contract's CLI paragraph, sentence by sentence, on the corpus's programs. */
  @Test
  void theCommandLineDoesWhatTheContractSays() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(
        dev.tricolor.dap.TestPaths.repositoryRoot().resolve("test-programs/build/debug")),
        "SKIPPED: no compiled test programs");
    // Without --invoke: the start function only; nothing to print.
    Ran start = run("build/debug/list.wasm");
    assertEquals(new Ran(0, "", ""), start);

    // Results in decimal: an i64 beyond 32 bits, a negative i32 (signed), an f64.
    assertEquals(new Ran(0, "2432902008176640000\n", ""),
        run("build/debug/stepping.wasm", "--invoke", "factorial", "--args", "20"));
    assertEquals(new Ran(0, "-3\n", ""), run("build/debug/trap.wasm", "--invoke", "divide", "--args=-7,2"));
    assertEquals(new Ran(0, "28.25\n", ""), run("build/debug/stepping.wasm", "--invoke", "locals", "--args", "3"));
    // u32 and u64 results print signed: swap32(255) is 0xFF000000, swap64(255) 0xFF00...00.
    assertEquals(new Ran(0, "-16777216\n", ""), run("build/debug/byteorder.wasm", "--invoke", "swap32", "--args", "255"));
    assertEquals(new Ran(0, "-72057594037927936\n", ""),
        run("build/debug/byteorder.wasm", "--invoke", "swap64", "--args", "255"));
    // A function without results prints nothing.
    assertEquals(new Ran(0, "", ""), run("build/debug/gccolors.wasm", "--invoke", "collect"));

    // The program's own output (trace, console.log) goes to standard error, the result alone to
    // standard output.
    assertEquals(new Ran(0, "2\n", "trace: step 0, 0\ntrace: step 1, 1\n"),
        run("build/debug/tracing.wasm", "--invoke", "traceLoop", "--args", "2"));
    assertEquals(new Ran(0, "2\n", "line 1 of 2\nline 2 of 2\n"),
        run("build/debug/logging.wasm", "--invoke", "logLines", "--args", "2"));

    // A stop on a --break-on filter of the list: the reason, the stack with source positions,
    // the heap summary; exit 1 and nothing on standard output.
    Ran alloc = run("build/debug/list.wasm", "--invoke", "build", "--args", "3", "--break-on", "oom,alloc");
    assertEquals(1, alloc.exit(), alloc.err());
    assertEquals("", alloc.out());
    assertTrue(alloc.err().startsWith("stopped on alloc: "), alloc.err());
    assertTrue(alloc.err().contains("(programs/list.ts:"), alloc.err());
    assertTrue(alloc.err().matches("(?s).*\\nheap:\\n  class +objects +bytes +white/black/gray/transparent\\n.*"
        + "\\n  free: \\d+ bytes in \\d+ blocks, largest free block \\d+ bytes.*"), alloc.err());

    // A heap event filter an -O3 build cannot stop on (no names to find __new by) is said so.
    Ran release = run("build/release/list.wasm", "--invoke", "build", "--args", "3", "--break-on", "alloc");
    assertEquals(0, release.exit());
    assertEquals("3\n", release.out());
    assertTrue(release.err().startsWith("tricolor run: --break-on 'alloc' can never stop in this program"),
        release.err());

    // --memory-limit-pages: the same allocations fit in the module's own maximum, not in 2 pages;
    // uncaught, out of memory is a trap (exit 2, cause and stack); with --break-on oom a stop.
    assertEquals(0, run("build/debug/oom.wasm", "--invoke", "allocate", "--args", "20,8192").exit());
    Ran trap = run("build/debug/oom.wasm", "--invoke", "allocate", "--args", "20,8192", "--memory-limit-pages", "2");
    assertEquals(2, trap.exit(), trap.err());
    assertTrue(trap.err().startsWith("trap: unreachable\n  at ~lib/rt/tlsf/growMemory (~lib/rt/tlsf.ts:"), trap.err());
    Ran oom = run("build/debug/oom.wasm", "--invoke", "allocate", "--args", "20,8192", "--memory-limit-pages=2",
        "--break-on", "oom");
    assertEquals(1, oom.exit(), oom.err());
    assertTrue(oom.err().startsWith("stopped on oom: out of memory: memory.grow was refused"), oom.err());
    assertTrue(oom.err().endsWith(" bytes\n"), "the heap summary ends the report: " + oom.err());
    // Its String and Array<ArrayBuffer> lines count objects in static data, which take no heap
    // bytes: each line with 0 bytes says how many of its objects are there.
    List<String> zeroBytes = oom.err().lines().filter(l -> l.matches("  \\S+ +\\d+ +0 .*")).toList();
    assertFalse(zeroBytes.isEmpty(), oom.err());
    assertTrue(zeroBytes.stream().allMatch(l -> l.matches(".*   \\(\\d+ in static data\\)")), zeroBytes.toString());

    // An uncaught abort: its cause and the stack, exit 2.
    Ran abort = run("build/debug/abort.wasm", "--invoke", "checkPositive", "--args=-1");
    assertEquals(2, abort.exit());
    assertTrue(abort.err().startsWith("abort: x must be positive in programs/abort.ts(7:3)\n"
        + "  at programs/abort/checkPositive (programs/abort.ts:7:"), abort.err());

    // --runtime host runs a host build; a guest build under it is a usage error naming the mode.
    assertEquals(new Ran(0, "5\n", ""), run("build/host/debug/list.wasm", "--runtime", "host", "--invoke", "build",
        "--args", "5"));
    Ran wrong = run("build/debug/list.wasm", "--runtime", "host", "--invoke", "build", "--args", "5");
    assertEquals(64, wrong.exit(), wrong.err());
    assertTrue(wrong.err().contains("guest"), wrong.err());
    Ran badFilter = run("build/debug/list.wasm", "--break-on", "alloc,nope");
    assertEquals(64, badFilter.exit());
    assertTrue(badFilter.err().contains("--break-on: unknown filter 'nope'"), badFilter.err());
    Ran badPages = run("build/debug/list.wasm", "--memory-limit-pages", "0");
    assertEquals(64, badPages.exit());
    assertTrue(badPages.err().contains("--memory-limit-pages must be an integer from 1 to"), badPages.err());
  }
}
