package dev.tricolor.wasm.host;

import dev.tricolor.wasm.model.ValType;
import dev.tricolor.wasm.model.FuncType;
import dev.tricolor.wasm.exec.Caller;
import dev.tricolor.wasm.exec.Imports;
import dev.tricolor.wasm.exec.Store;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * The host functions AssemblyScript output imports from module {@code env}, behaving as asc's
 * own loader does (and as the Node fixtures of the test programs recorded):
 *
 * <ul>
 *   <li>{@code abort(message, fileName, line, column)} traps with an {@link AbortTrap}
 *   <li>{@code trace(message, n, a0..a4)} writes {@code trace: MESSAGE a0, a1} (the first n
 *       numbers, as JavaScript prints them) and a newline to the error sink
 *   <li>{@code seed() -> f64} for {@code Math.random}, {@code Date.now() -> f64}
 *   <li>{@code console.log/info/debug(message)} to the output sink,
 *       {@code console.warn/error(message)} to the error sink
 * </ul>
 *
 * <p>Both sinks default to standard error: a debug adapter speaks its protocol on standard
 * output, so nothing of the guest's may go there unless asked for.
 */
public final class AscHost {
  public static final String MODULE = "env";
  /** The seed the fixtures use, so {@code Math.random()} is deterministic. */
  public static final double FIXED_SEED = 42.0;
  /** The clock the fixtures use: 2023-11-14T22:13:20Z. */
  public static final double FIXED_NOW = 1_700_000_000_000.0;

  private static final ValType I32 = ValType.I32;
  private static final ValType F64 = ValType.F64;

  private DoubleSupplier seed = () -> FIXED_SEED;
  private DoubleSupplier clock = () -> FIXED_NOW;
  private Consumer<String> out = System.err::print;
  private Consumer<String> err = System.err::print;

  /** Deterministic: seed 42, clock fixed at {@link #FIXED_NOW}, output to standard error. */
  public AscHost() {}

  /** The seed {@code Math.random} starts from. */
  public AscHost seed(DoubleSupplier seed) {
    this.seed = seed;
    return this;
  }

  /** Milliseconds since the epoch for {@code Date.now}. */
  public AscHost clock(DoubleSupplier clock) {
    this.clock = clock;
    return this;
  }

  /** The real clock and a random seed, for running programs as they would run in a browser. */
  public AscHost live() {
    return seed(() -> Math.random() * Long.MAX_VALUE)
        .clock(() -> (double) System.currentTimeMillis());
  }

  /** Where console.log/info/debug text goes (whole lines, newline included). */
  public AscHost out(Consumer<String> sink) {
    this.out = sink;
    return this;
  }

  /** Where trace and console.warn/error text goes (whole lines, newline included). */
  public AscHost err(Consumer<String> sink) {
    this.err = sink;
    return this;
  }

  /** The functions, registered in {@code store}, ready to add to an instantiation's imports. */
  public Imports imports(Store store) {
    Imports imports = new Imports();
    imports.addFunction(store, MODULE, "abort", sig(new ValType[] {I32, I32, I32, I32}),
        AscHost::abort);
    imports.addFunction(store, MODULE, "trace",
        sig(new ValType[] {I32, I32, F64, F64, F64, F64, F64}), this::trace);
    imports.addFunction(store, MODULE, "seed", sig(new ValType[0], F64),
        c -> Double.doubleToRawLongBits(seed.getAsDouble()));
    imports.addFunction(store, MODULE, "Date.now", sig(new ValType[0], F64),
        c -> Double.doubleToRawLongBits(clock.getAsDouble()));
    for (String level : new String[] {"log", "info", "debug"}) {
      imports.addFunction(store, MODULE, "console." + level, sig(new ValType[] {I32}),
          c -> print(out, c));
    }
    for (String level : new String[] {"warn", "error"}) {
      imports.addFunction(store, MODULE, "console." + level, sig(new ValType[] {I32}),
          c -> print(err, c));
    }
    return imports;
  }

  private static FuncType sig(ValType[] params, ValType... results) {
    return FuncType.of(params, results);
  }

  private static long abort(Caller c) {
    String message = AscStrings.read(c.memory(), c.argI32(0));
    String file = AscStrings.read(c.memory(), c.argI32(1));
    throw new AbortTrap(message, file, c.argI32(2), c.argI32(3));
  }

  private long trace(Caller c) {
    String message = AscStrings.read(c.memory(), c.argI32(0));
    int n = Math.max(0, Math.min(5, c.argI32(1)));
    StringBuilder sb = new StringBuilder("trace: ").append(message);
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? " " : ", ").append(JsNumbers.toString(c.argF64(2 + i)));
    }
    err.accept(sb.append('\n').toString());
    return 0;
  }

  private static long print(Consumer<String> sink, Caller c) {
    sink.accept(AscStrings.read(c.memory(), c.argI32(0)) + "\n");
    return 0;
  }
}
