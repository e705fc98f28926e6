/**
 * The heap checker: {@link dev.tricolor.heap.check.HeapChecker#check} verifies a snapshot against
 * every {@link dev.tricolor.heap.check.Rule} (what AssemblyScript's runtime asserts in debug
 * builds and the structure it relies on) and returns a
 * {@link dev.tricolor.heap.check.CheckReport} of {@link dev.tricolor.heap.check.Finding}s (rule,
 * address of the culprit block or object, details), at most 50 kept per rule with full counts.
 */
package dev.tricolor.heap.check;
