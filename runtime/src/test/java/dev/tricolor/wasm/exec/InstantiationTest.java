package dev.tricolor.wasm.exec;

import static dev.tricolor.wasm.binary.WasmBytes.body;
import static dev.tricolor.wasm.binary.WasmBytes.bytes;
import static dev.tricolor.wasm.binary.WasmBytes.cat;
import static dev.tricolor.wasm.binary.WasmBytes.module;
import static dev.tricolor.wasm.binary.WasmBytes.name;
import static dev.tricolor.wasm.binary.WasmBytes.section;
import static dev.tricolor.wasm.binary.WasmBytes.u32;
import static dev.tricolor.wasm.binary.WasmBytes.vec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tricolor.testing.RepositoryFiles;
import dev.tricolor.wasm.binary.ModuleParser;
import dev.tricolor.wasm.host.AscHost;
import dev.tricolor.wasm.model.FuncType;
import dev.tricolor.wasm.model.ValType;
import dev.tricolor.wasm.model.WasmModule;
import dev.tricolor.wasm.validate.Validator;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class InstantiationTest {
  private static WasmModule program(String name) throws IOException {
    return ModuleParser.parse(Files.readAllBytes(
        RepositoryFiles.testProgramsBuild().resolve("debug/" + name + ".wasm")));
  }

  @Test
  void aMissingImportIsNamedWithItsSignature() throws IOException {
    WasmModule clock = program("clock"); // imports env.Date.now: () -> f64
    LinkException e = assertThrows(LinkException.class,
        () -> Instance.instantiate(new Store(), clock, new Imports()));
    assertTrue(e.getMessage().startsWith("unknown import env."), e.getMessage());
    Store store = new Store();
    Imports onlyAbort = new Imports().add("env", "abort",
        new AscHost().imports(store).get("env", "abort"));
    LinkException now = assertThrows(LinkException.class,
        () -> Instance.instantiate(store, clock, onlyAbort));
    assertEquals("unknown import env.Date.now: () -> f64", now.getMessage());
  }

  @Test
  void anImportOfTheWrongTypeIsIncompatible() throws IOException {
    Store store = new Store();
    Imports imports = new AscHost().imports(store);
    imports.addFunction(store, "env", "Date.now",
        FuncType.of(new ValType[0], new ValType[] {ValType.I32}), c -> 0);
    LinkException e = assertThrows(LinkException.class,
        () -> Instance.instantiate(store, program("clock"), imports));
    assertEquals(
        "incompatible import type for env.Date.now: expected () -> f64, got () -> i32",
        e.getMessage());
  }

  @Test
  void memoryLimitBelowTheModulesMaximumRefusesGrowth() throws IOException {
    // oom declares 4 pages at most; the engine's limit of 2 stops it earlier, as a refused
    // memory.grow that the allocator turns into its out-of-memory trap
    Store store = new Store(EngineLimits.DEFAULT.withMemoryLimitPages(2));
    Instance inst = Instance.instantiate(store, program("oom"), new AscHost().imports(store));
    assertEquals(2, inst.memory().limitPages());
    Trap t = assertThrows(Trap.class, () -> inst.call("exhaust", 8192));
    assertEquals(TrapKind.UNREACHABLE, t.kind());
    assertEquals(2, (int) inst.call("pages")[0]);
  }

  /**
   * A valid module whose function "f" takes an i32 and declares {@code locals} more i32 locals,
   * returning the last of them (0) plus its parameter.
   */
  private static WasmModule manyLocals(int locals) {
    byte[] i32 = bytes(0x7F);
    WasmModule m = ModuleParser.parse(module(
        section(1, vec(cat(bytes(0x60), vec(i32), vec(i32)))),
        section(3, vec(u32(0))),
        section(7, vec(cat(name("f"), bytes(0x00), u32(0)))),
        section(10, vec(body(vec(cat(u32(locals), i32)),
            cat(bytes(0x20), u32(locals), bytes(0x20, 0x00, 0x6A, 0x0B)))))));
    Validator.validate(m);
    return m;
  }

  @Test
  void aFunctionWithMoreLocalsThanTheEngineSupportsIsRefusedByName() {
    WasmModule atTheLimit = manyLocals(Translator.MAX_LOCALS - 1); // and the parameter
    Instance inst = Instance.instantiate(new Store(), atTheLimit, new Imports());
    assertEquals(42, (int) inst.call("f", 42)[0]);

    WasmModule beyond = manyLocals(Translator.MAX_LOCALS);
    LinkException e = assertThrows(LinkException.class,
        () -> Instance.instantiate(new Store(), beyond, new Imports()));
    assertEquals("function 0 has 50001 locals (parameters included), more than the 50000"
        + " supported", e.getMessage());
  }
}
