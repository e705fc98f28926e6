/**
 * Validation per WebAssembly 2.0 without SIMD: {@link
 * dev.tricolor.wasm.validate.Validator#validate(dev.tricolor.wasm.model.WasmModule)} accepts a
 * decoded module or throws {@link dev.tricolor.wasm.validate.InvalidModuleException} in the spec's
 * words, naming the function and byte offset. Only validated modules may be instantiated: the
 * engine's translator trusts them.
 */
package dev.tricolor.wasm.validate;
