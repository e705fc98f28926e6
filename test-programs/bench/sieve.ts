// Benchmark: memory. The sieve of Eratosthenes over a byte array, many loads and stores in
// linear memory with bounds checks.

/** How many primes are below n (one sieve over an n-byte array). */
export function run(n: i32): i32 {
  const composite = new Uint8Array(n);
  let count = 0;
  for (let i = 2; i < n; i++) {
    if (unchecked(composite[i]) == 0) {
      count++;
      for (let j = i * i; j < n && j > 0; j += i) unchecked((composite[j] = 1));
    }
  }
  return count;
}
