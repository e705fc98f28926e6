package dev.tricolor.bench;

/** A WebAssembly engine under measurement. */
interface Engine {
  String name();

  /** Instantiates a benchmark module; the result calls its exported {@code run(n)}. */
  Runner load(byte[] wasm) throws Exception;

  /** One instance's {@code run} export. */
  @FunctionalInterface
  interface Runner {
    /** Calls {@code run(n)} and returns the raw bits of its result. */
    long run(int n);
  }
}
