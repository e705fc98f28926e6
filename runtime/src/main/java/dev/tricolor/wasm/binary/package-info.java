/**
 * The binary format: {@link dev.tricolor.wasm.binary.ModuleParser#parse(byte[])} decodes a module
 * file into a {@code WasmModule} or throws {@link dev.tricolor.wasm.binary.MalformedModuleException}
 * (spec words, byte offset, section); {@link dev.tricolor.wasm.binary.InstructionReader} walks the
 * instructions of a body without allocating; {@link dev.tricolor.wasm.binary.Opcodes} names the
 * opcodes.
 */
package dev.tricolor.wasm.binary;
