package dev.tricolor.bench;

/**
 * One benchmark workload of {@code test-programs/bench/workloads.json}: {@code run(n)} of
 * {@code bench/NAME.wasm} must return {@code checksumBits} (raw bits of a value of
 * {@code checksumType}).
 */
record Workload(String name, String description, int n, String checksumType, long checksumBits) {
  /** The same workload with another n, whose checksum is not known yet. */
  Workload withN(int other) {
    return new Workload(name, description, other, null, 0);
  }

  Workload withChecksum(long bits) {
    return new Workload(name, description, n, "i64", bits);
  }

  boolean matches(long bits) {
    return switch (checksumType) {
      case "i32", "f32" -> (int) bits == (int) checksumBits;
      default -> bits == checksumBits;
    };
  }
}
