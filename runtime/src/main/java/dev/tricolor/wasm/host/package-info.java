/**
 * Host functions for AssemblyScript output: {@link dev.tricolor.wasm.host.AscHost} (the default
 * {@code env} imports: abort, trace, seed, Date.now, console.*), string decoding and JavaScript
 * number formatting as asc's loader does them.
 */
package dev.tricolor.wasm.host;
