package dev.tricolor.wasm.binary;

import static dev.tricolor.wasm.binary.WasmBytes.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tricolor.wasm.model.ConstExpr;
import dev.tricolor.wasm.model.CustomSection;
import dev.tricolor.wasm.model.DataSegment;
import dev.tricolor.wasm.model.ElementSegment;
import dev.tricolor.wasm.model.Export;
import dev.tricolor.wasm.model.ExternalKind;
import dev.tricolor.wasm.model.FuncType;
import dev.tricolor.wasm.model.FunctionBody;
import dev.tricolor.wasm.model.FunctionImport;
import dev.tricolor.wasm.model.GlobalImport;
import dev.tricolor.wasm.model.GlobalType;
import dev.tricolor.wasm.model.Limits;
import dev.tricolor.wasm.model.LocalGroup;
import dev.tricolor.wasm.model.MemoryImport;
import dev.tricolor.wasm.model.MemoryType;
import dev.tricolor.wasm.model.NameSection;
import dev.tricolor.wasm.model.SegmentMode;
import dev.tricolor.wasm.model.TableImport;
import dev.tricolor.wasm.model.TableType;
import dev.tricolor.wasm.model.ValType;
import dev.tricolor.wasm.model.WasmModule;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModuleParserTest {
  static final byte[] RICH = SampleModules.RICH;

  @Test
  void decodesTypesImportsAndIndexSpaces() {
    WasmModule m = ModuleParser.parse(RICH);
    assertEquals(
        List.of(
            new FuncType(List.of(ValType.I32, ValType.I32), List.of(ValType.I32)),
            new FuncType(List.of(), List.of()),
            new FuncType(List.of(ValType.I64), List.of(ValType.F32, ValType.F64))),
        m.types());
    assertEquals("[i64] -> [f32 f64]", m.types().get(2).toString());

    assertEquals(4, m.imports().size());
    assertEquals(new FunctionImport(1), m.imports().get(0).descriptor());
    assertEquals(new MemoryImport(new MemoryType(new Limits(1, 2))), m.imports().get(1).descriptor());
    assertEquals(
        new TableImport(new TableType(ValType.FUNCREF, Limits.of(0))), m.imports().get(2).descriptor());
    assertEquals(new GlobalImport(new GlobalType(ValType.I32, true)), m.imports().get(3).descriptor());
    assertEquals("env", m.imports().get(0).module());
    assertEquals("abort", m.imports().get(0).name());

    assertEquals(1, m.importedFunctionCount());
    assertEquals(3, m.functionCount());
    assertTrue(m.isImportedFunction(0));
    assertEquals(m.types().get(1), m.functionType(0));
    assertEquals(m.types().get(0), m.functionType(1));
    assertEquals(m.types().get(1), m.functionType(2));
    assertEquals(2, m.allTables().size());
    assertEquals(new TableType(ValType.EXTERNREF, new Limits(1, 10)), m.allTables().get(1));
    assertEquals(1, m.allMemories().size());
    assertEquals(4, m.allGlobalTypes().size());
    assertEquals(1, m.importedGlobalCount());
    assertEquals(new GlobalType(ValType.F64, false), m.allGlobalTypes().get(2));
  }

  @Test
  void decodesGlobalsExportsStartAndConstantExpressions() {
    WasmModule m = ModuleParser.parse(RICH);
    ConstExpr i64 = m.globals().get(0).init();
    assertEquals(Opcodes.I64_CONST, i64.opcode());
    assertEquals(-5L, i64.immediate());
    assertEquals(0x0B, RICH[i64.end() - 1] & 0xFF, "end points past the end opcode");
    assertEquals(0x42, RICH[i64.start()] & 0xFF, "start points at the instruction");
    ConstExpr f64 = m.globals().get(1).init();
    assertEquals(Opcodes.F64_CONST, f64.opcode());
    assertEquals(1.5, Double.longBitsToDouble(f64.immediate()));
    ConstExpr ref = m.globals().get(2).init();
    assertEquals(Opcodes.REF_FUNC, ref.opcode());
    assertEquals(1, ref.index());

    assertEquals(List.of(new Export("add", ExternalKind.FUNCTION, 1), new Export("big", ExternalKind.GLOBAL, 1)), m.exports());
    assertEquals(new Export("add", ExternalKind.FUNCTION, 1), m.export("add"));
    assertNull(m.export("missing"));
    assertEquals(2, m.startFunction());
    assertEquals(2, m.dataCount());
  }

  @Test
  void decodesElementSegmentsOfEveryMode() {
    List<ElementSegment> elems = ModuleParser.parse(RICH).elements();
    assertEquals(4, elems.size());

    ElementSegment active = elems.get(0);
    assertEquals(SegmentMode.ACTIVE, active.mode());
    assertEquals(0, active.tableIndex());
    assertEquals(Opcodes.I32_CONST, active.offset().opcode());
    assertEquals(1, active.offset().immediate());
    assertEquals(List.of(1, 2), active.elements().stream().map(ConstExpr::index).toList());
    assertTrue(active.elements().stream().allMatch(e -> e.opcode() == Opcodes.REF_FUNC));
    assertFalse(active.usesExpressions());

    ElementSegment passive = elems.get(1);
    assertEquals(SegmentMode.PASSIVE, passive.mode());
    assertNull(passive.offset());
    assertEquals(ValType.FUNCREF, passive.type());

    ElementSegment exprs = elems.get(2);
    assertEquals(SegmentMode.PASSIVE, exprs.mode());
    assertTrue(exprs.usesExpressions());
    assertEquals(Opcodes.REF_NULL, exprs.elements().get(0).opcode());
    assertEquals(ValType.FUNCREF.code(), exprs.elements().get(0).immediate());
    assertEquals(Opcodes.REF_FUNC, exprs.elements().get(1).opcode());

    assertEquals(SegmentMode.DECLARATIVE, elems.get(3).mode());
    assertEquals(3, elems.get(3).encoding());
  }

  @Test
  void decodesDataSegmentsAsRangesOfTheFile() {
    List<DataSegment> data = ModuleParser.parse(RICH).data();
    assertEquals(2, data.size());
    DataSegment active = data.get(0);
    assertEquals(SegmentMode.ACTIVE, active.mode());
    assertEquals(16, active.offset().immediate());
    assertEquals("hi", new String(RICH, active.dataStart(), active.dataLength()));
    DataSegment passive = data.get(1);
    assertEquals(SegmentMode.PASSIVE, passive.mode());
    assertEquals("xyz", new String(RICH, passive.dataStart(), passive.dataLength()));
  }

  @Test
  void decodesFunctionBodiesWithFileOffsets() {
    WasmModule m = ModuleParser.parse(RICH);
    FunctionBody add = m.body(1);
    assertEquals(1, add.functionIndex());
    assertEquals(List.of(new LocalGroup(2, ValType.I32), new LocalGroup(1, ValType.F64)), add.locals());
    assertEquals(3, add.localCount());
    assertEquals(ValType.F64, add.localType(2));
    assertArrayEquals(
        bytes(0x20, 0, 0x20, 1, 0x6A, 0x0B), Arrays.copyOfRange(RICH, add.codeStart(), add.end()));
    assertEquals(add.end(), m.body(2).start() - 1, "the next body starts after its size byte");
  }

  @Test
  void keepsCustomSectionsAndTheSourceMapUrl() {
    WasmModule m = ModuleParser.parse(RICH);
    assertEquals(List.of("sourceMappingURL", "name"), m.customSections().stream().map(CustomSection::name).toList());
    assertEquals("./rich.wasm.map", m.sourceMappingURL());
    CustomSection c = m.customSection("sourceMappingURL");
    assertArrayEquals(name("./rich.wasm.map"), c.content());
    assertArrayEquals(c.content(), Arrays.copyOfRange(RICH, c.contentStart(), c.end()));
  }

  @Test
  void decodesTheNameSection() {
    WasmModule m = ModuleParser.parse(RICH);
    assertEquals("m", m.names().moduleName());
    assertEquals(Map.of(1, "add", 2, "nop"), m.names().functionNames());
    assertEquals("tmp", m.names().localName(1, 2));
    assertNull(m.names().localName(2, 0));
    assertEquals("big", m.names().globalName(1));
    assertEquals("add", m.functionDisplayName(1));
    assertEquals("env.abort", m.functionDisplayName(0));
    assertTrue(m.warnings().isEmpty());
  }

  @Test
  void decodesBinaryensExtendedNameSubsections() {
    byte[] bytes =
        module(section(0, name("name"),
            SampleModules.subsection(3, vec(cat(u32(1), vec(cat(u32(0), name("loop0")))))),
            SampleModules.subsection(4, vec(cat(u32(0), name("t0")))),
            SampleModules.subsection(5, vec(cat(u32(0), name("tab")))),
            SampleModules.subsection(6, vec(cat(u32(0), name("mem")))),
            SampleModules.subsection(7, vec(cat(u32(2), name("g2")))),
            SampleModules.subsection(8, vec(cat(u32(0), name("elem0")))),
            SampleModules.subsection(9, vec(cat(u32(0), name("data0")), cat(u32(3), name("data3"))))));
    NameSection n = ModuleParser.parse(bytes).names();
    assertEquals(Map.of(1, Map.of(0, "loop0")), n.labelNames());
    assertEquals(Map.of(0, "t0"), n.typeNames());
    assertEquals(Map.of(0, "tab"), n.tableNames());
    assertEquals(Map.of(0, "mem"), n.memoryNames());
    assertEquals("g2", n.globalName(2));
    assertEquals(Map.of(0, "elem0"), n.elemSegmentNames());
    assertEquals(List.of("data0", "data3"), List.copyOf(n.dataSegmentNames().values()), "in the section's order");
    assertEquals(Map.of(0, "data0", 3, "data3"), n.dataSegmentNames());
  }

  @Test
  void aBrokenNameSectionIsAWarningNotAnError() {
    byte[] bytes =
        module(section(0, name("name"), bytes(1), u32(9), vec(cat(u32(0), name("ok"))), bytes(1, 0xFF, 0xFF)));
    WasmModule m = ModuleParser.parse(bytes);
    assertEquals(1, m.warnings().size());
    assertTrue(m.warnings().get(0).startsWith("name section partly ignored"), m.warnings().get(0));
  }

  @Test
  void anEmptyModuleHasNothing() {
    WasmModule m = ModuleParser.parse(module());
    assertEquals(0, m.functionCount());
    assertEquals(-1, m.startFunction());
    assertEquals(-1, m.dataCount());
    assertNull(m.sourceMappingURL());
  }
}
