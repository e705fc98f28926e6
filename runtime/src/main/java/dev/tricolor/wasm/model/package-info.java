/**
 * A WebAssembly module as data, in the specification's words: {@link
 * dev.tricolor.wasm.model.WasmModule} holds the sections ({@code FuncType}, {@code Import},
 * {@code Global}, {@code ElementSegment}, {@code DataSegment}, {@code FunctionBody}, {@code
 * CustomSection}, {@code NameSection}...) and the module file they came from. Every code position
 * is a byte offset in that file, the positions source maps use. Nothing here decodes or checks:
 * see {@code dev.tricolor.wasm.binary} and {@code dev.tricolor.wasm.validate}.
 */
package dev.tricolor.wasm.model;
